import ECDropCore
import Foundation

/// New jobs go straight to the engine instead of waiting for the round in progress (a round
/// may be polling imports for seconds). At most `limit` new jobs run this way at once; past
/// that, and once closed, `start` declines and the caller wakes the round instead.
final class ExpressLane: Sendable {
    private struct State {
        var running: [Int: Task<Void, Never>] = [:]
        var jobs = 0
        var nextKey = 0
        var closed = false
    }

    private let limit: Int
    private let state = LockedValue(State())

    init(limit: Int = 16) { self.limit = limit }

    /// Whether `count` more jobs would be taken now.
    func hasRoom(for count: Int) -> Bool {
        state.update { !$0.closed && $0.jobs + count <= limit }
    }

    /// Starts `jobs` on the engine and calls `then` when they rest; false when they were not taken.
    /// Jobs whose upload intake committed are taken past the limit, since the round would leave
    /// them to their upload lease; intake commits only when there was room a moment before.
    func start(_ jobs: [Job], engine: JobEngine, then: @escaping @Sendable () -> Void) -> Bool {
        let committed = jobs.contains { $0.state == .uploading }
        return state.update { state -> Bool in
            guard !state.closed, committed || state.jobs + jobs.count <= limit else { return false }
            let key = state.nextKey
            state.nextKey += 1
            state.jobs += jobs.count
            state.running[key] = Task {
                await engine.start(newJobs: jobs)
                self.finished(key, count: jobs.count)
                then()
            }
            return true
        }
    }

    /// Takes no more jobs.
    func close() { state.update { $0.closed = true } }

    /// Waits for the jobs under way; cancels them when they outlast `grace` seconds.
    func finish(cancellingAfter grace: TimeInterval) async {
        let tasks = state.update { Array($0.running.values) }
        guard !tasks.isEmpty else { return }
        let cutter = Task {
            try? await Task.sleep(nanoseconds: UInt64(max(0, grace) * 1_000_000_000))
            for task in tasks { task.cancel() }
        }
        for task in tasks { await task.value }
        cutter.cancel()
    }

    private func finished(_ key: Int, count: Int) {
        state.update { state in
            state.running[key] = nil
            state.jobs -= count
        }
    }
}
