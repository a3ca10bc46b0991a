import ECDropCore

/// `ecdrop jobs show`: Show one job with its history.
public enum JobsShowCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["jobs", "show"],
        summary: "Show one job with its history.",
        arguments: [
            ArgumentSpec("ID", help: "The job id.")
        ],
        options: [
            OptionSpec("config", short: "c", value: "FILE", help: "Configuration file (for state_dir)."),
            OptionSpec("json", help: "Print JSON."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        throw NotAvailableYet(command: spec.name)
    }
}
