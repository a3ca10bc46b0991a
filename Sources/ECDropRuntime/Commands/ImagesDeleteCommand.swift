import ECDropCore

/// `ecdrop images delete`: Delete custom images.
public enum ImagesDeleteCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["images", "delete"],
        summary: "Delete custom images.",
        arguments: [
            ArgumentSpec("ID", variadic: true, help: "One or more image ids.")
        ],
        options: [
            OptionSpec("region", value: "R", help: "Region id, such as cn-hangzhou."),
            OptionSpec(
                "config", short: "c", value: "FILE", help: "Configuration file (for the endpoint and timeouts)."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        throw NotAvailableYet(command: spec.name)
    }
}
