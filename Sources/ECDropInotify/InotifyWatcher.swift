internal import CInotifyTools
import Foundation
import Synchronization

/// The process-wide owner of libinotifytools.
///
/// The library keeps global state (one inotify instance, one table of watches, static event
/// buffers), so there is exactly one owner, `shared`, which any number of Swift parts use at
/// once: each `watch(_:for:)` returns its own subscription, and subscriptions to the same folder
/// share one kernel watch. All library calls that change watches are serialized behind one lock;
/// a dedicated thread reads events with `inotifytools_next_event` and a one-second timeout, so it
/// notices when the last subscription ends and stops.
public final class InotifyWatcher: Sendable {
    public static let shared = InotifyWatcher()

    /// Consecutive read failures after which the reader gives up and ends every subscription.
    static let readFailureLimit = 5
    /// Where subscriptions whose consumer went away are cleaned up.
    static let terminations = DispatchQueue(label: "ecdrop.inotify.terminations")
    let state = Mutex(WatcherState())

    private init() {}

    /// Starts watching `path` for `mask` and returns the subscription.
    ///
    /// - Parameter bufferLimit: events held for a slow consumer before the reader drops them and
    ///   reports `.overflow`; bounds memory under bursts.
    public func watch(
        _ path: String, for mask: InotifyEvent.Mask, bufferLimit: Int = 8192
    ) throws(InotifyError)
        -> InotifyWatch
    {
        let (stream, continuation) = AsyncStream.makeStream(
            of: InotifyEvent.self, bufferingPolicy: .bufferingOldest(max(1, bufferLimit)))
        let (id, startReader) = try state.withLock { state throws(InotifyError) in
            try state.initializeLibrary()
            let wd = try state.addKernelWatch(path: path, mask: mask)
            let id = state.addSubscriber(wd: wd, path: path, mask: mask, continuation: continuation)
            let startReader = !state.readerRunning
            state.readerRunning = true
            return (id, startReader)
        }
        // The runtime calls this while holding the consumer task's own lock, and the reader
        // holds ours while it resumes that task: cancelling here directly could deadlock.
        continuation.onTermination = { [self] _ in
            InotifyWatcher.terminations.async { self.cancel(id) }
        }
        if startReader { startReaderThread() }
        return InotifyWatch(path: path, mask: mask, events: stream, id: id, owner: self)
    }

    /// How many kernel watches are in place for all subscriptions together.
    public var kernelWatchCount: Int { state.withLock { $0.watches.count } }

    /// How many subscriptions share the kernel watch on `path` (zero when it is not watched).
    public func subscriberCount(of path: String) -> Int {
        state.withLock { state in
            guard let wd = state.wdByStoredName[WatcherState.storedName(path)] else { return 0 }
            return state.watches[wd]?.subscribers.count ?? 0
        }
    }

    /// How many subscriptions are live.
    public var subscriptionCount: Int { state.withLock { $0.subscribers.count } }

    /// Why the reader last gave up and ended every subscription, if it ever did.
    public var lastReadFailure: InotifyError? { state.withLock { $0.lastReadFailure } }

    func cancel(_ id: Int) {
        let continuation = state.withLock { $0.removeSubscriber(id) }
        continuation?.finish()
    }

    func inject(_ event: InotifyEvent, into id: Int) {
        state.withLock { state in
            guard state.subscribers[id] != nil else { return }
            state.deliver(event, to: id)
        }
    }

    private func startReaderThread() {
        let thread = Thread { [self] in readLoop() }
        thread.name = "ecdrop-inotify"
        thread.start()
    }
}
