import ECDropCore
import Foundation

/// A manifest as the journal keeps it: where it came from, its digest and its bytes.
public struct ManifestRecord: Sendable, Hashable {
    public var id: String
    public var source: ManifestSourceKind
    /// The path for drop and submit; the delivery id for webhooks.
    public var origin: String
    /// SHA-256 of the bytes, lowercase hex.
    public var digest: String
    public var bytes: Data
    public var receivedAt: Date
    /// `packer` or `native`, once planned.
    public var format: String?
    public var buildKeys: [String]
    public var plannedAt: Date?
    /// Every job this manifest asked for, including jobs first created by an earlier copy.
    public var jobIds: [String]

    public init(
        id: String, source: ManifestSourceKind, origin: String, digest: String, bytes: Data, receivedAt: Date,
        format: String? = nil, buildKeys: [String] = [], plannedAt: Date? = nil, jobIds: [String] = []
    ) {
        self.id = id
        self.source = source
        self.origin = origin
        self.digest = digest
        self.bytes = bytes
        self.receivedAt = receivedAt
        self.format = format
        self.buildKeys = buildKeys
        self.plannedAt = plannedAt
        self.jobIds = jobIds
    }
}

/// The answer to `recordManifest`: the stored record, and whether it is new.
public struct ManifestRecording: Sendable, Hashable {
    public var record: ManifestRecord
    public var isNew: Bool

    public init(record: ManifestRecord, isNew: Bool) {
        self.record = record
        self.isNew = isNew
    }
}

/// A planned manifest, ready to become jobs.
public struct PlanRecording: Sendable {
    public var manifestId: String
    public var format: String
    public var buildKeys: [String]
    public var jobs: [Job]
    public var plannedAt: Date
    /// Reports of jobs born failed; stored only for jobs that are new.
    public var outbox: [OutboxItem]
    /// Each job's stored JSON by job id, encoded by the caller so the journal thread need not.
    public var bodies: [String: String] = [:]
    /// Jobs recorded with their upload already committed (`uploading`): the commit's transition,
    /// stored after "job recorded", by job id.
    public var commits: [String: JobTransition] = [:]

    public init(
        manifestId: String, format: String, buildKeys: [String], jobs: [Job], plannedAt: Date,
        outbox: [OutboxItem] = []
    ) {
        self.manifestId = manifestId
        self.format = format
        self.buildKeys = buildKeys
        self.jobs = jobs
        self.plannedAt = plannedAt
        self.outbox = outbox
    }
}

/// Which of a plan's jobs were created now, and which already existed under the same key.
public struct PlanResult: Sendable, Hashable {
    public var newJobIds: [String]
    public var existingJobIds: [String]

    public init(newJobIds: [String], existingJobIds: [String]) {
        self.newJobIds = newJobIds
        self.existingJobIds = existingJobIds
    }

    public var allJobIds: [String] { newJobIds + existingJobIds }
}

/// One save of a job: the new state, the version it was read at, its history line, its outbox items.
public struct JobChange: Sendable {
    public var job: Job
    public var expectedVersion: Int
    public var transition: JobTransition?
    public var outbox: [OutboxItem]

    public init(job: Job, expectedVersion: Int, transition: JobTransition?, outbox: [OutboxItem] = []) {
        self.job = job
        self.expectedVersion = expectedVersion
        self.transition = transition
        self.outbox = outbox
    }
}

/// A report waiting to be delivered (or delivered, or given up on).
public struct OutboxItem: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        case pending, delivered, abandoned
    }

    /// Assigned by the store; 0 before the item is saved.
    public var id: Int64
    public var reporter: String
    public var jobId: String
    /// `accepted`, `available` or `failed`.
    public var notice: JobNotice
    /// The exact body to POST; built once, so every retry sends the same bytes.
    public var payload: Data
    public var createdAt: Date
    public var nextAttemptAt: Date
    public var giveUpAt: Date
    public var attempts: Int
    public var state: State
    public var lastError: String?

    public init(
        id: Int64 = 0, reporter: String, jobId: String, notice: JobNotice, payload: Data, createdAt: Date,
        giveUpAt: Date, attempts: Int = 0, state: State = .pending, nextAttemptAt: Date? = nil,
        lastError: String? = nil
    ) {
        self.id = id
        self.reporter = reporter
        self.jobId = jobId
        self.notice = notice
        self.payload = payload
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt ?? createdAt
        self.giveUpAt = giveUpAt
        self.attempts = attempts
        self.state = state
        self.lastError = lastError
    }
}

/// One POST of an outbox item: when, the HTTP status or the error, how long it took.
public struct DeliveryAttempt: Sendable, Hashable {
    public var outboxId: Int64
    public var attemptedAt: Date
    public var httpStatus: Int?
    public var error: String?
    public var durationMilliseconds: Int

    public init(outboxId: Int64, attemptedAt: Date, httpStatus: Int?, error: String?, durationMilliseconds: Int) {
        self.outboxId = outboxId
        self.attemptedAt = attemptedAt
        self.httpStatus = httpStatus
        self.error = error
        self.durationMilliseconds = durationMilliseconds
    }
}
