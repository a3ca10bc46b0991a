import ECDropCore
import Foundation

/// What the `jobs` commands share: the journal named by the configuration, and job lines.
enum JournalCommandSupport {
    static func configuration(_ command: ParsedCommand, context: CommandContext) throws -> LoadedConfiguration {
        let loader = ConfigurationLoader(environment: context.environment)
        return try loader.load(file: command.value("config"))
    }

    /// Opens the existing journal; a missing one is an error, not a new empty journal.
    static func openJournal(_ command: ParsedCommand, context: CommandContext) throws -> SQLiteJobStore {
        let path = try configuration(command, context: context).configuration.journalPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw GeneralError(
                code: "journal.not_found",
                message: "there is no journal at \(path); check state_dir in the configuration (or --config)",
                exitCode: .noInput)
        }
        return try SQLiteJobStore(path: path, logger: context.logger)
    }

    static func job(_ id: String, in store: SQLiteJobStore) async throws -> Job {
        guard let job = try await store.job(id: id) else {
            throw GeneralError(
                code: "job.not_found", message: "no job with id '\(id)' in the journal; see 'ecdrop jobs list'",
                exitCode: .noInput)
        }
        return job
    }

    static func line(_ job: Job) -> String { JobLine.text(job) }

    static func state(_ text: String?, command: String) throws -> JobState? {
        guard let text else { return nil }
        guard let state = JobState(rawValue: text) else {
            let names = JobState.allCases.map(\.rawValue)
            throw UsageError(
                .badValue, "--state must be one of \(names.joined(separator: ", ")), not '\(text)'", command: command,
                suggestion: Suggestion.closest(to: text, in: names))
        }
        return state
    }
}
