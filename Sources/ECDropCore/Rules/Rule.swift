import Foundation

/// One rule of a rules file.
public struct Rule: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// Upload the matched artifacts to every region.
        case upload(UploadSpec, regions: [String])
        /// Record the match and tell the reporters; upload nothing.
        case report
    }

    public var name: String
    public var location: SourceLocation
    public var description: String?
    public var match: Clause
    public var action: Action
    /// `follow.deadline`; nil means the configured default.
    public var followDeadline: TimeInterval?
    /// `report:`; `results` is the results folder, other names are configured reporters.
    public var reporters: [String]
    /// `final: true`: when this rule matches a build, later rules do not see that build.
    public var isFinal: Bool
    /// `runs:` overrides the configured Packer run selection for this rule.
    public var runs: PipelineSettings.PackerRuns?

    public init(
        name: String, location: SourceLocation, description: String? = nil, match: Clause, action: Action,
        followDeadline: TimeInterval? = nil, reporters: [String] = ["results"], isFinal: Bool = false,
        runs: PipelineSettings.PackerRuns? = nil
    ) {
        self.name = name
        self.location = location
        self.description = description
        self.match = match
        self.action = action
        self.followDeadline = followDeadline
        self.reporters = reporters
        self.isFinal = isFinal
        self.runs = runs
    }

    public var regions: [String] {
        if case .upload(_, let regions) = action { return regions }
        return []
    }
}

/// The rules in force, in order: files by name, rules in file order.
public struct RuleSet: Sendable, Hashable {
    public var rules: [Rule]
    /// Warnings found while loading; a rule set with errors is never built.
    public var warnings: [Diagnostic]

    public init(rules: [Rule], warnings: [Diagnostic] = []) {
        self.rules = rules
        self.warnings = warnings
    }

    public static let empty = RuleSet(rules: [])
}
