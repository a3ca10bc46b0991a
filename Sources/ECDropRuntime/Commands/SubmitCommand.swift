import ECDropCore

/// `ecdrop submit`: Send one manifest through the pipeline; the exit status tells the outcome.
public enum SubmitCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["submit"],
        summary: "Send one manifest through the pipeline; the exit status tells the outcome.",
        arguments: [
            ArgumentSpec("MANIFEST", help: "A Packer manifest or a native ecdrop manifest.")
        ],
        options: [
            OptionSpec(
                "config", short: "c", value: "FILE", help: "Configuration file (default /etc/ecdrop/ecdrop.yaml)."),
            OptionSpec("wait", help: "Follow the imports until every job is available or failed."),
            OptionSpec("dry-run", help: "Show the jobs and requests; send nothing, record nothing."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        throw NotAvailableYet(command: spec.name)
    }
}
