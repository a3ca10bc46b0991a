/// One subscription to changes of one path, handed out by `InotifyWatcher.watch`.
///
/// Events arrive on `events` in kernel order. The stream ends after an `.ignored` event (the
/// watched folder was deleted, moved away or unmounted), after `cancel()`, or when the reader
/// fails for good; watch the path again to go on. When the reader had to drop events because
/// the consumer fell behind, it delivers one `.overflow` event as soon as there is room again.
public final class InotifyWatch: Sendable {
    /// The path as it was given to `InotifyWatcher.watch`.
    public let path: String
    /// The kinds of events this subscription asked for; `.overflow` and `.ignored` always come.
    public let mask: InotifyEvent.Mask
    public let events: AsyncStream<InotifyEvent>
    let id: Int
    let owner: InotifyWatcher

    init(path: String, mask: InotifyEvent.Mask, events: AsyncStream<InotifyEvent>, id: Int, owner: InotifyWatcher) {
        self.path = path
        self.mask = mask
        self.events = events
        self.id = id
        self.owner = owner
    }

    /// Ends this subscription and its stream; the kernel watch goes when its last subscriber does.
    public func cancel() { owner.cancel(id) }

    /// Puts an event into this subscription's stream as if the kernel had sent it, through the
    /// same buffer as real events: lets callers exercise their overflow handling on demand.
    public func simulate(_ mask: InotifyEvent.Mask, name: String = "") {
        owner.inject(InotifyEvent(watchedPath: path, name: name, mask: mask), into: id)
    }
}
