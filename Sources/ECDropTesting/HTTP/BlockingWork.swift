import Foundation

/// Runs blocking work (a child process, a socket read) on a thread of its own, so that tests
/// never hold one of Swift concurrency's few threads while a server in the same process needs it.
public enum BlockingWork {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.start()
        }
    }
}
