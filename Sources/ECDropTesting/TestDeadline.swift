import Foundation

/// Thrown by `withTestDeadline` when the body did not finish in time.
public struct TestDeadlineExceeded: Error, CustomStringConvertible {
    public var seconds: Double
    public var description: String { "the test did not finish within \(seconds) s" }
}

/// Runs `body` and returns its result, or throws `TestDeadlineExceeded` after `seconds`: a bound
/// that keeps a broken test from hanging the run, not a timing assertion. The body is cancelled
/// at the deadline but not waited for, so a wait that ignores cancellation still ends the test.
public func withTestDeadline<T: Sendable>(
    _ seconds: Double, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let outcome = FirstOutcome<T>()
    return try await withCheckedThrowingContinuation { continuation in
        outcome.install(continuation)
        let work = Task {
            do {
                outcome.settle(.success(try await body()))
            } catch {
                outcome.settle(.failure(error))
            }
        }
        Task {
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            work.cancel()
            outcome.settle(.failure(TestDeadlineExceeded(seconds: seconds)))
        }
    }
}

/// Resumes a continuation with whichever outcome comes first.
private final class FirstOutcome<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?

    func install(_ continuation: CheckedContinuation<T, any Error>) {
        lock.lock()
        self.continuation = continuation
        lock.unlock()
    }

    func settle(_ result: Result<T, any Error>) {
        lock.lock()
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume(with: result)
    }
}
