import ECDropCore
import Foundation

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
        let path = command.arguments[0]
        let support = try RulesCommandSupport.resolve(
            folder: command.value("rules"), command: command, context: context)
        let folder = try RulesFolder.read(support.folder)
        guard let ruleSet = folder.ruleSet else {
            for diagnostic in folder.renderedDiagnostics() { context.output.line(diagnostic) }
            throw RuleSetError(diagnostics: folder.diagnostics)
        }

        for warning in folder.renderedDiagnostics() { context.output.line(warning) }
        let incoming = IncomingManifest(
            source: .submit, origin: path, bytes: try readManifest(path), receivedAt: context.time.now())
        let manifest = try ManifestDecoder.decode(incoming.bytes, origin: path)
        let planner = RulesPlanner(store: RuleSetStore(ruleSet), settings: support.settings)
        let report = RulesTestReport(origin: path, manifest: manifest, evaluation: try planner.evaluate(incoming))
        context.output.line(command.flag("json") ? try report.json() : report.text())
        return report.exitCode
    }

    private static func readManifest(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GeneralError(
                code: "manifest.unreadable",
                message: "cannot read the manifest '\(path)': no such file, or no permission to read it",
                exitCode: .noInput)
        }
        return data
    }
}
