import ECDropCore

/// `ecdrop images list`: List custom images in a region, straight from the ECD API.
public enum ImagesListCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["images", "list"],
        summary: "List custom images in a region, straight from the ECD API.",
        arguments: [],
        options: [
            OptionSpec("region", value: "R", help: "Region id, such as cn-hangzhou."),
            OptionSpec("name", value: "N", help: "Only images with this exact name."),
            OptionSpec("status", value: "S", help: "Only images in this status: Creating, Available, CreateFailed."),
            OptionSpec(
                "config", short: "c", value: "FILE", help: "Configuration file (for the endpoint and timeouts)."),
            OptionSpec("json", help: "Print JSON."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        throw NotAvailableYet(command: spec.name)
    }
}
