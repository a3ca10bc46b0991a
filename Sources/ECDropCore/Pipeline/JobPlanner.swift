import Foundation

/// One job the rules ask for: an UploadImage for one build artifact, one rule, one region.
public struct JobPlan: Sendable, Hashable, Codable {
    public var ruleName: String
    public var region: String
    public var request: UploadImageRequest
    public var buildName: String
    public var runId: String
    public var artifactName: String
    /// How long to follow the import before giving up; nil means the configured default.
    public var followDeadline: TimeInterval?
    /// Reporter names from the rule's `report:` list (`results` is the results folder).
    public var reporters: [String]
    public var warnings: [String]

    public init(
        ruleName: String, region: String, request: UploadImageRequest, buildName: String, runId: String,
        artifactName: String, followDeadline: TimeInterval? = nil, reporters: [String] = ["results"],
        warnings: [String] = []
    ) {
        self.ruleName = ruleName
        self.region = region
        self.request = request
        self.buildName = buildName
        self.runId = runId
        self.artifactName = artifactName
        self.followDeadline = followDeadline
        self.reporters = reporters
        self.warnings = warnings
    }
}

/// A rule that matched but whose templates could not be rendered into a valid request.
/// It becomes a failed job with reason "invalid render", so nobody misses it.
public struct PlanProblem: Sendable, Hashable, Codable {
    public var ruleName: String
    public var region: String?
    public var buildName: String
    public var runId: String
    public var artifactName: String
    public var code: String
    public var message: String

    public init(
        ruleName: String, region: String?, buildName: String, runId: String, artifactName: String,
        code: String, message: String
    ) {
        self.ruleName = ruleName
        self.region = region
        self.buildName = buildName
        self.runId = runId
        self.artifactName = artifactName
        self.code = code
        self.message = message
    }
}

/// The planner's answer for one manifest.
public struct PlanOutcome: Sendable, Hashable, Codable {
    /// `packer` or `native`.
    public var format: String
    /// Identities of the builds considered, `<run id>/<build name>`, to detect a rewritten file.
    public var buildKeys: [String]
    public var jobs: [JobPlan]
    public var problems: [PlanProblem]
    /// Matches of report-only rules: no upload, a record for the reporters.
    public var reports: [ReportPlan]

    public init(
        format: String, buildKeys: [String], jobs: [JobPlan], problems: [PlanProblem], reports: [ReportPlan] = []
    ) {
        self.format = format
        self.buildKeys = buildKeys
        self.jobs = jobs
        self.problems = problems
        self.reports = reports
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        buildKeys = try container.decode([String].self, forKey: .buildKeys)
        jobs = try container.decode([JobPlan].self, forKey: .jobs)
        problems = try container.decode([PlanProblem].self, forKey: .problems)
        reports = try container.decodeIfPresent([ReportPlan].self, forKey: .reports) ?? []
    }
}

/// Turns a manifest's bytes into jobs with the rule set in force. Throws `IntakeError` for
/// manifests that cannot be decoded. Implemented over the rules engine; faked in tests.
public protocol JobPlanner: Sendable {
    func plan(_ manifest: IncomingManifest) throws -> PlanOutcome
}
