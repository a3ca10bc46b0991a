import ECDropCore
import Foundation

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
        let manifest = try read(command.arguments[0], at: context.time.now())
        let loaded = try ConfigurationLoader(environment: context.environment).load(file: command.value("config"))
        let ruleSet = try RulesFolder.load(loaded.configuration.rulesDir)
        let planner = RulesPlanner(store: RuleSetStore(ruleSet), settings: loaded.configuration.pipeline)
        if command.flag("dry-run") { return try dryRun(manifest, planner: planner, output: context.output) }
        let parts = try PipelineParts(
            loaded: loaded, images: try ECDCommandSupport.client(command, context: context), planner: planner,
            time: context.time, logger: context.logger)
        let runner = SubmitRunner(parts: parts, output: context.output, time: context.time, logger: context.logger)
        return try await runner.run(manifest, wait: command.flag("wait"))
    }

    static func read(_ path: String, at now: Date) throws -> IncomingManifest {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        do {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: absolute))
            return IncomingManifest(source: .submit, origin: absolute, bytes: bytes, receivedAt: now)
        } catch {
            throw GeneralError(
                code: "manifest.unreadable",
                message: "cannot read the manifest \(path): \(error.localizedDescription); check the path",
                cause: error, exitCode: .noInput)
        }
    }

    /// Prints the jobs and the exact requests; sends nothing, records nothing.
    static func dryRun(_ manifest: IncomingManifest, planner: RulesPlanner, output: any TextOutput) throws -> ExitCode {
        let outcome = try planner.plan(manifest)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for job in outcome.jobs {
            output.line("job: rule \(job.ruleName), region \(job.region), build \(job.buildName) (run \(job.runId))")
            output.line("UploadImage " + String(decoding: try encoder.encode(job.request), as: UTF8.self))
        }
        for problem in outcome.problems {
            output.line("not rendered: rule \(problem.ruleName): \(problem.code): \(problem.message)")
        }
        if outcome.jobs.isEmpty && outcome.problems.isEmpty {
            output.line("no rule matched any build in \(manifest.origin); nothing to publish")
            return .noMatchingRule
        }
        return outcome.problems.isEmpty ? .success : .jobsFailed
    }
}
