public import ECDropCore

/// Why a YAML file could not be loaded, positioned like a compiler's message.
public struct YAMLError: ECDropError {
    /// The kinds of failure; each has a stable code `yaml.<raw value>`.
    public enum Kind: String, Sendable, CaseIterable {
        case syntax
        case tabIndentation = "tab_indentation"
        case duplicateKey = "duplicate_key"
        case nonScalarKey = "non_scalar_key"
        case anchor
        case alias
        case mergeKey = "merge_key"
        case unsupportedTag = "unsupported_tag"
        case tooDeep = "too_deep"
        case invalidUTF8 = "invalid_utf8"
        case invalidCharacter = "invalid_character"
        case tooLarge = "too_large"
        case multipleDocuments = "multiple_documents"
        case unreadable
        case library
    }

    public var kind: Kind
    /// The one-line compiler-style form lives here; `rendered` adds the source line and caret.
    public var diagnostic: Diagnostic
    /// The diagnostic followed by the offending source line and a caret, when the line is known.
    public var rendered: String
    public var cause: (any Error)?

    init(_ kind: Kind, _ message: String, at location: SourceLocation?, cause: (any Error)? = nil) {
        self.kind = kind
        self.diagnostic = Diagnostic(.error, code: "yaml.\(kind.rawValue)", message, at: location)
        self.rendered = diagnostic.description
        self.cause = cause
    }

    public var code: String { diagnostic.code }
    public var message: String { diagnostic.message }
    public var location: SourceLocation? { diagnostic.location }
    public var exitCode: ExitCode {
        switch kind {
        case .unreadable: .noInput
        case .library: .software
        default: .config
        }
    }

    /// Adds the offending line and a caret, taken from the text that was parsed.
    func withSource(_ source: String) -> YAMLError {
        var copy = self
        copy.rendered = diagnostic.rendered(source: source)
        return copy
    }
}
