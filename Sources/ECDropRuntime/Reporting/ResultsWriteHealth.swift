import ECDropCore
import Foundation
import Synchronization

/// Whether result files can be written. A results folder that turns read-only, fills up or
/// vanishes fails every file the same way; this keeps that to one error line when it starts
/// and one notice when it ends, and tells the pipeline when to try the stale files again.
public final class ResultsWriteHealth: Sendable {
    private struct State {
        /// The failed call and the system's reason of the failure being reported, if any.
        var failing: String?
        var failures = 0
        var lastFailure = Date.distantPast
    }

    private let state = Mutex(State())
    public let retry: Backoff

    public init(retry: Backoff = Backoff(initial: 1, maximum: 60)) { self.retry = retry }

    /// Records a failed write; true when it should be logged (the first, or a new kind). Only a
    /// failure once the pause is over makes the next pause longer: a round fails many files.
    public func failed(_ error: FileWriteError, at now: Date) -> Bool {
        let kind = "\(error.call):\(error.errorNumber)"
        return state.withLock { state in
            let isNew = state.failing != kind
            if isNew || now >= Self.nextTry(state, retry: retry) {
                state.failures += 1
                state.lastFailure = now
            }
            state.failing = kind
            return isNew
        }
    }

    /// Records a write that worked; the number of failures before it when that ends an outage.
    public func succeeded() -> Int? {
        state.withLock { state in
            guard state.failing != nil else { return nil }
            defer { state = State() }
            return state.failures
        }
    }

    /// When stale result files should be tried again; nil while writes work.
    public var nextTry: Date? {
        state.withLock { state in
            state.failing == nil ? nil : Self.nextTry(state, retry: retry)
        }
    }

    private static func nextTry(_ state: State, retry: Backoff) -> Date {
        state.lastFailure.addingTimeInterval(retry.delay(after: max(0, state.failures - 1)))
    }
}
