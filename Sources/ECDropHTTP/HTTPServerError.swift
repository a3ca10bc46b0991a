import ECDropCore

/// Why the HTTP server could not start or serve.
public struct HTTPServerError: ECDropError {
    public enum Kind: String, Sendable {
        /// The listen address cannot be parsed.
        case badAddress = "bad_address"
        /// The library refused to start: address in use, permission, bad option.
        case startFailed = "start_failed"
        /// Only one of certificate and key was given, or the library refused them.
        case tls
        /// A library call failed while serving.
        case library
    }

    public var kind: Kind
    public var message: String
    public var cause: (any Error)?

    public init(_ kind: Kind, _ message: String, cause: (any Error)? = nil) {
        self.kind = kind
        self.message = message
        self.cause = cause
    }

    public var code: String { "http.\(kind.rawValue)" }

    public var exitCode: ExitCode {
        switch kind {
        case .badAddress, .tls: .config
        case .startFailed: .unavailable
        case .library: .software
        }
    }
}
