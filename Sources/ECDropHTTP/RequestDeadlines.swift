import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Deadlines by which each connection's current request must have fully arrived. The library
/// only cuts connections that go quiet; this cuts those that trickle bytes to stay alive.
///
/// A deadline is armed when a connection opens and again after each answer, disarmed while a
/// handler works on the request, and dropped when the connection closes. Sockets are shut
/// down under the same lock that drops them, so a reused descriptor is never touched.
final class RequestDeadlines: Sendable {
    private let deadlines = Mutex<[Int32: Date]>([:])
    let timeout: TimeInterval

    init(timeout: TimeInterval) { self.timeout = timeout }

    func arm(_ socket: Int32, now: Date = Date()) {
        guard socket >= 0 else { return }
        deadlines.withLock { $0[socket] = now.addingTimeInterval(timeout) }
    }

    func disarm(_ socket: Int32) {
        guard socket >= 0 else { return }
        _ = deadlines.withLock { $0.updateValue(.distantFuture, forKey: socket) }
    }

    func closed(_ socket: Int32) {
        _ = deadlines.withLock { $0.removeValue(forKey: socket) }
    }

    /// Shuts down every connection past its deadline; the library then closes it. Returns how many.
    @discardableResult
    func cutOverdue(now: Date = Date()) -> Int {
        deadlines.withLock { deadlines in
            let overdue = deadlines.filter { $0.value < now }.map(\.key)
            for socket in overdue {
                _ = shutdown(socket, Int32(SHUT_RDWR))
                deadlines[socket] = .distantFuture
            }
            return overdue.count
        }
    }
}
