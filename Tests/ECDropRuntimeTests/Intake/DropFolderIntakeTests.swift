import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("Several drop folders into one sink")
struct DropFolderIntakeTests {
    @Test("every configured folder is watched and delivers into the one sink")
    func twoFolders() async throws {
        let root = FileManager.default.temporaryDirectory.path + "/ecdrop-intake-\(UUID().uuidString.prefix(8))"
        let folders = [root + "/a", root + "/b"]
        for folder in folders {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sink = RecordingManifestSink()
        let settings = folders.map { path -> DropFolderSettings in
            var folder = DropFolderSettings(path: path)
            folder.settle = 0.1
            return folder
        }
        let intake = DropFolderIntake(folders: settings, sink: sink, logger: .disabled)
        let running = Task { await intake.run() }

        try await withTestDeadline(20) {
            for watcher in intake.watchers { await watcher.waitUntilWatching() }
            for folder in folders {
                try Data(manifest.utf8).write(to: URL(fileURLWithPath: folder + "/build.json"))
            }
            await sink.waitForAccepted(2)
        }
        running.cancel()
        await running.value
        #expect(Set(await sink.acceptedOrigins) == Set(folders.map { $0 + "/build.json" }))
        #expect(intake.watchers.map(\.settings.path) == folders)
    }
}
