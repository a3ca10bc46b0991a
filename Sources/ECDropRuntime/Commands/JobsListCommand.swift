import ECDropCore

/// `ecdrop jobs list`: List jobs from the journal.
public enum JobsListCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["jobs", "list"],
        summary: "List jobs from the journal.",
        arguments: [],
        options: [
            OptionSpec(
                "state", value: "STATE", help: "Only jobs in STATE: pending, uploading, importing, available, failed."),
            OptionSpec("config", short: "c", value: "FILE", help: "Configuration file (for state_dir)."),
            OptionSpec("json", help: "Print JSON."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        throw NotAvailableYet(command: spec.name)
    }
}
