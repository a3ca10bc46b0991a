import ECDropCore

/// The configuration could not be used: every problem found, each positioned when it comes from
/// the file, printed like a compiler's messages with the offending line and a caret.
public struct ConfigurationError: ECDropError {
    public var diagnostics: [Diagnostic]
    /// The file's text, for the caret lines.
    public var source: String?
    public var cause: (any Error)?
    public var exitCode: ExitCode

    public init(
        _ diagnostics: [Diagnostic], source: String? = nil, cause: (any Error)? = nil, exitCode: ExitCode = .config
    ) {
        self.diagnostics = diagnostics
        self.source = source
        self.cause = cause
        self.exitCode = exitCode
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// The first error's code (`config.unknown_key`), or `config.invalid` when there is none.
    public var code: String { errors.first?.code ?? "config.invalid" }

    public var message: String { errors.map(\.description).joined(separator: "; ") }

    public var location: SourceLocation? { errors.first?.location }

    /// Every diagnostic on its own lines, with carets under the offending columns. Lines without
    /// a place start with `ecdrop: `, except a first line the entry point prefixes itself (it
    /// does when the error has no location).
    public var description: String {
        let prefixedByCaller = location == nil
        return diagnostics.enumerated().map { index, diagnostic in
            // The line of an inline secret holds the secret: name the place, never show it.
            let shown = diagnostic.code == "config.inline_secret" ? nil : source
            let text = diagnostic.rendered(source: shown)
            let needsPrefix = diagnostic.location == nil && !(index == 0 && prefixedByCaller)
            return needsPrefix ? "ecdrop: \(text)" : text
        }.joined(separator: "\n")
    }
}
