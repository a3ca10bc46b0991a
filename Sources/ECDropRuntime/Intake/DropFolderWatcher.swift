import ECDropCore
import ECDropInotify
import Foundation

/// Watches one drop folder and delivers each manifest that lands in it to the sink exactly as
/// often as it is written: never a half-written one, never none.
///
/// A file counts when it is closed after writing or moved in and its name passes the folder's
/// filter. It is read once it has been quiet for the folder's settle delay, so a rewrite (Packer
/// rewrites its manifest once per build) ends as one delivery. At start, after an overflow, after
/// the watch comes back and every `rescanInterval`, the folder is listed again: the folder, not
/// memory, is the truth. A lost watch (folder deleted, watch limit) is reported and retried.
public actor DropFolderWatcher {
    public struct Options: Sendable {
        /// Files read and handed to the sink at once; the journal records them in one commit.
        /// Manifests are a few KiB, so this bounds memory to well under a MiB in practice.
        public var maxInFlight = 128
        /// A bigger file is not a manifest: it goes to `failed/`.
        public var maxManifestBytes = 16 << 20
        /// Events held for this watcher before the rest are dropped and a rescan is due.
        public var eventBufferLimit = 8192
        /// Retrying a watch that failed or was lost.
        public var watchRetry = DropFolderBackoff(initial: 1, maximum: 60)
        /// Retrying one file that could not be read or that the sink failed on.
        public var fileRetry = DropFolderBackoff(initial: 1, maximum: 300)
        /// Pausing the folder while the sink is busy or its journal in trouble.
        public var busyRetry = DropFolderBackoff(initial: 0.5, maximum: 30)
        /// A safety net for events inotify cannot see (hard links); nil turns it off.
        public var rescanInterval: TimeInterval? = 300

        public init() {}
    }

    public nonisolated let settings: DropFolderSettings
    let processor: DropFolderProcessor
    let filter: DropFolderFilter
    let time: any TimeSource
    let logger: Logger
    let options: Options
    let watcher: InotifyWatcher

    var schedule = DropFolderSchedule()
    var workers: [String: Task<Void, Never>] = [:]
    var timer: (deadline: Date, task: Task<Void, Never>)?
    var nextRescan: Date?
    var currentWatch: InotifyWatch?
    var idleWaiters: [CheckedContinuation<Void, Never>] = []
    var watchingWaiters: [CheckedContinuation<Void, Never>] = []
    var started = false
    var stopping = false
    /// How many times the folder was listed again after the start (overflow, lost watch, interval).
    public private(set) var rescanCount = 0

    public init(
        settings: DropFolderSettings, sink: any ManifestSink, time: any TimeSource = SystemTimeSource(),
        logger: Logger, options: Options = Options(), watcher: InotifyWatcher = .shared
    ) {
        self.settings = settings
        self.filter = DropFolderFilter(settings)
        self.time = time
        self.logger = logger.with(["drop.folder": .string(settings.path)])
        self.options = options
        self.watcher = watcher
        self.processor = DropFolderProcessor(
            settings: settings, sink: sink, time: time, logger: self.logger, options: options)
    }

    /// Watches until the task is cancelled, then waits for the files being read.
    public func run() async {
        var failures = 0
        while !Task.isCancelled {
            guard let watch = subscribe(failures: &failures) else {
                try? await time.sleep(for: options.watchRetry.delay(afterFailures: failures))
                continue
            }
            if failures > 0 { logger.notice("drop folder watch restored", ["attempts": .int(failures)]) }
            failures = 0
            rescan(reason: started ? "watch_restored" : "start")
            started = true
            for waiter in watchingWaiters { waiter.resume() }
            watchingWaiters.removeAll()
            var ending: InotifyEvent.Mask?
            for await event in watch.events {
                guard handle(event) else {
                    ending = event.mask
                    break
                }
            }
            watch.cancel()
            currentWatch = nil
            if Task.isCancelled { break }
            logger.warning("drop folder watch lost, retrying", lostReason(ending))
            failures = 1
            try? await time.sleep(for: options.watchRetry.delay(afterFailures: failures))
        }
        await stop()
    }

    /// Test hook: the live subscription, to inject events through the adapter's stream.
    public var watch: InotifyWatch? { currentWatch }

    /// Suspends until the folder is watched and has been scanned once since the watch began.
    public func waitUntilWatching() async {
        if currentWatch != nil { return }
        await withCheckedContinuation { watchingWaiters.append($0) }
    }

    /// Suspends until nothing is pending: no file waits for its settle delay or a retry, none is
    /// being read. Files waiting for a write (incomplete, kept, stuck) do not count.
    public func waitUntilIdle() async {
        if schedule.isIdle { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func subscribe(failures: inout Int) -> InotifyWatch? {
        do {
            let watch = try watcher.watch(
                settings.path, for: InotifyEvent.Mask.dropFolder.union(.onlyDirectory),
                bufferLimit: options.eventBufferLimit)
            currentWatch = watch
            return watch
        } catch {
            failures += 1
            let delay = options.watchRetry.delay(afterFailures: failures)
            logger.warning(
                "drop folder watch failed, retrying",
                [
                    "error.code": .string(error.code), "error.message": .string(error.message),
                    "retry_in_ms": .int(Int(delay * 1000)), "attempts": .int(failures),
                ])
            return nil
        }
    }

    /// Why the watch ended: the folder's own event, or the reader's failure.
    private func lostReason(_ ending: InotifyEvent.Mask?) -> LogMetadata {
        if let ending { return ["reason": .string(ending.description)] }
        guard let failure = watcher.lastReadFailure else { return ["reason": "stream_ended"] }
        return [
            "reason": "reader_failed", "error.code": .string(failure.code), "error.message": .string(failure.message),
        ]
    }

    /// Applies one event; false when the watch is gone and must be set up again.
    private func handle(_ event: InotifyEvent) -> Bool {
        let mask = event.mask
        if mask.contains(.overflow) {
            logger.warning("drop folder events overflowed, rescanning", [:])
            rescan(reason: "overflow")
            return true
        }
        if !mask.isDisjoint(with: [.deleteSelf, .moveSelf, .ignored, .unmount]) { return false }
        guard !mask.contains(.isDirectory), filter.accepts(event.name) else { return true }
        if !mask.isDisjoint(with: [.closeWrite, .movedTo]) {
            schedule.noteWritten(event.name, at: time.now(), settle: settings.settle)
        } else if !mask.isDisjoint(with: [.delete, .movedFrom]) {
            schedule.noteGone(event.name)
        }
        pump()
        return true
    }

    /// Lists the folder and notes every file that is new or changed since it was last read.
    func rescan(reason: String) {
        if reason != "start" { rescanCount += 1 }
        let now = time.now()
        nextRescan = options.rescanInterval.map { now.addingTimeInterval($0) }
        do {
            let files = try DropFolderFiles.list(settings.path)
            var noted = 0
            for file in files where filter.accepts(file.name) {
                schedule.noteFound(file.name, stamp: file.stamp, at: now, settle: settings.settle)
                noted += 1
            }
            logger.debug("drop folder scanned", ["reason": .string(reason), "files": .int(noted)])
        } catch {
            logger.warning(
                "drop folder scan failed",
                ["reason": .string(reason), "error.code": .string(error.code), "error.message": .string(error.message)])
        }
        pump()
    }
}
