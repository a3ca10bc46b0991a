internal import CInotifyTools
import Foundation

/// Everything the shared watcher knows, guarded by its lock. Library calls that change watches
/// happen only here, under that lock.
struct WatcherState: ~Copyable {
    struct Subscriber {
        var path: String
        var mask: InotifyEvent.Mask
        var wd: Int32
        var continuation: AsyncStream<InotifyEvent>.Continuation
        var overflowPending = false
    }

    struct KernelWatch {
        var mask: InotifyEvent.Mask
        /// The names the library stored for this watch (one per spelling of the path).
        var storedNames: Set<String>
        var subscribers: Set<Int>
    }

    /// Always delivered, whatever a subscriber asked for.
    static let alwaysDelivered: InotifyEvent.Mask = [.overflow, .ignored, .unmount]

    var initialized = false
    var readerRunning = false
    var lastReadFailure: InotifyError?
    var watches: [Int32: KernelWatch] = [:]
    var wdByStoredName: [String: Int32] = [:]
    var subscribers: [Int: Subscriber] = [:]
    var nextID = 1
    var retiredCount = 0

    mutating func initializeLibrary() throws(InotifyError) {
        guard !initialized else { return }
        try check("inotifytools_initialize") { inotifytools_initialize() }
        initialized = true
    }

    /// Adds (or widens) the kernel watch for `path` and returns its descriptor.
    mutating func addKernelWatch(path: String, mask: InotifyEvent.Mask) throws(InotifyError) -> Int32 {
        let stored = WatcherState.storedName(path)
        if let wd = wdByStoredName[stored], let existing = watches[wd] {
            if !existing.mask.isSuperset(of: mask) {
                let wider = existing.mask.union(mask)
                try watchFile(path, wider)
                watches[wd]?.mask = wider
            }
            return wd
        }
        try watchFile(path, mask)
        let wd = inotifytools_wd_from_filename(stored)
        guard wd > 0 else {
            throw InotifyError(call: "inotifytools_wd_from_filename", path: path, errorNumber: EINVAL)
        }
        // Another spelling of the same folder yields the same descriptor: share it.
        var entry = watches[wd] ?? KernelWatch(mask: [], storedNames: [], subscribers: [])
        entry.mask.formUnion(mask)
        entry.storedNames.insert(stored)
        watches[wd] = entry
        wdByStoredName[stored] = wd
        return wd
    }

    /// Adds `mask` to the kernel watch on `path` (IN_MASK_ADD keeps what others asked for).
    private func watchFile(_ path: String, _ mask: InotifyEvent.Mask) throws(InotifyError) {
        let events = Int32(bitPattern: mask.rawValue | UInt32(IN_MASK_ADD))
        try check("inotifytools_watch_file", path: path) { inotifytools_watch_file(path, events) }
    }

    mutating func addSubscriber(
        wd: Int32, path: String, mask: InotifyEvent.Mask, continuation: AsyncStream<InotifyEvent>.Continuation
    ) -> Int {
        let id = nextID
        nextID += 1
        subscribers[id] = Subscriber(path: path, mask: mask, wd: wd, continuation: continuation)
        watches[wd]?.subscribers.insert(id)
        return id
    }

    /// Forgets a subscriber; removes the kernel watch when it was the last one. Returns the
    /// continuation to finish outside the lock (finishing runs its termination handler).
    mutating func removeSubscriber(_ id: Int) -> AsyncStream<InotifyEvent>.Continuation? {
        guard let subscriber = subscribers.removeValue(forKey: id) else { return nil }
        watches[subscriber.wd]?.subscribers.remove(id)
        if let watch = watches[subscriber.wd], watch.subscribers.isEmpty {
            retire(subscriber.wd, removeFromKernel: true)
        }
        return subscriber.continuation
    }

    /// Ends everything, for a reader that cannot go on.
    mutating func removeAll() -> [AsyncStream<InotifyEvent>.Continuation] {
        for wd in Array(watches.keys) { retire(wd, removeFromKernel: true) }
        let continuations = subscribers.values.map(\.continuation)
        subscribers.removeAll()
        return continuations
    }

    /// Routes one kernel event; returns the streams that ended with it.
    mutating func dispatch(_ raw: RawEvent) -> [AsyncStream<InotifyEvent>.Continuation] {
        let mask = InotifyEvent.Mask(rawValue: raw.mask)
        if mask.contains(.overflow) {
            for (id, subscriber) in subscribers {
                deliver(InotifyEvent(watchedPath: subscriber.path, name: "", mask: mask), to: id)
            }
            return []
        }
        guard let watch = watches[raw.wd] else { return [] }
        for id in watch.subscribers {
            guard let subscriber = subscribers[id], WatcherState.wants(subscriber.mask, mask) else { continue }
            let event = InotifyEvent(watchedPath: subscriber.path, name: raw.name, mask: mask, cookie: raw.cookie)
            deliver(event, to: id)
        }
        guard mask.contains(.ignored) else { return [] }
        // The kernel has dropped the watch (folder deleted, moved away, unmounted): end its streams.
        retire(raw.wd, removeFromKernel: false)
        let ended = watch.subscribers.compactMap { subscribers.removeValue(forKey: $0)?.continuation }
        return ended
    }

    /// Yields into a subscriber's bounded buffer; when it is full, drops the event and owes the
    /// subscriber one `.overflow`, which goes first as soon as there is room.
    mutating func deliver(_ event: InotifyEvent, to id: Int) {
        guard var subscriber = subscribers[id] else { return }
        if subscriber.overflowPending {
            guard case .enqueued = subscriber.continuation.yield(overflowNotice(for: subscriber)) else { return }
            subscriber.overflowPending = false
        }
        if case .dropped = subscriber.continuation.yield(event) { subscriber.overflowPending = true }
        subscribers[id] = subscriber
    }

    mutating func flushPendingOverflows() {
        for (id, subscriber) in subscribers where subscriber.overflowPending {
            if case .enqueued = subscriber.continuation.yield(overflowNotice(for: subscriber)) {
                subscribers[id]?.overflowPending = false
            }
        }
    }

    private func overflowNotice(for subscriber: Subscriber) -> InotifyEvent {
        InotifyEvent(watchedPath: subscriber.path, name: "", mask: .overflow)
    }

    /// Forgets a kernel watch. The library has no way to forget a descriptor the kernel already
    /// dropped, so its stored names are renamed to unique dead names first: a later watch on the
    /// same folder then finds its new descriptor, not the dead one.
    private mutating func retire(_ wd: Int32, removeFromKernel: Bool) {
        guard let watch = watches.removeValue(forKey: wd) else { return }
        for name in watch.storedNames {
            wdByStoredName[name] = nil
            retiredCount += 1
            inotifytools_replace_filename(name, "\u{1}retired-\(retiredCount)/")
        }
        if removeFromKernel { _ = inotifytools_remove_watch_by_wd(wd) }
    }

    static func wants(_ requested: InotifyEvent.Mask, _ event: InotifyEvent.Mask) -> Bool {
        !event.intersection(requested.union(alwaysDelivered)).subtracting(.isDirectory).isEmpty
    }

    /// The library stores directories with a trailing slash and files as given.
    static func storedName(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        guard exists, isDirectory.boolValue, !path.hasSuffix("/") else { return path }
        return path + "/"
    }
}
