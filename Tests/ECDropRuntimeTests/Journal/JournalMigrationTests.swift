import ECDropCore
import ECDropSQLite
import ECDropTesting
import Foundation
import Testing

@testable import ECDropRuntime

@Suite("Journal migrations")
struct JournalMigrationTests {
    let folder: TemporaryFolder
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    init() throws { folder = try TemporaryFolder("migration") }

    var journal: String { folder.path("journal.sqlite") }

    /// A journal written by an ecdrop of schema `version`: two manifests sharing one job, a
    /// second job with two history rows, and an outbox row with one delivery.
    func oldJournal(version: Int) throws {
        let connection = try SQLiteConnection(path: journal)
        try connection.execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON")
        for migration in JournalSchema.migrations.prefix(version) { try connection.execute(migration) }
        let at = now.timeIntervalSince1970
        for (id, digest, offset) in [("man-aa", "aa11", 0.0), ("man-bb", "bb22", 1.0)] {
            try connection.run(
                """
                INSERT INTO manifests (id, digest, source, origin, bytes, received_at, format, build_keys, planned_at)
                VALUES (?, ?, 'drop', '/drop/m.json', x'7b7d', ?, 'packer', '["run-1/win11"]', ?)
                """, [.text(id), .text(digest), .real(at + offset), .real(at + offset)])
        }
        for (id, key, manifest, state) in [
            ("job-1", "k1", "man-aa", "available"), ("job-2", "k2", "man-bb", "pending"),
        ] {
            var job = Job(
                id: id, manifestId: manifest, idempotencyKey: key,
                plan: JobPlan(
                    ruleName: "win11", region: "cn-hangzhou",
                    request: UploadImageRequest(
                        RegionId: "cn-hangzhou", OssObjectPath: "oss://b/o.vhd", ImageName: "img-\(id)"),
                    buildName: "win11", runId: "run-1", artifactName: "o.vhd"),
                defaultDeadline: 3600, createdAt: now)
            job.state = JobState(rawValue: state) ?? .pending
            try connection.run(
                """
                INSERT INTO jobs (id, idempotency_key, manifest_id, rule, region, image_name, state, created_at,
                    updated_at, version, results_version, body)
                VALUES (?, ?, ?, 'win11', 'cn-hangzhou', ?, ?, ?, ?, 0, 0, ?)
                """,
                [
                    .text(id), .text(key), .text(manifest), .text("img-\(id)"), .text(state), .real(at), .real(at),
                    .text(try job.journalBody()),
                ])
        }
        for (manifest, job) in [("man-aa", "job-1"), ("man-bb", "job-1"), ("man-bb", "job-2")] {
            try connection.run(
                "INSERT INTO manifest_jobs (manifest_id, job_id) VALUES (?, ?)", [.text(manifest), .text(job)])
        }
        for (job, from, to, note) in [
            ("job-1", "pending", "pending", "job recorded"), ("job-2", "pending", "pending", "job recorded"),
            ("job-1", "pending", "available", "image available"),
        ] {
            try connection.run(
                "INSERT INTO transitions (job_id, from_state, to_state, at, attempt, note) VALUES (?, ?, ?, ?, 1, ?)",
                [.text(job), .text(from), .text(to), .real(at), .text(note)])
        }
        try connection.run(
            """
            INSERT INTO outbox (reporter, job_id, notice, payload, created_at, next_attempt_at, give_up_at, state)
            VALUES ('hook', 'job-1', 'available', x'7b7d', ?, ?, ?, 'delivered')
            """, [.real(at), .real(at), .real(at + 3600)])
        try connection.run(
            "INSERT INTO deliveries (outbox_id, attempted_at, http_status, duration_ms) VALUES (1, ?, 200, 12)",
            [.real(at)])
        try connection.setUserVersion(version)
        try connection.close()
    }

    func indexedColumns(_ table: String) throws -> [String] {
        let connection = try SQLiteConnection(path: journal)
        defer { try? connection.close() }
        let indexes = try connection.query("SELECT name FROM pragma_index_list(?)", [.text(table)]) {
            $0.string(at: 0) ?? ""
        }
        return try indexes.flatMap { index in
            try connection.query("SELECT name FROM pragma_index_info(?)", [.text(index)]) { $0.string(at: 0) ?? "" }
        }.sorted()
    }

    @Test(
        "a journal of schema 1 or 2 is rebuilt to schema 3 and keeps every manifest, job, link, history row and delivery",
        arguments: [1, 2])
    func keepsRecords(from version: Int) async throws {
        try oldJournal(version: version)
        let store = try SQLiteJobStore(path: journal)
        #expect(try await store.manifest(id: "man-aa")?.jobIds == ["job-1"])
        #expect(try await store.manifest(id: "man-bb")?.jobIds == ["job-1", "job-2"])
        #expect(try await store.manifest(id: "man-bb")?.digest == "bb22")
        #expect(try await store.jobs(JobFilter(manifestId: "man-bb")).map(\.id).sorted() == ["job-1", "job-2"])
        #expect(try await store.job(id: "job-1")?.state == .available)
        #expect(try await store.transitions(jobId: "job-1").map(\.note) == ["job recorded", "image available"])
        #expect(try await store.transitions(jobId: "job-2").map(\.note) == ["job recorded"])
        let outbox = try await store.outbox(jobId: "job-1")
        #expect(outbox.map(\.notice.rawValue) == ["available"])
        let item = try #require(outbox.first)
        let deliveries = try await store.deliveryLog(outboxId: item.id)
        #expect(deliveries.map(\.httpStatus) == [200])
        await store.close()

        let check = try SQLiteConnection(path: journal)
        #expect(try check.userVersion() == 3)
        #expect(try check.query("PRAGMA foreign_key_check") { $0.string(at: 0) }.isEmpty)
        try check.close()
    }

    @Test("after the rebuild, manifests and jobs are indexed by id alone, not also by digest or key")
    func dropsDigestAndKeyIndexes() async throws {
        try oldJournal(version: 2)
        await (try SQLiteJobStore(path: journal)).close()
        #expect(try indexedColumns("manifests") == ["id"])
        #expect(try indexedColumns("jobs") == ["id", "state", "wake_at"])
        #expect(try indexedColumns("transitions") == ["id", "job_row"])
    }

    @Test("a rebuilt journal goes on recording: a repeat is found by id, a new job links to an old one")
    func recordsAfterRebuild() async throws {
        try oldJournal(version: 1)
        let store = try SQLiteJobStore(path: journal)
        let repeated = try await store.recordManifest(
            ManifestRecord(
                id: "man-aa", source: .webhook, origin: "127.0.0.1", digest: "aa11", bytes: Data("{}".utf8),
                receivedAt: now))
        #expect(!repeated.isNew)
        _ = try await store.recordManifest(
            ManifestRecord(
                id: "man-cc", source: .drop, origin: "/drop/n.json", digest: "cc33", bytes: Data("{}".utf8),
                receivedAt: now))
        let old = try #require(try await store.job(id: "job-1"))
        let result = try await store.recordPlan(
            PlanRecording(manifestId: "man-cc", format: "packer", buildKeys: [], jobs: [old], plannedAt: now))
        #expect(result.existingJobIds == ["job-1"])
        #expect(try await store.manifest(id: "man-cc")?.jobIds == ["job-1"])
    }

    @Test("an upgrade of an existing journal is logged before and after, with both schema versions; a new one is not")
    func logsUpgrade() async throws {
        try oldJournal(version: 2)
        let logs = MemoryLogSink()
        await (try SQLiteJobStore(path: journal, logger: Logger(level: .info, sink: logs))).close()
        #expect(logs.entries.map(\.message) == ["journal schema upgrading", "journal schema upgraded"])
        let done = try #require(logs.entries.last)
        #expect(done.metadata["journal.schema_from"] == .int(2))
        #expect(done.metadata["journal.schema_to"] == .int(3))
        #expect(done.metadata["journal.path"] == .string(journal))
        #expect(done.metadata["journal.upgrade_ms"] != nil)

        let fresh = MemoryLogSink()
        let other = folder.path("new.sqlite")
        await (try SQLiteJobStore(path: other, logger: Logger(level: .info, sink: fresh))).close()
        #expect(fresh.entries.isEmpty)
    }

    @Test("a journal whose links point at a job that does not exist is left at its old schema, with the table named")
    func refusesBrokenLinks() throws {
        try oldJournal(version: 2)
        let connection = try SQLiteConnection(path: journal)
        try connection.execute("PRAGMA foreign_keys = OFF")
        try connection.run(
            "INSERT INTO outbox (reporter, job_id, notice, payload, created_at, next_attempt_at, give_up_at, state) "
                + "VALUES ('hook', 'job-gone', 'failed', x'7b7d', 0, 0, 0, 'pending')")
        try connection.close()
        let error = #expect(throws: JournalError.self) { _ = try SQLiteJobStore(path: journal) }
        #expect(error?.message.contains("outbox") == true)
        let check = try SQLiteConnection(path: journal)
        #expect(try check.userVersion() == 2)
        try check.close()
    }
}
