import ECDropCore
import ECDropInotify
import Foundation

/// Every configured drop folder, one watcher each, delivering to one sink. The daemon runs this.
public struct DropFolderIntake: Sendable {
    public let watchers: [DropFolderWatcher]

    public init(
        folders: [DropFolderSettings], sink: any ManifestSink, time: any TimeSource = SystemTimeSource(),
        logger: Logger, options: DropFolderWatcher.Options = DropFolderWatcher.Options(),
        watcher: InotifyWatcher = .shared
    ) {
        watchers = folders.map {
            DropFolderWatcher(settings: $0, sink: sink, time: time, logger: logger, options: options, watcher: watcher)
        }
    }

    /// Runs every folder's watcher until the task is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for watcher in watchers {
                group.addTask { await watcher.run() }
            }
        }
    }
}
