import Foundation

/// A place in a user's file, 1-based, printed the way compilers print it.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// The error convention every area follows: a stable code, a message a user can act on,
/// where it came from when it came from a file, and what caused it.
public protocol ECDropError: Error, CustomStringConvertible, Sendable {
    /// Stable, dotted, lowercase: `yaml.duplicate_key`, `ecd.throttled`, `config.unknown_key`.
    var code: String { get }
    /// What failed, which thing, why, and what to do about it.
    var message: String { get }
    /// Where in a user's file, when the error comes from one.
    var location: SourceLocation? { get }
    /// The lower-level error that caused this one, if any.
    var cause: (any Error)? { get }
    /// The process exit status a command reports when this error ends it.
    var exitCode: ExitCode { get }
}

extension ECDropError {
    public var location: SourceLocation? { nil }
    public var cause: (any Error)? { nil }
    public var exitCode: ExitCode { .software }

    /// `file:line:col: error: message`, or `error: message` when there is no location.
    public var description: String {
        if let location { return "\(location): error: \(message)" }
        return "error: \(message)"
    }
}

/// A generic error for the rare case that fits no area's own type.
public struct GeneralError: ECDropError {
    public var code: String
    public var message: String
    public var location: SourceLocation?
    public var cause: (any Error)?
    public var exitCode: ExitCode

    public init(
        code: String, message: String, location: SourceLocation? = nil, cause: (any Error)? = nil,
        exitCode: ExitCode = .software
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.cause = cause
        self.exitCode = exitCode
    }
}
