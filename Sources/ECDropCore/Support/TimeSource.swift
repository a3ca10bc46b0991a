import Foundation

/// Where the time comes from. Injected everywhere so that tests move time by hand.
public protocol TimeSource: Sendable {
    func now() -> Date
    /// Suspends until `deadline` or until the task is cancelled (then throws CancellationError).
    func sleep(until deadline: Date) async throws
}

extension TimeSource {
    public func sleep(for seconds: TimeInterval) async throws {
        try await sleep(until: now().addingTimeInterval(seconds))
    }
}

/// The wall clock.
public struct SystemTimeSource: TimeSource {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        if seconds > 0 {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
        } else {
            try Task.checkCancellation()
        }
    }
}
