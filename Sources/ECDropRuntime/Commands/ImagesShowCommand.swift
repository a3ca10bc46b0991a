import ECDropCore

/// `ecdrop images show`: Show one image.
public enum ImagesShowCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["images", "show"],
        summary: "Show one image.",
        arguments: [
            ArgumentSpec("ID", help: "The image id, m-…")
        ],
        options: [
            OptionSpec("region", value: "R", help: "Region id, such as cn-hangzhou."),
            OptionSpec(
                "config", short: "c", value: "FILE", help: "Configuration file (for the endpoint and timeouts)."),
            OptionSpec("json", help: "Print JSON."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        throw NotAvailableYet(command: spec.name)
    }
}
