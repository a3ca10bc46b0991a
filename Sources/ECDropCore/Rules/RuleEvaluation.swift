import Foundation

/// How one rule fared against one artifact of one build.
public struct RuleVerdict: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case matched
        case notMatched = "not_matched"
        case skipped
    }

    public var rule: String
    public var status: Status
    /// For `not_matched`: the first test that failed and the value it saw.
    public var failure: ClauseOutcome?
    /// For `skipped`: why the rule did not look at this build.
    public var reason: String?

    public init(rule: String, status: Status, failure: ClauseOutcome? = nil, reason: String? = nil) {
        self.rule = rule
        self.status = status
        self.failure = failure
        self.reason = reason
    }
}

/// Every rule's verdict for one artifact (nil name: a build without files).
public struct ArtifactEvaluation: Sendable, Hashable, Codable {
    public var artifactName: String?
    public var verdicts: [RuleVerdict]
}

public struct BuildEvaluation: Sendable, Hashable, Codable {
    public var buildName: String
    public var runId: String
    public var artifacts: [ArtifactEvaluation]
}

/// What the rules made of a manifest: the verdicts behind `ecdrop rules test`, and the plan.
public struct RuleEvaluation: Sendable, Hashable {
    public var builds: [BuildEvaluation]
    public var outcome: PlanOutcome

    /// True when at least one rule matched at least one build.
    public var matchedAnything: Bool {
        builds.contains { $0.artifacts.contains { $0.verdicts.contains { $0.status == .matched } } }
    }
}

/// Settings that shape a plan beyond the rules themselves.
public struct PlanningOptions: Sendable, Hashable {
    /// Which Packer runs count for rules without `runs:`.
    public var packerRuns: PipelineSettings.PackerRuns
    /// Used for rules without `follow.deadline`; nil leaves it to the follower.
    public var followDeadline: TimeInterval?
    /// `manifest.source`: drop, webhook or submit.
    public var source: String
    /// `manifest.origin`: the file path or webhook delivery id.
    public var origin: String

    public init(
        packerRuns: PipelineSettings.PackerRuns = .newest, followDeadline: TimeInterval? = nil,
        source: String = ManifestSourceKind.submit.rawValue, origin: String = ""
    ) {
        self.packerRuns = packerRuns
        self.followDeadline = followDeadline
        self.source = source
        self.origin = origin
    }
}
