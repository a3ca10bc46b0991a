import ECDropCore

/// `ecdrop rules check`: Validate rule files and print every diagnostic.
public enum RulesCheckCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["rules", "check"],
        summary: "Validate rule files and print every diagnostic.",
        arguments: [
            ArgumentSpec("DIR", optional: true, help: "Rules folder (default: rules_dir from the configuration).")
        ],
        options: [
            OptionSpec("config", short: "c", value: "FILE", help: "Configuration file to take rules_dir from.")
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        throw NotAvailableYet(command: spec.name)
    }
}
