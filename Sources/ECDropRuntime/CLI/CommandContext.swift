import ECDropCore
import Foundation

/// What every command gets: where to print, a logger, the environment, the clock.
public struct CommandContext: Sendable {
    public var output: any TextOutput
    public var logger: Logger
    public var logFormat: LogFormat
    public var environment: [String: String]
    public var time: any TimeSource
    /// The global options as given (`--log-level`, `--log-format`), for commands that layer
    /// them over a configuration file.
    public var globalOptions: ParsedCommand?

    public init(
        output: any TextOutput, logger: Logger, logFormat: LogFormat = .logfmt,
        environment: [String: String] = ProcessInfo.processInfo.environment, time: any TimeSource = SystemTimeSource(),
        globalOptions: ParsedCommand? = nil
    ) {
        self.output = output
        self.logger = logger
        self.logFormat = logFormat
        self.environment = environment
        self.time = time
        self.globalOptions = globalOptions
    }
}

/// One `ecdrop` command: its grammar and what it does. Errors it throws are printed once by
/// the entry point and decide the exit status.
public protocol CommandHandler: Sendable {
    static var spec: CommandSpec { get }
    static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode
}

/// Thrown by commands whose issue has not landed yet.
struct NotAvailableYet: ECDropError {
    var command: String
    var code: String { "cli.not_available" }
    var message: String { "'ecdrop \(command)' is not available yet in this version" }
    var exitCode: ExitCode { .unavailable }
}
