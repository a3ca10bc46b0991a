import ECDropCore
import ECDropSQLite
import Foundation

extension SQLiteJobStore {
    public nonisolated func job(id: String) async throws -> Job? {
        try await jobBody(id: id).map { try decodeJobs([$0])[0] }
    }

    func jobBody(id: String) throws -> String? {
        try storage {
            try connection.query("SELECT body FROM jobs WHERE id = ?", [.text(id)]) { $0.string(at: 0) ?? "" }.first
        }
    }

    /// Decoded off the actor: a round may read thousands of jobs, and intake's commits should
    /// not wait for their JSON.
    public nonisolated func jobs(_ filter: JobFilter) async throws -> [Job] {
        try decodeJobs(try await jobBodies(filter))
    }

    func jobBodies(_ filter: JobFilter) throws -> [String] {
        var clauses: [String] = []
        var values: [SQLiteValue] = []
        if let states = filter.states {
            clauses.append("state IN (" + states.map { _ in "?" }.joined(separator: ", ") + ")")
            values += states.sorted { $0.rawValue < $1.rawValue }.map { .text($0.rawValue) }
        }
        if let manifestId = filter.manifestId {
            clauses.append(
                "row IN (SELECT job_row FROM manifest_jobs WHERE manifest_row = (SELECT row FROM manifests WHERE id = ?))"
            )
            values.append(.text(manifestId))
        }
        if let dueBy = filter.dueBy {
            clauses.append("(wake_at IS NULL OR wake_at <= ? OR state = ?)")
            values += [.real(dueBy.timeIntervalSince1970), .text(JobState.uploading.rawValue)]
        }
        let condition = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        // SQLite sorts NULL first: a job due now comes before all. With one state, the index on
        // (state, wake_at) gives this order without reading the other jobs.
        let order = filter.soonestFirst ? " ORDER BY wake_at" : " ORDER BY created_at DESC, id"
        values.append(.integer(Int64(min(filter.limit, Int(Int64.max)))))
        return try storage {
            try connection.query("SELECT body FROM jobs" + condition + order + " LIMIT ?", values) {
                $0.string(at: 0) ?? ""
            }
        }
    }

    public func save(_ change: JobChange) throws {
        try storage {
            try connection.transaction {
                var job = change.job
                job.version = change.expectedVersion + 1
                let updated = try connection.run(
                    """
                    UPDATE jobs SET state = ?, image_id = ?, updated_at = ?, wake_at = ?, version = ?, body = ?
                    WHERE id = ? AND version = ?
                    """,
                    [
                        .text(job.state.rawValue), .optional(job.imageId), .real(job.updatedAt.timeIntervalSince1970),
                        .optional(job.lookAt?.timeIntervalSince1970), .int(job.version), .text(try job.journalBody()),
                        .text(job.id), .int(change.expectedVersion),
                    ])
                guard updated == 1 else {
                    throw JournalError(
                        .conflict, path: path, detail: "job \(job.id) is no longer at version \(change.expectedVersion)"
                    )
                }
                if let transition = change.transition { try insertTransition(transition) }
                for item in change.outbox { try insertOutbox(item) }
            }
        }
    }

    public func transitions(jobId: String) throws -> [JobTransition] {
        try storage {
            try connection.query(
                """
                SELECT from_state, to_state, at, attempt, note FROM transitions
                WHERE job_row = (SELECT row FROM jobs WHERE id = ?) ORDER BY id
                """,
                [.text(jobId)]
            ) { row in
                JobTransition(
                    jobId: jobId, from: JobState(rawValue: row.string(at: 0) ?? "") ?? .pending,
                    to: JobState(rawValue: row.string(at: 1) ?? "") ?? .pending,
                    at: Date(timeIntervalSince1970: row.double(at: 2)), attempt: row.int(at: 3),
                    note: row.string(at: 4) ?? "")
            }
        }
    }

    public nonisolated func jobsWithStaleResults(limit: Int) async throws -> [Job] {
        try decodeJobs(try await staleJobBodies(limit: limit))
    }

    func staleJobBodies(limit: Int) throws -> [String] {
        try storage {
            try connection.query(
                "SELECT body FROM jobs WHERE results_version < version ORDER BY updated_at LIMIT ?", [.int(limit)]
            ) { $0.string(at: 0) ?? "" }
        }
    }

    public func markResultsWritten(jobId: String, version: Int) throws {
        try storage {
            // Losing this mark to a power cut only means the file is written again, so it does
            // without a flush of its own; the next durable commit flushes it along.
            try connection.execute("PRAGMA synchronous = OFF")
            defer { try? connection.execute("PRAGMA synchronous = FULL") }
            try connection.run(
                "UPDATE jobs SET results_version = max(results_version, ?) WHERE id = ?", [.int(version), .text(jobId)])
        }
    }

    // MARK: - Rows

    func insert(_ job: Job, body: String? = nil) throws {
        try connection.run(
            """
            INSERT INTO jobs (id, idempotency_key, manifest_id, rule, region, image_name, image_id, state,
                created_at, updated_at, wake_at, version, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(job.id), .text(job.idempotencyKey), .text(job.manifestId), .text(job.ruleName), .text(job.region),
                .optional(job.imageName), .optional(job.imageId), .text(job.state.rawValue),
                .real(job.createdAt.timeIntervalSince1970), .real(job.updatedAt.timeIntervalSince1970),
                .optional(job.lookAt?.timeIntervalSince1970), .int(job.version), .text(try body ?? job.journalBody()),
            ])
    }

    func insertTransition(_ transition: JobTransition) throws {
        try connection.run(
            """
            INSERT INTO transitions (job_row, from_state, to_state, at, attempt, note)
            VALUES ((SELECT row FROM jobs WHERE id = ?), ?, ?, ?, ?, ?)
            """,
            [
                .text(transition.jobId), .text(transition.from.rawValue), .text(transition.to.rawValue),
                .real(transition.at.timeIntervalSince1970), .int(transition.attempt), .text(transition.note),
            ])
    }

    /// Jobs from their stored JSON; nonisolated, so callers decode outside the actor.
    nonisolated func decodeJobs(_ bodies: [String]) throws -> [Job] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try bodies.map { body in
            do {
                return try decoder.decode(Job.self, from: Data(body.utf8))
            } catch {
                throw JournalError(.corruptRecord, path: path, detail: "a job is not readable JSON", cause: error)
            }
        }
    }
}
