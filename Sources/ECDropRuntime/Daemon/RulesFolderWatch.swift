import ECDropCore
import ECDropInotify
import Foundation

/// Notices changes to the rules folder however they are made: editors that save by rename,
/// `git pull`, files added or removed, and the folder itself swapped (a symlink replaced, the
/// folder moved away and another put in its place), which is seen from the parent folder.
/// Calls `changed` for every relevant event; the daemon waits for a quiet moment before reloading.
/// Nothing polls: when the folder is missing, the parent's events say when it comes back.
struct RulesFolderWatch: Sendable {
    var folder: String
    var logger: Logger
    var changed: @Sendable (String) -> Void

    static let folderEvents: InotifyEvent.Mask = [
        .closeWrite, .movedTo, .movedFrom, .create, .delete, .deleteSelf, .moveSelf,
    ]
    static let parentEvents: InotifyEvent.Mask = [.movedTo, .movedFrom, .create, .delete]

    /// Watches until cancelled.
    func run() async {
        let current = LockedValue<InotifyWatch?>(nil)
        let (replaced, signal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let parentTask = Task { await watchParent(current: current, signal: signal) }
        await withTaskCancellationHandler {
            var replacements = replaced.makeAsyncIterator()
            while !Task.isCancelled {
                if let watch = watchFolder() {
                    current.set(watch)
                    await forward(watch)
                    current.set(nil)
                }
                // Gone or swapped: wait until the parent folder shows a change of the name.
                guard await replacements.next() != nil else { break }
            }
        } onCancel: {
            signal.finish()
            current.get()?.cancel()
        }
        parentTask.cancel()
        await parentTask.value
    }

    private func watchFolder() -> InotifyWatch? {
        let resolved = (folder as NSString).resolvingSymlinksInPath
        do {
            return try InotifyWatcher.shared.watch(resolved, for: Self.folderEvents)
        } catch {
            logger.warning(
                "rules folder not watched", ["rules.folder": .string(folder), "error.code": .string(error.code)])
            return nil
        }
    }

    private func forward(_ watch: InotifyWatch) async {
        for await event in watch.events {
            if event.mask.contains(.overflow) || !event.name.hasPrefix(".") {
                changed("rules folder changed")
            }
            if event.mask.contains(.ignored) || event.mask.contains(.deleteSelf) || event.mask.contains(.moveSelf) {
                break
            }
        }
        watch.cancel()
    }

    private func watchParent(current: LockedValue<InotifyWatch?>, signal: AsyncStream<Void>.Continuation) async {
        let parent = (folder as NSString).deletingLastPathComponent
        let name = (folder as NSString).lastPathComponent
        guard let watch = try? InotifyWatcher.shared.watch(parent, for: Self.parentEvents) else {
            logger.notice("rules folder parent not watched", ["rules.folder": .string(folder)])
            return
        }
        await withTaskCancellationHandler {
            for await event in watch.events where event.name == name || event.mask.contains(.overflow) {
                changed("rules folder replaced")
                signal.yield()
                current.get()?.cancel()
            }
        } onCancel: {
            watch.cancel()
        }
    }
}
