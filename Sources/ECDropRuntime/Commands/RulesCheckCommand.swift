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
        let support = try RulesCommandSupport.resolve(
            folder: command.arguments.first, command: command, context: context)
        let folder = try RulesFolder.read(support.folder)
        for diagnostic in folder.renderedDiagnostics() { context.output.line(diagnostic) }

        let errors = folder.errors.count
        let warnings = folder.diagnostics.count - errors
        let rules = folder.ruleSet?.rules.count ?? 0
        let verdict = errors == 0 ? "valid" : "invalid"
        context.output.line(
            "\(support.folder): \(verdict): \(rules) rule(s) in \(folder.files.count) file(s), "
                + "\(errors) error(s), \(warnings) warning(s)")
        context.logger.debug(
            "rules checked", ["rules.dir": .string(support.folder), "rules.errors": .int(errors)])
        return errors == 0 ? .success : .config
    }
}
