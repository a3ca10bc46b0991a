import ECDropCore
import ECDropSQLite
import Foundation

extension SQLiteJobStore {
    public func recordManifest(_ manifest: ManifestRecord) throws -> ManifestRecording {
        try storage {
            try connection.transaction {
                if let existing = try recorded(manifest) {
                    return ManifestRecording(record: existing, isNew: false)
                }
                try insertManifest(manifest)
                return ManifestRecording(record: manifest, isNew: true)
            }
        }
    }

    public func manifest(id: String) throws -> ManifestRecord? {
        try storage { try manifestRow(where: "id = ?", .text(id)) }
    }

    public func unplannedManifests() throws -> [ManifestRecord] {
        try storage {
            try connection.query(manifestSelect + " WHERE planned_at IS NULL ORDER BY received_at") {
                try readManifest($0)
            }
        }
    }

    public func recordPlan(_ plan: PlanRecording) throws -> PlanResult {
        try storage { try connection.transaction { try writePlan(plan) } }
    }

    /// Every write in one transaction, so one disk flush covers them all (group commit). Each
    /// write has its own savepoint: one that fails is undone alone and answered with its error.
    public func recordIntake(_ writes: [IntakeWrite]) throws -> [Result<IntakeRecorded, any Error>] {
        try storage {
            try connection.transaction {
                writes.map { write in
                    Result { try storage { try connection.savepoint("intake") { try writeIntake(write) } } }
                }
            }
        }
    }

    private func writeIntake(_ write: IntakeWrite) throws -> IntakeRecorded {
        let stored: ManifestRecord
        if let existing = try recorded(write.candidate) {
            // A manifest that matched nothing before is planned again: rules may have been added since.
            if existing.plannedAt != nil, !existing.jobIds.isEmpty {
                return IntakeRecorded(record: existing, plan: nil)
            }
            stored = existing
        } else {
            // A new manifest is inserted already planned: one statement less on every intake.
            let plan = write.plan(write.candidate)
            try insertManifest(write.candidate, planned: plan)
            return IntakeRecorded(record: write.candidate, plan: try writeJobs(plan))
        }
        return IntakeRecorded(record: stored, plan: try writePlan(write.plan(stored)))
    }

    private func insertManifest(_ manifest: ManifestRecord, planned plan: PlanRecording? = nil) throws {
        try connection.run(
            """
            INSERT INTO manifests (id, digest, source, origin, bytes, received_at, format, build_keys, planned_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(manifest.id), .text(manifest.digest), .text(manifest.source.rawValue),
                .text(manifest.origin), .blob(manifest.bytes), .real(manifest.receivedAt.timeIntervalSince1970),
                .optional(plan?.format), .text(JSONText.list(plan?.buildKeys ?? [])),
                .optional(plan?.plannedAt.timeIntervalSince1970),
            ])
    }

    /// Marks the manifest planned, inserts the jobs whose key is new, links all of them.
    private func writePlan(_ plan: PlanRecording) throws -> PlanResult {
        try connection.run(
            "UPDATE manifests SET format = ?, build_keys = ?, planned_at = ? WHERE id = ?",
            [
                .text(plan.format), .text(JSONText.list(plan.buildKeys)),
                .real(plan.plannedAt.timeIntervalSince1970), .text(plan.manifestId),
            ])
        return try writeJobs(plan)
    }

    /// Inserts the plan's jobs whose key is new, links all of them to the manifest.
    private func writeJobs(_ plan: PlanRecording) throws -> PlanResult {
        var result = PlanResult(newJobIds: [], existingJobIds: [])
        for job in plan.jobs {
            if let existing = try recordedJobId(job) {
                result.existingJobIds.append(existing)
                try link(manifestId: plan.manifestId, jobId: existing)
                continue
            }
            try insert(job, body: plan.bodies[job.id])
            try link(manifestId: plan.manifestId, jobId: job.id)
            let note = job.state == .failed ? "rule did not render" : "job recorded"
            let commit = plan.commits[job.id]
            try insertTransition(
                JobTransition(
                    jobId: job.id, from: .pending, to: commit == nil ? job.state : .pending, at: plan.plannedAt,
                    attempt: 1, note: note))
            if let commit { try insertTransition(commit) }
            result.newJobIds.append(job.id)
        }
        for item in plan.outbox where result.newJobIds.contains(item.jobId) { try insertOutbox(item) }
        return result
    }

    // MARK: - Rows

    private var manifestSelect: String {
        """
        SELECT id, source, origin, digest, bytes, received_at, format, build_keys, planned_at,
            (SELECT json_group_array(jobs.id) FROM manifest_jobs JOIN jobs ON jobs.row = manifest_jobs.job_row
                WHERE manifest_jobs.manifest_row = manifests.row)
        FROM manifests
        """
    }

    private func manifestRow(where clause: String, _ value: SQLiteValue) throws -> ManifestRecord? {
        try connection.query(manifestSelect + " WHERE " + clause, [value]) { try readManifest($0) }.first
    }

    private func readManifest(_ row: SQLiteStatement) throws -> ManifestRecord {
        let id = row.string(at: 0) ?? ""
        guard let source = ManifestSourceKind(rawValue: row.string(at: 1) ?? "") else {
            throw JournalError(.corruptRecord, path: path, detail: "manifest \(id) has an unknown source")
        }
        return ManifestRecord(
            id: id, source: source, origin: row.string(at: 2) ?? "", digest: row.string(at: 3) ?? "",
            bytes: row.data(at: 4) ?? Data(), receivedAt: Date(timeIntervalSince1970: row.double(at: 5)),
            format: row.string(at: 6), buildKeys: try decodeList(row.string(at: 7)),
            plannedAt: row.optionalDouble(at: 8).map(Date.init(timeIntervalSince1970:)),
            jobIds: try decodeList(row.string(at: 9)).sorted())
    }

    /// The manifest already recorded with this one's digest. Its id is the digest's prefix, so the
    /// id finds it; a different digest under the same id is a prefix collision, refused.
    private func recorded(_ manifest: ManifestRecord) throws -> ManifestRecord? {
        guard let existing = try manifestRow(where: "id = ?", .text(manifest.id)) else { return nil }
        guard existing.digest == manifest.digest else {
            throw JournalError(
                .conflict, path: path,
                detail: "manifest id \(manifest.id) already names a manifest with digest \(existing.digest), "
                    + "not \(manifest.digest); change one byte of the manifest (a note) to record it")
        }
        return existing
    }

    /// The id of the job already recorded with this one's idempotency key. Its id is the key's
    /// prefix, so the id finds it; a different key under the same id is refused.
    private func recordedJobId(_ job: Job) throws -> String? {
        let keys = try connection.query("SELECT idempotency_key FROM jobs WHERE id = ?", [.text(job.id)]) {
            $0.string(at: 0) ?? ""
        }
        guard let key = keys.first else { return nil }
        guard key == job.idempotencyKey else {
            throw JournalError(
                .conflict, path: path,
                detail: "job id \(job.id) already names a job with key \(key), not \(job.idempotencyKey)")
        }
        return job.id
    }

    private func link(manifestId: String, jobId: String) throws {
        try connection.run(
            """
            INSERT OR IGNORE INTO manifest_jobs (manifest_row, job_row)
            VALUES ((SELECT row FROM manifests WHERE id = ?), (SELECT row FROM jobs WHERE id = ?))
            """,
            [.text(manifestId), .text(jobId)])
    }

    func decodeList(_ text: String?) throws -> [String] {
        guard let text, !text.isEmpty else { return [] }
        do {
            return try decoder.decode([String].self, from: Data(text.utf8))
        } catch {
            throw JournalError(.corruptRecord, path: path, detail: "a list is not JSON: \(text)", cause: error)
        }
    }
}
