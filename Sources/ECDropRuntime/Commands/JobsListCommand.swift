import ECDropCore
import Foundation

/// `ecdrop jobs list`: List jobs from the journal.
public enum JobsListCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["jobs", "list"],
        summary: "List jobs from the journal.",
        arguments: [],
        options: [
            OptionSpec(
                "state", value: "STATE", help: "Only jobs in STATE: pending, uploading, importing, available, failed."),
            OptionSpec("config", short: "c", value: "FILE", help: "Configuration file (for state_dir)."),
            OptionSpec("json", help: "Print JSON."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        let state = try JournalCommandSupport.state(command.value("state"), command: spec.name)
        let store = try JournalCommandSupport.openJournal(command, context: context)
        if command.flag("json") {
            let data = try await JobViews(store: store).jobsJSON(state: state)
            context.output.write(String(decoding: data, as: UTF8.self))
            return .success
        }
        let jobs = try await store.jobs(JobFilter(states: state.map { [$0] }))
        context.output.line("ID  STATE  RULE  REGION  IMAGE_NAME  IMAGE_ID  PROGRESS")
        for job in jobs { context.output.line(JournalCommandSupport.line(job)) }
        return .success
    }
}
