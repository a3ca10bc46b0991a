import ECDropCore
import Foundation

/// One manifest arriving, as the journal records it in a single step: the manifest unless its
/// digest is on record, and its plan unless an earlier copy was already planned into jobs.
public struct IntakeWrite: Sendable {
    public var candidate: ManifestRecord
    /// Builds the plan for the manifest as stored (the earlier copy when there is one).
    public var plan: @Sendable (ManifestRecord) -> PlanRecording

    public init(candidate: ManifestRecord, plan: @escaping @Sendable (ManifestRecord) -> PlanRecording) {
        self.candidate = candidate
        self.plan = plan
    }
}

/// What one `IntakeWrite` came to.
public struct IntakeRecorded: Sendable, Hashable {
    /// The manifest as stored.
    public var record: ManifestRecord
    /// Nil when an earlier copy had been planned into jobs already: nothing was planned now.
    public var plan: PlanResult?

    public init(record: ManifestRecord, plan: PlanResult?) {
        self.record = record
        self.plan = plan
    }
}
