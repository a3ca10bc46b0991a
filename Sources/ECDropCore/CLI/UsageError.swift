/// A command line the parser cannot accept. Always exits with status 64.
public struct UsageError: ECDropError, Equatable {
    public enum Kind: String, Sendable {
        case unknownCommand = "unknown_command"
        case unknownOption = "unknown_option"
        case missingValue = "missing_value"
        case badValue = "bad_value"
        case missingArgument = "missing_argument"
        case unexpectedArgument = "unexpected_argument"
    }

    public var kind: Kind
    public var detail: String
    /// The command whose help to point at, `images list`; empty for the top level.
    public var command: String
    public var suggestion: String?

    public init(_ kind: Kind, _ detail: String, command: String, suggestion: String? = nil) {
        self.kind = kind
        self.detail = detail
        self.command = command
        self.suggestion = suggestion
    }

    public var code: String { "usage.\(kind.rawValue)" }
    public var exitCode: ExitCode { .usage }

    public var message: String {
        var text = detail
        if let suggestion { text += "; did you mean '\(suggestion)'?" }
        let help = command.isEmpty ? "ecdrop --help" : "ecdrop \(command) --help"
        return text + "\n(see '\(help)')"
    }
}
