import Foundation
import Synchronization

/// Group commit for intake: manifests that arrive while the journal is flushing wait together,
/// and the next transaction records all of them, so a burst costs one disk flush per batch
/// instead of one per manifest. Nobody waits for a timer: a lone manifest is written at once.
public final class IntakeCommitter: Sendable {
    private typealias Waiter = CheckedContinuation<Result<IntakeRecorded, any Error>, Never>

    private struct State {
        var queue: [(write: IntakeWrite, waiter: Waiter)] = []
        var writing = false
    }

    private let store: any IntakeJournal
    /// Writes per transaction at most, so one batch cannot hold the journal for long.
    private let batchLimit: Int
    private let state = Mutex(State())

    public init(store: any IntakeJournal, batchLimit: Int = 512) {
        self.store = store
        self.batchLimit = max(1, batchLimit)
    }

    /// Writes waiting for the next batch.
    public var queued: Int { state.withLock { $0.queue.count } }

    /// Returns once the write is durable in the journal, or failed.
    public func record(_ write: IntakeWrite) async throws -> IntakeRecorded {
        let outcome = await withCheckedContinuation { (waiter: Waiter) in
            let startsWriter = state.withLock { state -> Bool in
                state.queue.append((write, waiter))
                guard !state.writing else { return false }
                state.writing = true
                return true
            }
            if startsWriter { Task { await self.writeBatches() } }
        }
        return try outcome.get()
    }

    /// Drains the queue batch by batch; ends when a batch finds the queue empty.
    private func writeBatches() async {
        while true {
            let batch = state.withLock { state -> [(write: IntakeWrite, waiter: Waiter)] in
                let taken = Array(state.queue.prefix(batchLimit))
                state.queue.removeFirst(taken.count)
                if taken.isEmpty { state.writing = false }
                return taken
            }
            guard !batch.isEmpty else { return }
            do {
                let results = try await store.recordIntake(batch.map(\.write))
                for (entry, result) in zip(batch, results) { entry.waiter.resume(returning: result) }
            } catch {
                for entry in batch { entry.waiter.resume(returning: .failure(error)) }
            }
        }
    }
}
