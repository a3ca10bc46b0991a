import Foundation

/// One UploadImage for one build artifact, one rule and one region, followed until the image
/// is available or the job failed. The journal stores it; the state machine moves it.
public struct Job: Sendable, Hashable, Codable {
    public var id: String
    public var manifestId: String
    /// Unique across the journal: build identity, rule, region and rendered ImageName.
    public var idempotencyKey: String
    public var ruleName: String
    public var region: String
    /// What is sent; nil only for jobs whose rule did not render (failed with `invalid_render`).
    public var request: UploadImageRequest?
    public var buildName: String
    public var runId: String
    public var artifactName: String
    public var reporters: [String]
    public var followDeadline: TimeInterval
    public var state: JobState
    /// 1 for the first attempt; `jobs retry` starts the next.
    public var attempt: Int
    /// UploadImage calls committed during this attempt (each is recorded before it is sent).
    public var uploadSends: Int
    public var imageId: String?
    /// Every ImageId this job was given by UploadImage, across attempts.
    public var createdImageIds: [String]
    public var progress: Int?
    /// ECD RequestIds of the calls that moved this job, oldest first.
    public var requestIds: [String]
    public var failure: JobFailure?
    /// The last transient problem (throttled, timed out), kept for `jobs show`.
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var attemptStartedAt: Date
    /// When following gives up: attempt start plus the follow deadline.
    public var deadline: Date
    /// When the job next needs attention (a poll, a retry after a transient error); nil means now.
    public var wakeAt: Date?
    /// DescribeImages polls during this attempt, for the backoff between them.
    public var polls: Int
    /// Bumped on every save; a store refuses a save based on a stale version.
    public var version: Int
    /// The agent process that last saved the job (`host/pid`); while it lives, its upload lease holds.
    public var owner: String?

    public init(
        id: String, manifestId: String, idempotencyKey: String, plan: JobPlan, defaultDeadline: TimeInterval,
        createdAt: Date
    ) {
        self.id = id
        self.manifestId = manifestId
        self.idempotencyKey = idempotencyKey
        self.ruleName = plan.ruleName
        self.region = plan.region
        self.request = plan.request
        self.buildName = plan.buildName
        self.runId = plan.runId
        self.artifactName = plan.artifactName
        self.reporters = plan.reporters
        self.followDeadline = plan.followDeadline ?? defaultDeadline
        self.state = .pending
        self.attempt = 1
        self.uploadSends = 0
        self.createdImageIds = []
        self.requestIds = []
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.attemptStartedAt = createdAt
        self.deadline = createdAt.addingTimeInterval(followDeadline)
        self.polls = 0
        self.version = 0
    }

    /// A job born failed: the rule matched but did not render into a valid request.
    public init(id: String, manifestId: String, idempotencyKey: String, problem: PlanProblem, createdAt: Date) {
        let plan = JobPlan(
            ruleName: problem.ruleName, region: problem.region ?? "",
            request: UploadImageRequest(RegionId: problem.region ?? "", OssObjectPath: "", ImageName: ""),
            buildName: problem.buildName, runId: problem.runId, artifactName: problem.artifactName,
            followDeadline: 0)
        self.init(
            id: id, manifestId: manifestId, idempotencyKey: idempotencyKey, plan: plan, defaultDeadline: 0,
            createdAt: createdAt)
        self.request = nil
        self.state = .failed
        self.failure = JobFailure(reason: .invalidRender, code: problem.code, message: problem.message)
    }

    public var imageName: String? { request?.ImageName }

    /// `<run id>/<build name>`, the identity the planner reports in `PlanOutcome.buildKeys`.
    public var buildKey: String { "\(runId)/\(buildName)" }

    /// When the engine must look at the job next: its wake time, or for an import its deadline
    /// when that comes first; nil means now. The journal keeps it beside the job to find due jobs.
    public var lookAt: Date? {
        guard let wakeAt else { return nil }
        return state == .importing ? min(wakeAt, deadline) : wakeAt
    }
}
