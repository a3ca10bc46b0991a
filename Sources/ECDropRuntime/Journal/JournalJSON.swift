import ECDropCore
import Foundation

/// The JSON the journal stores for a job, one encoding for every thread that writes it.
public enum JournalJSON {
    /// Each job's stored body by job id: encoded where the jobs are made, so the journal thread,
    /// which every write waits for, spends its time on SQLite only.
    public static func bodies(of jobs: [Job]) throws -> [String: String] {
        var bodies: [String: String] = [:]
        for job in jobs { bodies[job.id] = try job.journalBody() }
        return bodies
    }
}
