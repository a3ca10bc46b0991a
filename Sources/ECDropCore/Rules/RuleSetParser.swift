/// One rules file as the YAML adapter read it; nil document for an empty file.
public struct RulesFile: Sendable {
    public var name: String
    public var document: YAMLNode?

    public init(name: String, document: YAMLNode?) {
        self.name = name
        self.document = document
    }
}

/// Builds a `RuleSet` from rules files, all or nothing: one error anywhere rejects the whole set,
/// with every error of every file listed.
public enum RuleSetParser {
    /// `files` must already be in load order (by file name).
    public static func parse(_ files: [RulesFile]) throws(RuleSetError) -> RuleSet {
        var parser = RuleParser()
        var rules: [Rule] = []
        for file in files {
            rules += parser.parseFile(file)
        }
        parser.checkUniqueNames()
        if parser.diagnostics.contains(where: { $0.severity == .error }) {
            throw RuleSetError(diagnostics: parser.diagnostics)
        }
        return RuleSet(rules: rules, warnings: parser.diagnostics)
    }
}

/// Why a set of rules files was rejected. Carries every diagnostic, warnings included.
public struct RuleSetError: ECDropError {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var code: String { "rules.invalid" }
    public var exitCode: ExitCode { .config }
    public var location: SourceLocation? { errors.first?.location }

    public var message: String {
        let count = errors.count
        let first = errors.first.map { $0.description } ?? "no details"
        return
            "the rules are invalid (\(count) error\(count == 1 ? "" : "s")), the first: \(first); "
            + "run 'ecdrop rules check' for all of them"
    }

    public var description: String { "error: \(message)" }
}
