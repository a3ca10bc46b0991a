import ECDropInotify
import Foundation

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct InotifyTestFolder {
    let path: String

    init(_ label: String = "inotify") throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/ecdrop-\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Creates or replaces `name` by writing it in place (open, write, close: one close_write).
    func write(_ name: String, _ text: String = "{}") throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

extension AsyncStream<InotifyEvent>.Iterator {
    /// The next event that matches, skipping others; nil when the stream ended.
    mutating func next(where matches: (InotifyEvent) -> Bool) async -> InotifyEvent? {
        while let event = await next() {
            if matches(event) { return event }
        }
        return nil
    }
}
