import ECDropCore

/// `ecdrop jobs retry`: Start a new attempt of a failed job.
public enum JobsRetryCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["jobs", "retry"],
        summary: "Start a new attempt of a failed job.",
        arguments: [
            ArgumentSpec("ID", help: "The id of a failed job.")
        ],
        options: [
            OptionSpec("config", short: "c", value: "FILE", help: "Configuration file (for state_dir).")
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        throw NotAvailableYet(command: spec.name)
    }
}
