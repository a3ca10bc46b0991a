import ECDropCore
import ECDropRuntime
import ECDropSQLite
import ECDropTesting
import Foundation
import Testing

@Suite("SQLite job store")
struct SQLiteJobStoreTests {
    let folder: TemporaryFolder
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    init() throws { folder = try TemporaryFolder("journal") }

    var journal: String { folder.path("journal.sqlite") }

    func manifest(_ digest: String = "aa11", id: String = "man-1") -> ManifestRecord {
        ManifestRecord(
            id: id, source: .drop, origin: "/drop/m.json", digest: digest, bytes: Data("{\"builds\":[]}".utf8),
            receivedAt: now)
    }

    func job(_ id: String, key: String, manifestId: String = "man-1", rule: String = "win11") -> Job {
        let plan = JobPlan(
            ruleName: rule, region: "cn-hangzhou",
            request: UploadImageRequest(
                RegionId: "cn-hangzhou", OssObjectPath: "oss://b/o.vhd", ImageName: "img-\(id)"),
            buildName: "win11", runId: "run-1", artifactName: "o.vhd")
        return Job(
            id: id, manifestId: manifestId, idempotencyKey: key, plan: plan, defaultDeadline: 3600, createdAt: now)
    }

    func plan(_ jobs: [Job], manifestId: String = "man-1") -> PlanRecording {
        PlanRecording(manifestId: manifestId, format: "packer", buildKeys: ["run-1/win11"], jobs: jobs, plannedAt: now)
    }

    @Test("a new journal is migrated to the latest schema and reopens without migrating again")
    func migrates() async throws {
        let store = try SQLiteJobStore(path: journal)
        _ = try await store.recordManifest(manifest())
        await store.close()
        let connection = try SQLiteConnection(path: journal)
        #expect(try connection.userVersion() == 3)
        #expect(try connection.query("PRAGMA journal_mode") { $0.string(at: 0) } == ["wal"])
        try connection.close()
        let again = try SQLiteJobStore(path: journal)
        #expect(try await again.manifest(id: "man-1")?.digest == "aa11")
    }

    @Test("a journal from a newer ecdrop is refused with newer_schema, not modified")
    func refusesNewerSchema() throws {
        let connection = try SQLiteConnection(path: journal)
        try connection.setUserVersion(99)
        try connection.close()
        let error = #expect(throws: JournalError.self) { _ = try SQLiteJobStore(path: journal) }
        #expect(error?.code == "journal.newer_schema")
        #expect(error?.message.contains("99") == true)
    }

    @Test("a journal in a folder that does not exist is unavailable, with the path in the message")
    func unavailable() {
        let path = folder.path("missing/journal.sqlite")
        let error = #expect(throws: JournalError.self) { _ = try SQLiteJobStore(path: path) }
        #expect(error?.code == "journal.unavailable")
        #expect(error?.message.contains(path) == true)
    }

    @Test("the same digest is recorded once; the second time returns the first record")
    func manifestByDigest() async throws {
        let store = try SQLiteJobStore(path: journal)
        let first = try await store.recordManifest(manifest())
        var again = manifest()
        again.origin = "/drop/again.json"
        let second = try await store.recordManifest(again)
        #expect(first.isNew)
        #expect(!second.isNew)
        #expect(second.record.origin == "/drop/m.json")
        #expect(second.record.bytes == Data("{\"builds\":[]}".utf8))
        #expect(try await store.unplannedManifests().map(\.id) == ["man-1"])
    }

    @Test("a different digest under a recorded manifest id is refused as a conflict naming both digests")
    func manifestIdCollision() async throws {
        let store = try SQLiteJobStore(path: journal)
        _ = try await store.recordManifest(manifest())
        let error = await #expect(throws: JournalError.self) { _ = try await store.recordManifest(manifest("bb22")) }
        #expect(error?.code == "journal.conflict")
        #expect(error?.message.contains("aa11") == true)
        #expect(error?.message.contains("bb22") == true)
        #expect(try await store.manifest(id: "man-1")?.digest == "aa11")
    }

    @Test("a job whose id is recorded under another key is refused as a conflict, and the plan is not half-written")
    func jobIdCollision() async throws {
        let store = try SQLiteJobStore(path: journal)
        _ = try await store.recordManifest(manifest())
        _ = try await store.recordPlan(plan([job("job-a", key: "k1")]))
        _ = try await store.recordManifest(manifest("bb22", id: "man-2"))
        let clash = plan(
            [job("job-b", key: "k2", manifestId: "man-2"), job("job-a", key: "k9", manifestId: "man-2")],
            manifestId: "man-2")
        let error = await #expect(throws: JournalError.self) { _ = try await store.recordPlan(clash) }
        #expect(error?.code == "journal.conflict")
        #expect(error?.message.contains("k9") == true)
        #expect(try await store.job(id: "job-b") == nil)
        #expect(try await store.manifest(id: "man-2")?.plannedAt == nil)
    }

    @Test("a plan inserts jobs with new keys, links jobs with known keys, and marks the manifest planned")
    func recordsPlan() async throws {
        let store = try SQLiteJobStore(path: journal)
        _ = try await store.recordManifest(manifest())
        let first = try await store.recordPlan(plan([job("job-a", key: "k1"), job("job-b", key: "k2")]))
        #expect(first.newJobIds == ["job-a", "job-b"])
        _ = try await store.recordManifest(manifest("bb22", id: "man-2"))
        let rewritten = try await store.recordPlan(
            plan(
                [job("job-a", key: "k1", manifestId: "man-2"), job("job-c", key: "k3", manifestId: "man-2")],
                manifestId: "man-2"))
        #expect(rewritten.newJobIds == ["job-c"])
        #expect(rewritten.existingJobIds == ["job-a"])
        #expect(try await store.manifest(id: "man-2")?.jobIds == ["job-a", "job-c"])
        #expect(try await store.manifest(id: "man-2")?.plannedAt == now)
        #expect(try await store.unplannedManifests().isEmpty)
        #expect(try await store.transitions(jobId: "job-a").map(\.note) == ["job recorded"])
        #expect(try await store.jobs(JobFilter(manifestId: "man-2")).count == 2)
    }

    @Test("a save based on a stale version is refused as a conflict and changes nothing")
    func optimisticConcurrency() async throws {
        let store = try SQLiteJobStore(path: journal)
        _ = try await store.recordManifest(manifest())
        _ = try await store.recordPlan(plan([job("job-a", key: "k1")]))
        var moved = try #require(try await store.job(id: "job-a"))
        moved.state = .uploading
        moved.uploadSends = 1
        let transition = JobTransition(jobId: "job-a", from: .pending, to: .uploading, at: now, attempt: 1, note: "x")
        try await store.save(JobChange(job: moved, expectedVersion: 0, transition: transition))
        let stale = JobChange(job: moved, expectedVersion: 0, transition: nil)
        let error = await #expect(throws: JournalError.self) { try await store.save(stale) }
        #expect(error?.code == "journal.conflict")
        let stored = try #require(try await store.job(id: "job-a"))
        #expect(stored.version == 1)
        #expect(stored.state == .uploading)
        #expect(stored.uploadSends == 1)
        #expect(try await store.transitions(jobId: "job-a").map(\.to) == [.pending, .uploading])
    }

    @Test("jobs filter by state, and unfinished jobs survive reopening the journal")
    func filtersAndPersists() async throws {
        do {
            let store = try SQLiteJobStore(path: journal)
            _ = try await store.recordManifest(manifest())
            var done = job("job-done", key: "k2")
            done.state = .failed
            _ = try await store.recordPlan(plan([job("job-a", key: "k1"), done]))
            await store.close()
        }
        let reopened = try SQLiteJobStore(path: journal)
        #expect(try await reopened.jobs(.unfinished).map(\.id) == ["job-a"])
        #expect(try await reopened.jobs(JobFilter(states: [.failed])).map(\.id) == ["job-done"])
        #expect(try await reopened.jobs(JobFilter()).count == 2)
    }

    @Test("outbox items come due in order, and each delivery attempt is logged and moves the item on")
    func outbox() async throws {
        let store = try SQLiteJobStore(path: journal)
        _ = try await store.recordManifest(manifest())
        _ = try await store.recordPlan(plan([job("job-a", key: "k1")]))
        let item = OutboxItem(
            reporter: "ops", jobId: "job-a", notice: .accepted, payload: Data("{}".utf8), createdAt: now,
            giveUpAt: now.addingTimeInterval(3600))
        let current = try #require(try await store.job(id: "job-a"))
        try await store.save(JobChange(job: current, expectedVersion: 0, transition: nil, outbox: [item]))
        let due = try await store.dueDeliveries(at: now, limit: 10)
        #expect(due.count == 1)
        var next = due[0]
        next.attempts = 1
        next.nextAttemptAt = now.addingTimeInterval(10)
        next.lastError = "HTTP 503"
        let attempt = DeliveryAttempt(
            outboxId: next.id, attemptedAt: now, httpStatus: 503, error: "HTTP 503", durationMilliseconds: 12)
        try await store.recordDelivery(attempt, next: next)
        #expect(try await store.dueDeliveries(at: now, limit: 10).isEmpty)
        #expect(try await store.dueDeliveries(at: now.addingTimeInterval(10), limit: 10).first?.attempts == 1)
        #expect(try await store.deliveryLog(outboxId: next.id) == [attempt])
        #expect(try await store.outbox(jobId: "job-a").first?.payload == Data("{}".utf8))
    }

    @Test("result files are stale until marked written at the job's current version")
    func staleResults() async throws {
        let store = try SQLiteJobStore(path: journal)
        _ = try await store.recordManifest(manifest())
        _ = try await store.recordPlan(plan([job("job-a", key: "k1")]))
        #expect(try await store.jobsWithStaleResults(limit: 10).map(\.id) == ["job-a"])
        try await store.markResultsWritten(jobId: "job-a", version: 0)
        #expect(try await store.jobsWithStaleResults(limit: 10).isEmpty)
    }

    @Test("a growing log is checkpointed on the checkpoint thread, and every manifest stays on record")
    func checkpointsInTheBackground() async throws {
        let store = try SQLiteJobStore(path: journal)
        let bytes = Data(repeating: UInt8(ascii: "x"), count: 40_000)
        // Each manifest of 40 KB takes ten pages or more: 600 of them pass the 4,000 frames at
        // which the checkpoint thread is woken, and stay below the 16,000 of the inline fallback.
        for index in 0..<600 {
            let record = ManifestRecord(
                id: "man-\(index)", source: .webhook, origin: "delivery-\(index)", digest: "d\(index)", bytes: bytes,
                receivedAt: now)
            _ = try await store.recordManifest(record)
        }
        let deadline = Date().addingTimeInterval(10)
        while store.backgroundCheckpoints == 0, Date() < deadline { try await Task.sleep(nanoseconds: 10_000_000) }
        #expect(store.backgroundCheckpoints >= 1)
        await store.close()
        let reopened = try SQLiteJobStore(path: journal)
        #expect(try await reopened.manifest(id: "man-599")?.bytes == bytes)
        #expect(try await reopened.manifest(id: "man-0")?.digest == "d0")
    }
}
