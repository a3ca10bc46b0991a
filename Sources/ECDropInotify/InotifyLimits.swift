import Foundation

/// The kernel's inotify limits for this user, read from `/proc/sys/fs/inotify`.
///
/// Read directly rather than through the library: libinotifytools 3.22 looks for the queue
/// limit under a misspelled file name and always fails.
public struct InotifyLimits: Sendable, Hashable {
    /// Events the kernel queues per instance before it reports an overflow.
    public var maxQueuedEvents: Int?
    public var maxUserInstances: Int?
    public var maxUserWatches: Int?

    public init(maxQueuedEvents: Int?, maxUserInstances: Int?, maxUserWatches: Int?) {
        self.maxQueuedEvents = maxQueuedEvents
        self.maxUserInstances = maxUserInstances
        self.maxUserWatches = maxUserWatches
    }

    /// The limits now in force; a value is nil when its file cannot be read.
    public static func current(directory: String = "/proc/sys/fs/inotify") -> InotifyLimits {
        InotifyLimits(
            maxQueuedEvents: number(in: directory + "/max_queued_events"),
            maxUserInstances: number(in: directory + "/max_user_instances"),
            maxUserWatches: number(in: directory + "/max_user_watches"))
    }

    static func number(in path: String) -> Int? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
