internal import CInotifyTools
import Foundation

extension InotifyWatcher {
    /// Runs on the reader thread until no subscription is left or reading fails for good.
    func readLoop() {
        var failures = 0
        while shouldKeepReading() {
            // One second is the shortest timeout the library offers (zero would block forever).
            // errno, unlike the library's shared error variable, belongs to this thread: zero
            // after a nil result means a timeout.
            errno = 0
            guard let raw = inotifytools_next_event(1) else {
                let code = errno
                if code == 0 || code == EINTR {
                    failures = 0
                    continue
                }
                failures += 1
                if failures >= InotifyWatcher.readFailureLimit { return abandon(errorNumber: code) }
                continue
            }
            failures = 0
            dispatch(RawEvent(raw))
        }
    }

    /// Decides under the lock whether to go on, so a new subscription either sees the reader
    /// running or starts a new one; also hands out overflow notices that were waiting for room.
    private func shouldKeepReading() -> Bool {
        state.withLock { state in
            guard !state.subscribers.isEmpty else {
                state.readerRunning = false
                return false
            }
            state.flushPendingOverflows()
            return true
        }
    }

    private func dispatch(_ raw: RawEvent) {
        let finished = state.withLock { $0.dispatch(raw) }
        for continuation in finished { continuation.finish() }
    }

    /// The reader cannot go on: end every subscription so its owner notices and watches again.
    private func abandon(errorNumber: Int32) {
        let finished = state.withLock { state in
            state.readerRunning = false
            state.lastReadFailure = InotifyError(call: "inotifytools_next_event", path: nil, errorNumber: errorNumber)
            return state.removeAll()
        }
        for continuation in finished { continuation.finish() }
    }
}

/// An event copied out of the library's static buffer before the next read overwrites it.
struct RawEvent {
    var wd: Int32
    var mask: UInt32
    var cookie: UInt32
    var name: String

    init(_ pointer: UnsafeMutablePointer<inotify_event>) {
        wd = pointer.pointee.wd
        mask = pointer.pointee.mask
        cookie = pointer.pointee.cookie
        let length = Int(pointer.pointee.len)
        guard length > 0 else {
            name = ""
            return
        }
        // The name follows the fixed part of the event, padded with NULs to `len` bytes.
        let bytes = UnsafeRawPointer(pointer).advanced(by: MemoryLayout<inotify_event>.size)
            .assumingMemoryBound(to: UInt8.self)
        let buffer = UnsafeBufferPointer(start: bytes, count: length)
        name = String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }

    init(wd: Int32, mask: UInt32, cookie: UInt32 = 0, name: String = "") {
        self.wd = wd
        self.mask = mask
        self.cookie = cookie
        self.name = name
    }
}
