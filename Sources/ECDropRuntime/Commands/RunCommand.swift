import ECDropCore

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
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        throw NotAvailableYet(command: spec.name)
    }
}
