import ECDropCore

/// What the daemon needs from the rules: load the whole folder, validate it, and swap it in
/// atomically, or keep the rules in force and say why.
public protocol RuleSetReloading: Sendable {
    /// The folder the rules come from; the daemon watches it for changes.
    var folder: String { get }
    func reload() throws(RulesReloadError) -> RulesSummary
}

/// The rule set now in force.
public struct RulesSummary: Sendable, Equatable {
    public var ruleCount: Int
    public var fileCount: Int
    /// Warnings worth logging even though the set was accepted.
    public var warnings: [Diagnostic]

    public init(ruleCount: Int, fileCount: Int, warnings: [Diagnostic] = []) {
        self.ruleCount = ruleCount
        self.fileCount = fileCount
        self.warnings = warnings
    }
}

/// A rule set was refused; the one in force stays.
public struct RulesReloadError: ECDropError {
    public var folder: String
    public var diagnostics: [Diagnostic]
    /// The diagnostics with their source lines and carets, when the files could be read.
    public var rendered: [String]
    public var cause: (any Error)?

    public init(folder: String, diagnostics: [Diagnostic], rendered: [String]? = nil, cause: (any Error)? = nil) {
        self.folder = folder
        self.diagnostics = diagnostics
        self.rendered = rendered ?? diagnostics.map(\.description)
        self.cause = cause
    }

    public var code: String { "rules.invalid" }

    public var message: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        return "the rules in \(folder) have \(errors) error(s); fix them and reload (SIGHUP), "
            + "or run 'ecdrop rules check \(folder)' to list them"
    }

    public var location: SourceLocation? { diagnostics.first { $0.severity == .error }?.location }
    public var exitCode: ExitCode { .config }

    public var description: String {
        (rendered + ["ecdrop: error: \(message)"]).joined(separator: "\n")
    }
}
