import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation

/// A real drop folder in a temporary directory, a recording sink and a running watcher.
final class DropFolderHarness: Sendable {
    let root: String
    let folder: String
    let sink: RecordingManifestSink
    let logs = MemoryLogSink()
    let watcher: DropFolderWatcher
    let task: Task<Void, Never>

    init(
        settle: TimeInterval = 0.2, after: DropFolderSettings.After = .move, incompleteTimeout: TimeInterval = 300,
        options: DropFolderWatcher.Options = DropFolderHarness.fastOptions, sink: RecordingManifestSink = .init(),
        createFolder: Bool = true, prepare: (String) throws -> Void = { _ in }
    ) throws {
        root = FileManager.default.temporaryDirectory.path + "/ecdrop-drop-\(UUID().uuidString.prefix(8))"
        folder = root + "/drop"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        if createFolder { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try prepare(folder)
        var settings = DropFolderSettings(path: folder)
        settings.settle = settle
        settings.after = after
        settings.incompleteTimeout = incompleteTimeout
        self.sink = sink
        watcher = DropFolderWatcher(
            settings: settings, sink: sink, logger: Logger(level: .debug, sink: logs), options: options)
        let watcher = watcher
        task = Task { await watcher.run() }
    }

    static var fastOptions: DropFolderWatcher.Options {
        var options = DropFolderWatcher.Options()
        options.watchRetry = DropFolderBackoff(initial: 0.1, maximum: 0.5)
        options.fileRetry = DropFolderBackoff(initial: 0.1, maximum: 0.5)
        options.busyRetry = DropFolderBackoff(initial: 0.1, maximum: 0.5)
        return options
    }

    func path(_ name: String) -> String { folder + "/" + name }

    /// Writes in place: one open, write, close.
    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
    }

    /// Writes beside the folder, then renames into it: one moved_to.
    func moveIn(_ name: String, _ text: String) throws {
        let staging = root + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: staging))
        try FileManager.default.moveItem(atPath: staging, toPath: path(name))
    }

    func names(in subfolder: String = "") -> [String] {
        let target = subfolder.isEmpty ? folder : folder + "/" + subfolder
        let all = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        return all.filter { !subfolder.isEmpty || ($0 != "processed" && $0 != "failed") }.sorted()
    }

    func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    func logged(_ message: String) -> Bool { logs.entries.contains { $0.message == message } }

    func stop() async {
        task.cancel()
        await task.value
        try? FileManager.default.removeItem(atPath: root)
    }
}

let manifest = #"{"builds":[{"name":"win11","artifact_id":"oss://images/win11.vhd"}],"last_run_uuid":"r1"}"#
