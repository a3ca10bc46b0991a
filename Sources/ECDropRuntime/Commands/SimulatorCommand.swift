import ECDropCore

/// `ecdrop simulator`: Run a local ECD endpoint (a simulator, not Alibaba Cloud) for trials and tests.
public enum SimulatorCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["simulator"],
        summary: "Run a local ECD endpoint (a simulator, not Alibaba Cloud) for trials and tests.",
        arguments: [],
        options: [
            OptionSpec("listen", value: "ADDR", help: "Address to listen on (default 127.0.0.1:9000)."),
            OptionSpec("access-key-id", value: "ID", help: "AccessKey id the simulator accepts."),
            OptionSpec("access-key-secret", value: "S", help: "AccessKey secret the simulator accepts."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        throw NotAvailableYet(command: spec.name)
    }
}
