import ECDropCore
import Foundation

/// The `ecdrop` executable's whole life: parse, set up logging, run one command, map errors
/// to exit statuses.
public enum EntryPoint {
    public static let version = "0.1.0"

    public static func main(
        _ arguments: [String], output: any TextOutput = StandardOutput(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Int32 {
        let parser = CommandLineParser(commands: CommandRegistry.specs, globalOptions: CommandRegistry.globalOptions)
        let result: ParseResult
        do {
            result = try parser.parse(arguments)
        } catch {
            reportToStandardError(error)
            return error.exitCode.rawValue
        }

        switch result {
        case .version:
            output.line("ecdrop \(version)")
            return ExitCode.success.rawValue
        case .help(let path):
            output.line(helpPage(for: path))
            return ExitCode.success.rawValue
        case .command(let command, let global):
            return await run(command, global: global, output: output, environment: environment)
        }
    }

    static func run(
        _ command: ParsedCommand, global: ParsedCommand, output: any TextOutput, environment: [String: String]
    ) async -> Int32 {
        do {
            let format = try logFormat(global, environment: environment)
            let level = try logLevel(global, environment: environment)
            let logger = Logger(level: level, sink: StandardErrorLogSink(format: format))
            let context = CommandContext(
                output: output, logger: logger, logFormat: format, environment: environment, globalOptions: global)
            guard let handler = CommandRegistry.handler(for: command.spec.path) else {
                return ExitCode.software.rawValue
            }
            return try await handler.run(command, context: context).rawValue
        } catch let error as any ECDropError {
            reportToStandardError(error)
            return error.exitCode.rawValue
        } catch {
            FileHandle.standardError.write(Data("ecdrop: error: \(error)\n".utf8))
            return ExitCode.software.rawValue
        }
    }

    static func helpPage(for path: [String]) -> String {
        if path.isEmpty {
            return HelpText.overview(
                commands: CommandRegistry.specs, globalOptions: CommandRegistry.globalOptions, version: version)
        }
        if let handler = CommandRegistry.handler(for: path) {
            return HelpText.command(handler.spec, globalOptions: CommandRegistry.globalOptions)
        }
        return HelpText.group(path, commands: CommandRegistry.specs)
    }

    static func logFormat(_ global: ParsedCommand, environment: [String: String]) throws -> LogFormat {
        let text = global.value("log-format") ?? environment["ECDROP_LOG_FORMAT"] ?? "logfmt"
        guard let format = LogFormat(rawValue: text) else {
            throw UsageError(
                .badValue, "--log-format must be logfmt or json, not '\(text)'", command: "",
                suggestion: Suggestion.closest(to: text, in: ["logfmt", "json"]))
        }
        return format
    }

    static func logLevel(_ global: ParsedCommand, environment: [String: String]) throws -> LogLevel {
        let text = global.value("log-level") ?? environment["ECDROP_LOG_LEVEL"] ?? "info"
        guard let level = LogLevel(name: text) else {
            throw UsageError(
                .badValue, "--log-level must be one of trace, debug, info, notice, warning, error, not '\(text)'",
                command: "", suggestion: Suggestion.closest(to: text, in: LogLevel.allCases.map(\.description)))
        }
        return level
    }

    /// Prints an error the way compilers do: `ecdrop: error: …` or `file:line:col: error: …`.
    public static func reportToStandardError(_ error: any ECDropError) {
        let text = error.location == nil ? "ecdrop: \(error.description)" : error.description
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
