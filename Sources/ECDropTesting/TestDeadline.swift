import Foundation

/// Thrown by `withTestDeadline` when the body did not finish in time.
public struct TestDeadlineExceeded: Error, CustomStringConvertible {
    public var seconds: Double
    public var description: String { "the test did not finish within \(seconds) s" }
}

/// Runs `body`, cancelling it and throwing `TestDeadlineExceeded` after `seconds`: a bound that
/// keeps a broken test from hanging the run, not a timing assertion.
public func withTestDeadline<T: Sendable>(
    _ seconds: Double, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw TestDeadlineExceeded(seconds: seconds)
        }
        return value
    }
}
