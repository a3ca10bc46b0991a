import ECDropCore
import Foundation

/// `ecdrop run`: Run the agent: drop folders, webhook server, uploads, follow-up, reports.
public enum RunCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["run"],
        summary: "Run the agent: drop folders, webhook server, uploads, follow-up, reports.",
        arguments: [],
        options: [
            OptionSpec(
                "config", short: "c", value: "FILE", help: "Configuration file (default /etc/ecdrop/ecdrop.yaml)."),
            OptionSpec("check", help: "Validate the configuration and rules, then exit."),
        ],
        discussion: """
            Settings come from the built-in defaults, then the file, then ECDROP_* variables, then \
            flags. SIGTERM or SIGINT stops intake, lets API calls in flight finish within \
            pipeline.shutdown_grace and exits 0; SIGHUP reloads the rules.
            """)

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        // Installed first, so that a signal during start-up is handled, not fatal.
        let signals = SignalEvents()
        let loader = ConfigurationLoader(environment: context.environment)
        let loaded = try loader.load(file: command.value("config"), flags: flags(context.globalOptions))
        let logger = makeLogger(loaded.configuration.log, environment: context.environment)
        for warning in loaded.warnings {
            logger.warning("configuration warning", ["config.diagnostic": .string(warning.description)])
        }

        let assembly = DaemonAssembly(loaded: loaded, logger: logger, environment: context.environment)
        let rules = assembly.rules()
        let summary = try rules.reload()
        for warning in summary.warnings {
            logger.warning("rules warning", ["rules.diagnostic": .string(warning.description)])
        }
        if command.flag("check") {
            let file = loaded.file ?? "built-in defaults"
            context.output.line(
                "configuration OK: \(file), \(summary.ruleCount) rule(s) in \(summary.fileCount) file(s)")
            return .success
        }
        logger.info(
            "rules loaded",
            [
                "rules.folder": .string(rules.folder), "rules.count": .int(summary.ruleCount),
                "rules.files": .int(summary.fileCount),
            ])
        // Connections, watches and the journal each hold a descriptor; leave room beyond the cap.
        FileDescriptorLimit.raise(toServe: loaded.configuration.webhook.maxConnections + 256, logger: logger)
        let daemon = try assembly.makeDaemon(rules: rules)
        try await daemon.run(signals: signals.stream)
        return .success
    }

    /// The global options, as the last configuration layer.
    static func flags(_ global: ParsedCommand?) -> [(key: String, flag: String, value: String)] {
        var flags: [(key: String, flag: String, value: String)] = []
        if let level = global?.value("log-level") { flags.append(("log.level", "--log-level", level)) }
        if let format = global?.value("log-format") { flags.append(("log.format", "--log-format", format)) }
        return flags
    }

    static func makeLogger(_ settings: LogSettings, environment: [String: String]) -> Logger {
        let sink: any LogSink =
            JournalLogSink.isJournal(environment)
            ? JournalLogSink(format: settings.format) : StandardErrorLogSink(format: settings.format)
        return Logger(level: settings.level, sink: sink)
    }
}
