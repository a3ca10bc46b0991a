import ECDropCore
import Foundation
import Synchronization

/// The daemon's journal, kept at the path the configuration gives.
///
/// SQLite goes on writing into a journal file that was removed while it was open (an `rm -rf`
/// of state_dir, a clean-up script): every write would succeed and vanish at the next start.
/// So before each write the path is checked against the file that was opened. A removed journal
/// is written back from the open copy, state_dir created again, and used from then on. While
/// that fails, or while another file stands at the path, writes are refused with
/// `journal.unavailable` naming the path and the fix: the webhook answers 503 with Retry-After,
/// drop folders leave their files in place, and nothing is recorded where it would be lost.
// Not yet: noticing a removal while nothing is written; it is found at the next write or /readyz.
public final class KeptJournal: JobStore {
    public let path: String
    private let logger: Logger
    private let state: Mutex<State>

    private struct State {
        var store: SQLiteJobStore
        var identity: FileIdentity?
        /// Writes admitted to `store` and not finished yet.
        var writing = 0
        var restoring = false
        /// The problem last logged, so each is logged once.
        var reported: String?
    }

    public init(path: String, logger: Logger) throws {
        self.path = path
        self.logger = logger
        let store = try SQLiteJobStore(path: path, logger: logger)
        state = Mutex(State(store: store, identity: FileIdentity(path: path)))
    }

    public func close() async { await state.withLock { $0.store }.close() }

    /// True when the journal file is in place, written back first when it was removed: what
    /// `/readyz` reports, and a chance to notice a removal while no manifest arrives.
    public func isInPlace() async -> Bool { (try? await writing { _ in }) != nil }

    // MARK: - Admitting writes

    private func writing<T>(_ body: (SQLiteJobStore) async throws -> T) async throws -> T {
        let store = try await admit()
        defer { state.withLock { $0.writing -= 1 } }
        return try await body(store)
    }

    private var reading: SQLiteJobStore { state.withLock { $0.store } }

    private func admit() async throws -> SQLiteJobStore {
        let seen = FileIdentity(path: path)
        let (admitted, recovered, restoring) = state.withLock { state -> (SQLiteJobStore?, Bool, Bool) in
            guard !state.restoring, seen != nil, seen == state.identity else { return (nil, false, state.restoring) }
            state.writing += 1
            defer { state.reported = nil }
            return (state.store, state.reported != nil, false)
        }
        if recovered { logger.notice("journal in place again", ["journal.path": .string(path)]) }
        if let admitted { return admitted }
        guard !restoring else { throw Self.busy(path) }
        guard seen == nil else {
            throw report(
                "replaced",
                "another file now stands where the agent's journal was, so nothing is recorded; move that file "
                    + "away and the agent writes its journal back, or restart the agent to use that file")
        }
        return try await writeBack()
    }

    /// Writes the open journal back to its path once the writes in flight are done.
    private func writeBack() async throws -> SQLiteJobStore {
        let (old, started) = state.withLock { state in
            defer { state.restoring = true }
            return (state.store, !state.restoring)
        }
        guard started else { throw Self.busy(path) }
        defer { state.withLock { $0.restoring = false } }
        guard await drained() else { throw Self.busy(path) }
        let fresh: SQLiteJobStore
        do {
            fresh = try await restore(from: old)
        } catch {
            throw report(
                "removed:\(Self.reason(error))",
                "it was removed while the agent ran and cannot be written back (\(Self.reason(error))); make "
                    + "state_dir a writable folder again and the agent writes the journal back from its open copy")
        }
        state.withLock { state in
            state.store = fresh
            state.identity = FileIdentity(path: path)
            state.reported = nil
            state.writing += 1
        }
        logger.warning("journal removed, written back", ["journal.path": .string(path)])
        return fresh
    }

    private func restore(from old: SQLiteJobStore) async throws -> SQLiteJobStore {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try await old.copy(to: path)
        do {
            return try SQLiteJobStore(path: path)
        } catch {
            for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
            throw error
        }
    }

    /// Waits (bounded) until no write is still going into the old file.
    private func drained() async -> Bool {
        for _ in 0..<10_000 {
            if state.withLock({ $0.writing }) == 0 { return true }
            try? await Task.sleep(nanoseconds: 1_000_000)
        }
        return false
    }

    private func report(_ problem: String, _ detail: String) -> JournalError {
        let error = JournalError(.unavailable, path: path, detail: detail)
        let isNew = state.withLock { state in
            defer { state.reported = problem }
            return state.reported != problem
        }
        if isNew { logger.error("journal not in place", error: error, ["journal.path": .string(path)]) }
        return error
    }

    private static func busy(_ path: String) -> JournalError {
        JournalError(.unavailable, path: path, detail: "it is being written back from the open copy; try again shortly")
    }

    private static func reason(_ error: any Error) -> String {
        if let known = error as? any ECDropError { return known.message }
        return (error as NSError).localizedDescription
    }

    // MARK: - JobStore

    public func recordManifest(_ manifest: ManifestRecord) async throws -> ManifestRecording {
        try await writing { try await $0.recordManifest(manifest) }
    }

    public func recordIntake(_ writes: [IntakeWrite]) async throws -> [Result<IntakeRecorded, any Error>] {
        try await writing { try await $0.recordIntake(writes) }
    }

    public func manifest(id: String) async throws -> ManifestRecord? { try await reading.manifest(id: id) }

    public func unplannedManifests() async throws -> [ManifestRecord] { try await reading.unplannedManifests() }

    public func recordPlan(_ plan: PlanRecording) async throws -> PlanResult {
        try await writing { try await $0.recordPlan(plan) }
    }

    public func job(id: String) async throws -> Job? { try await reading.job(id: id) }

    public func jobs(_ filter: JobFilter) async throws -> [Job] { try await reading.jobs(filter) }

    public func save(_ change: JobChange) async throws { try await writing { try await $0.save(change) } }

    public func transitions(jobId: String) async throws -> [JobTransition] {
        try await reading.transitions(jobId: jobId)
    }

    public func dueDeliveries(at now: Date, limit: Int) async throws -> [OutboxItem] {
        try await reading.dueDeliveries(at: now, limit: limit)
    }

    public func recordDelivery(_ attempt: DeliveryAttempt, next: OutboxItem) async throws {
        try await writing { try await $0.recordDelivery(attempt, next: next) }
    }

    public func outbox(jobId: String) async throws -> [OutboxItem] { try await reading.outbox(jobId: jobId) }

    public func deliveryLog(outboxId: Int64) async throws -> [DeliveryAttempt] {
        try await reading.deliveryLog(outboxId: outboxId)
    }

    public func jobsWithStaleResults(limit: Int) async throws -> [Job] {
        try await reading.jobsWithStaleResults(limit: limit)
    }

    public func markResultsWritten(jobId: String, version: Int) async throws {
        try await writing { try await $0.markResultsWritten(jobId: jobId, version: version) }
    }
}
