import ECDropCore
import Foundation

/// `ecdrop jobs retry`: Start a new attempt of a failed job.
public enum JobsRetryCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["jobs", "retry"],
        summary: "Start a new attempt of a failed job.",
        arguments: [
            ArgumentSpec("ID", help: "The id of a failed job.")
        ],
        options: [
            OptionSpec("config", short: "c", value: "FILE", help: "Configuration file (for state_dir).")
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        let loaded = try JournalCommandSupport.configuration(command, context: context)
        let store = try JournalCommandSupport.openJournal(command, context: context)
        let job = try await JournalCommandSupport.job(command.arguments[0], in: store)
        let machine = JobMachine(polling: .polling(loaded.configuration.pipeline))
        var decision = try machine.retry(job, at: context.time.now())
        decision.job.owner = ProcessIdentity.current
        try await store.save(
            JobChange(job: decision.job, expectedVersion: job.version, transition: decision.transition))
        context.logger.info("job retried", ["job.id": .string(job.id), "job.attempt": .int(decision.job.attempt)])
        context.output.line(
            "\(job.id) is pending again (attempt \(decision.job.attempt)); the running agent, or "
                + "'ecdrop submit' of its manifest, carries it out")
        return .success
    }
}
