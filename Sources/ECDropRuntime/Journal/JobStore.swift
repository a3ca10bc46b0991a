import ECDropCore
import Foundation

/// The journal: every manifest received, every job, its history, and the reporters' outbox.
///
/// Narrow on purpose, so a store shared by several agents (PostgreSQL) can implement it: each
/// write is one atomic call, and `save` refuses a job whose version moved underneath it.
public protocol JobStore: IntakeJournal {
    /// Records a manifest unless one with the same digest is already on record.
    func recordManifest(_ manifest: ManifestRecord) async throws -> ManifestRecording

    func manifest(id: String) async throws -> ManifestRecord?

    /// Manifests recorded but not yet planned (the agent stopped in between).
    func unplannedManifests() async throws -> [ManifestRecord]

    /// In one transaction: marks the manifest planned, inserts the jobs whose idempotency key is
    /// new (with their first history line and outbox items), and links every job to the manifest.
    func recordPlan(_ plan: PlanRecording) async throws -> PlanResult

    func job(id: String) async throws -> Job?

    func jobs(_ filter: JobFilter) async throws -> [Job]

    /// In one transaction: the job (if `expectedVersion` still holds), its history line, its outbox items.
    /// Throws `JournalError` with reason `.conflict` when another writer saved the job first.
    func save(_ change: JobChange) async throws

    func transitions(jobId: String) async throws -> [JobTransition]

    /// Pending deliveries whose time has come, oldest first.
    func dueDeliveries(at now: Date, limit: Int) async throws -> [OutboxItem]

    /// Logs one delivery attempt and moves the outbox item to its next state.
    func recordDelivery(_ attempt: DeliveryAttempt, next: OutboxItem) async throws

    func outbox(jobId: String) async throws -> [OutboxItem]

    func deliveryLog(outboxId: Int64) async throws -> [DeliveryAttempt]

    /// Jobs whose result file is older than the job (the agent stopped before writing it).
    func jobsWithStaleResults(limit: Int) async throws -> [Job]

    func markResultsWritten(jobId: String, version: Int) async throws
}

/// The one write intake needs; what `IntakeCommitter` batches.
public protocol IntakeJournal: Sendable {
    /// In one transaction (one flush for all): each manifest unless its digest is on record,
    /// and its plan unless an earlier copy was planned into jobs. Each write succeeds or fails
    /// on its own; the call throws only when the transaction as a whole fails.
    func recordIntake(_ writes: [IntakeWrite]) async throws -> [Result<IntakeRecorded, any Error>]
}

/// Which jobs `jobs(_:)` returns, newest first unless `soonestFirst`.
public struct JobFilter: Sendable, Hashable {
    public var states: Set<JobState>?
    public var manifestId: String?
    /// Only jobs to be looked at by then (`Job.lookAt`), and every uploading job: whether its
    /// lease holds depends on its holder being alive, which the journal cannot tell.
    public var dueBy: Date?
    /// The job to be looked at soonest first, not the newest; cheap with one state, whatever the
    /// number of jobs.
    public var soonestFirst: Bool
    public var limit: Int

    public init(
        states: Set<JobState>? = nil, manifestId: String? = nil, dueBy: Date? = nil, soonestFirst: Bool = false,
        limit: Int = 1000
    ) {
        self.states = states
        self.manifestId = manifestId
        self.dueBy = dueBy
        self.soonestFirst = soonestFirst
        self.limit = limit
    }

    public static let unfinished = JobFilter(states: [.pending, .uploading, .importing], limit: Int.max)
}
