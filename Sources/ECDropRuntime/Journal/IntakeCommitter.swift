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
        /// Until when the last batch of several writes counts as a burst still going on.
        var burstUntil = Date.distantPast
        var quietWaiters: [(deadline: Date, waiter: CheckedContinuation<Void, Never>)] = []
        var watching = false

        func isQuiet(at now: Date) -> Bool {
            !writing && queue.isEmpty && now >= burstUntil
        }
    }

    /// A batch this large means manifests are arriving together: a burst.
    static let burstBatch = 4
    /// How long after such a batch the burst counts as going on.
    static let burstGap: TimeInterval = 0.02

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

    /// A batch is being written or waits to be.
    public var isBusy: Bool { state.withLock { $0.writing || !$0.queue.isEmpty } }

    /// Nothing is being written, nothing waits, and no burst is going on.
    public var isQuiet: Bool { state.withLock { $0.isQuiet(at: Date()) } }

    /// Returns once intake is quiet, or after `limit` seconds: lets other work give way while a
    /// burst is being journaled, without starving it for long. A burst lasts while batches of
    /// several writes follow each other; a lone manifest's batch holds nobody up.
    public func waitUntilQuiet(atMost limit: TimeInterval) async {
        let deadline = Date().addingTimeInterval(limit)
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let (parked, startsWatch) = state.withLock { state -> (Bool, Bool) in
                guard !state.isQuiet(at: Date()) else { return (false, false) }
                state.quietWaiters.append((deadline, waiter))
                defer { state.watching = true }
                return (true, !state.watching)
            }
            if !parked { waiter.resume() }
            if startsWatch { Task { await self.watchForQuiet() } }
        }
    }

    /// One watcher for all who wait: a look every few milliseconds, not one timer each.
    private func watchForQuiet() async {
        while true {
            try? await Task.sleep(nanoseconds: 5_000_000)
            let now = Date()
            let (due, done) = state.withLock { state in
                let quiet = state.isQuiet(at: now)
                let due = state.quietWaiters.filter { quiet || $0.deadline <= now }.map(\.waiter)
                state.quietWaiters.removeAll { quiet || $0.deadline <= now }
                if state.quietWaiters.isEmpty { state.watching = false }
                return (due, state.quietWaiters.isEmpty)
            }
            for waiter in due { waiter.resume() }
            if done { return }
        }
    }

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
        var batch = state.withLock { Self.takeBatch(from: &$0, limit: batchLimit) }
        while !batch.isEmpty {
            let outcome: Result<[Result<IntakeRecorded, any Error>], any Error>
            do {
                outcome = .success(try await store.recordIntake(batch.map(\.write)))
            } catch {
                outcome = .failure(error)
            }
            // The next batch is taken before anyone is woken: a writer with nothing left is then
            // seen as done by the work its waiters start (a new job looks for quiet at once).
            let next = state.withLock { Self.takeBatch(from: &$0, limit: batchLimit) }
            switch outcome {
            case .success(let results):
                for (entry, result) in zip(batch, results) { entry.waiter.resume(returning: result) }
            case .failure(let error):
                for entry in batch { entry.waiter.resume(returning: .failure(error)) }
            }
            batch = next
        }
    }

    /// The next batch from the queue; an empty one ends the writer's turn.
    private static func takeBatch(
        from state: inout State, limit: Int
    ) -> [(write: IntakeWrite, waiter: Waiter)] {
        let taken = Array(state.queue.prefix(limit))
        state.queue.removeFirst(taken.count)
        if taken.isEmpty { state.writing = false }
        if taken.count >= burstBatch { state.burstUntil = Date().addingTimeInterval(burstGap) }
        return taken
    }
}
