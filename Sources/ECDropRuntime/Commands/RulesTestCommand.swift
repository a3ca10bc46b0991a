import ECDropCore

/// `ecdrop rules test`: Show which rules match a manifest, why others do not, and the requests.
public enum RulesTestCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["rules", "test"],
        summary: "Show which rules match a manifest, why others do not, and the requests.",
        arguments: [
            ArgumentSpec("MANIFEST", help: "A Packer manifest or a native ecdrop manifest.")
        ],
        options: [
            OptionSpec("rules", value: "DIR", help: "Rules folder (default: rules_dir from the configuration)."),
            OptionSpec("config", short: "c", value: "FILE", help: "Configuration file to take rules_dir from."),
            OptionSpec("json", help: "Print the explanation as JSON."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        throw NotAvailableYet(command: spec.name)
    }
}
