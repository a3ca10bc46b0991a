import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

// The rounds ask the journal for due jobs and for the soonest one, instead of reading every
// unfinished job: these are the answers they rely on.
@Suite("SQLite job store: due jobs")
struct SQLiteJobStoreDueTests {
    let folder: TemporaryFolder
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    init() throws { folder = try TemporaryFolder("journal-due") }

    private func job(_ id: String, _ state: JobState, wakeIn: TimeInterval?, deadlineIn: TimeInterval = 3600) -> Job {
        let plan = JobPlan(
            ruleName: "win11", region: "cn-hangzhou",
            request: UploadImageRequest(
                RegionId: "cn-hangzhou", OssObjectPath: "oss://b/o.vhd", ImageName: "img-\(id)"),
            buildName: "win11", runId: "run-1", artifactName: "o.vhd")
        var job = Job(
            id: id, manifestId: "man-1", idempotencyKey: "key-\(id)", plan: plan, defaultDeadline: 3600, createdAt: now)
        job.state = state
        job.wakeAt = wakeIn.map { now.addingTimeInterval($0) }
        job.deadline = now.addingTimeInterval(deadlineIn)
        return job
    }

    /// A journal holding one job of each kind the rounds must tell apart.
    private func store() async throws -> SQLiteJobStore {
        let store = try SQLiteJobStore(path: folder.path("journal.sqlite"))
        _ = try await store.recordManifest(
            ManifestRecord(
                id: "man-1", source: .drop, origin: "/drop/m.json", digest: "aa11", bytes: Data("{}".utf8),
                receivedAt: now))
        let jobs = [
            job("pending-now", .pending, wakeIn: nil),
            job("retry-in-60", .pending, wakeIn: 60),
            job("poll-in-10", .importing, wakeIn: 10),
            job("deadline-in-5", .importing, wakeIn: 300, deadlineIn: 5),
            job("lease-in-600", .uploading, wakeIn: 600),
            job("available", .available, wakeIn: nil),
        ]
        _ = try await store.recordPlan(
            PlanRecording(manifestId: "man-1", format: "packer", buildKeys: ["run-1/win11"], jobs: jobs, plannedAt: now)
        )
        return store
    }

    private func due(_ store: SQLiteJobStore, by seconds: TimeInterval) async throws -> Set<String> {
        var filter = JobFilter.unfinished
        filter.dueBy = now.addingTimeInterval(seconds)
        return Set(try await store.jobs(filter).map(\.id))
    }

    @Test(
        "due jobs are those whose wake time has come, imports by their deadline when it comes first, and every upload")
    func dueByTime() async throws {
        let store = try await store()
        #expect(try await due(store, by: 0) == ["pending-now", "lease-in-600"])
        #expect(try await due(store, by: 5) == ["pending-now", "lease-in-600", "deadline-in-5"])
        #expect(try await due(store, by: 10) == ["pending-now", "lease-in-600", "deadline-in-5", "poll-in-10"])
        #expect(
            try await due(store, by: 60) == [
                "pending-now", "lease-in-600", "deadline-in-5", "poll-in-10", "retry-in-60",
            ])
    }

    @Test("soonest first orders by the time to look, a job due now before all")
    func soonestFirst() async throws {
        let store = try await store()
        let order = try await store.jobs(JobFilter(states: [.pending, .importing], soonestFirst: true, limit: 10))
        #expect(order.map(\.id) == ["pending-now", "deadline-in-5", "poll-in-10", "retry-in-60"])
        let importing = try await store.jobs(JobFilter(states: [.importing], soonestFirst: true, limit: 1))
        #expect(importing.map(\.id) == ["deadline-in-5"])
    }

    @Test("an import saved with a later poll than its deadline is due at the deadline")
    func savedImportKeepsItsDeadline() async throws {
        let store = try await store()
        var moved = try #require(try await store.job(id: "poll-in-10"))
        moved.wakeAt = now.addingTimeInterval(900)
        moved.deadline = now.addingTimeInterval(20)
        try await store.save(JobChange(job: moved, expectedVersion: moved.version, transition: nil))
        #expect(try await due(store, by: 19).contains("poll-in-10") == false)
        #expect(try await due(store, by: 20).contains("poll-in-10"))
    }
}
