import Foundation
import Synchronization

/// Lets a loop sleep until a time, or forever, and be woken early by another part. A wake that
/// comes while nobody waits is kept, so it is never lost between two waits.
final class Wakeup: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        var generation = 0
    }

    private let state = Mutex(State())

    func wake() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns at `deadline` (never when nil), on `wake()`, or when the task is cancelled.
    func wait(until deadline: Date?) async {
        let generation = state.withLock { state -> Int in
            state.generation += 1
            return state.generation
        }
        let timer = deadline.map { deadline in
            Task {
                let seconds = max(0, deadline.timeIntervalSinceNow)
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                if !Task.isCancelled { self.resume(generation) }
            }
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            self.resume(nil)
        }
        timer?.cancel()
        // A timer that fires late must not wake the next wait.
        state.withLock { $0.generation += 1 }
    }

    /// Resumes the waiter of `generation` (any waiter when nil), or marks the wake pending when
    /// that wait has not parked yet.
    private func resume(_ generation: Int?) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard generation == nil || generation == state.generation else { return nil }
            guard let waiter = state.waiter else {
                if generation != nil { state.pending = true }
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }
}
