import ECDropCore
import Foundation

/// `ecdrop jobs show`: Show one job with its history.
public enum JobsShowCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["jobs", "show"],
        summary: "Show one job with its history.",
        arguments: [
            ArgumentSpec("ID", help: "The job id.")
        ],
        options: [
            OptionSpec("config", short: "c", value: "FILE", help: "Configuration file (for state_dir)."),
            OptionSpec("json", help: "Print JSON."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        let store = try JournalCommandSupport.openJournal(command, context: context)
        let job = try await JournalCommandSupport.job(command.arguments[0], in: store)
        if command.flag("json") {
            let data = try await JobViews(store: store).jobJSON(id: job.id) ?? Data()
            context.output.write(String(decoding: data, as: UTF8.self))
            return .success
        }
        print(job, to: context.output)
        context.output.line("history:")
        for step in try await store.transitions(jobId: job.id) {
            let when = step.at.formatted(.iso8601)
            context.output.line(
                "  \(when)  \(step.from.rawValue) -> \(step.to.rawValue)  \(step.note)  (attempt \(step.attempt))")
        }
        let reports = try await store.outbox(jobId: job.id)
        if !reports.isEmpty { context.output.line("reports:") }
        for report in reports {
            let detail = report.lastError.map { "  last error: \($0)" } ?? ""
            context.output.line(
                "  \(report.reporter)  \(report.notice.rawValue)  \(report.state.rawValue)  attempts \(report.attempts)\(detail)"
            )
        }
        return .success
    }

    static func print(_ job: Job, to output: any TextOutput) {
        let rows: [(String, String?)] = [
            ("id", job.id), ("state", job.state.rawValue), ("rule", job.ruleName), ("region", job.region),
            ("image_name", job.imageName), ("image_id", job.imageId), ("progress", job.progress.map { "\($0)%" }),
            ("attempt", String(job.attempt)), ("uploads_sent", String(job.uploadSends)),
            ("build", "\(job.buildName) (run \(job.runId), artifact \(job.artifactName))"),
            ("manifest", job.manifestId), ("deadline", job.deadline.formatted(.iso8601)),
            ("request_ids", job.requestIds.isEmpty ? nil : job.requestIds.joined(separator: ", ")),
            ("error", job.failure.map { "\($0.reason.rawValue) \($0.code): \($0.message)" }),
            ("last_problem", job.lastError),
        ]
        for (name, value) in rows {
            if let value { output.line("\(name): \(value)") }
        }
    }
}
