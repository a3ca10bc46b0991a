/// A compiler-style message about a user's file: `rules/win11.yaml:9:7: error: unknown operator
/// 'globb'; did you mean 'glob'?`, optionally followed by the source line and a caret.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    public var severity: Severity
    /// Stable code, such as `rules.unknown_operator`.
    public var code: String
    public var message: String
    public var location: SourceLocation?
    /// The closest valid spelling, printed as "did you mean '…'?".
    public var suggestion: String?

    public init(
        _ severity: Severity, code: String, _ message: String, at location: SourceLocation?,
        suggestion: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.suggestion = suggestion
    }

    /// The one-line form.
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message)"
        if let suggestion { text += "; did you mean '\(suggestion)'?" }
        return text
    }

    /// The one-line form, then the offending source line and a caret under the column.
    public func rendered(source: String?) -> String {
        guard let location, let source else { return description }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1, location.line <= lines.count else { return description }
        let line = lines[location.line - 1].replacingOccurrences(of: "\t", with: " ")
        let caret = String(repeating: " ", count: max(0, location.column - 1)) + "^"
        return "\(description)\n    \(line)\n    \(caret)"
    }
}
