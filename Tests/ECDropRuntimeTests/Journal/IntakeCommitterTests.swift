import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Synchronization
import Testing

@Suite("Group commit of intake writes")
struct IntakeCommitterTests {
    let folder: TemporaryFolder
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    init() throws { folder = try TemporaryFolder("intake-commit") }

    func write(_ digest: String, jobs jobIds: [String], keys: String = "key") -> IntakeWrite {
        let plannedAt = now
        let manifest = ManifestRecord(
            id: "man-\(digest)", source: .webhook, origin: "delivery-\(digest)", digest: digest,
            bytes: Data("{\"builds\":[]}".utf8), receivedAt: now)
        let jobs = jobIds.map { id in
            Job(
                id: id, manifestId: manifest.id, idempotencyKey: "\(keys)-\(id)",
                plan: JobPlan(
                    ruleName: "win11", region: "cn-hangzhou",
                    request: UploadImageRequest(
                        RegionId: "cn-hangzhou", OssObjectPath: "oss://b/o.vhd", ImageName: "img-\(id)"),
                    buildName: "win11", runId: "run-\(digest)", artifactName: "o.vhd"),
                defaultDeadline: 3600, createdAt: now)
        }
        return IntakeWrite(candidate: manifest) { stored in
            PlanRecording(manifestId: stored.id, format: "packer", buildKeys: [], jobs: jobs, plannedAt: plannedAt)
        }
    }

    @Test("writes recorded in one call each get their manifest and jobs, and a known digest is a repeat")
    func recordsABatch() async throws {
        let store = try SQLiteJobStore(path: folder.path("journal.sqlite"))
        let first = try await store.recordIntake([write("d1", jobs: ["job-1"]), write("d2", jobs: ["job-2", "job-3"])])
        #expect(try first.map { try $0.get().plan?.newJobIds } == [["job-1"], ["job-2", "job-3"]])
        let again = try await store.recordIntake([write("d2", jobs: ["job-2", "job-3"])])
        let repeated = try #require(try again.first?.get())
        #expect(repeated.plan == nil)
        #expect(repeated.record.jobIds == ["job-2", "job-3"])
        #expect(try await store.jobs(.unfinished).count == 3)
    }

    @Test("a write that fails inside a batch is undone alone; the rest of the batch is recorded")
    func failsAlone() async throws {
        let store = try SQLiteJobStore(path: folder.path("journal.sqlite"))
        _ = try await store.recordIntake([write("d1", jobs: ["job-1"])])
        // A second manifest whose job reuses job-1's id under a new key breaks the primary key.
        let results = try await store.recordIntake([
            write("d2", jobs: ["job-2"]), write("d3", jobs: ["job-1"], keys: "other"),
        ])
        #expect(try results[0].get().plan?.newJobIds == ["job-2"])
        #expect(throws: JournalError.self) { try results[1].get() }
        #expect(try await store.manifest(id: "man-d3") == nil)
        #expect(try await store.manifest(id: "man-d2") != nil)
    }

    @Test("manifests that arrive while a batch is being written are written together in the next one")
    func batchesConcurrentArrivals() async throws {
        let journal = GatedJournal()
        let committer = IntakeCommitter(store: journal)
        let first = Task { try await committer.record(write("d0", jobs: [])) }
        await journal.waitForBatches(1)
        let rest = (1...20).map { index in Task { try await committer.record(write("d\(index)", jobs: [])) } }
        try await journal.waitForQueued(committer: committer, count: 20)
        journal.open()
        _ = try await first.value
        for task in rest { _ = try await task.value }
        #expect(journal.batchSizes == [1, 20])
    }

    @Test("other work does not wait while intake is idle or journals a lone manifest")
    func quietWhenIdle() async throws {
        let journal = GatedJournal()
        journal.open()
        let committer = IntakeCommitter(store: journal)
        let started = Date()
        await committer.waitUntilQuiet(atMost: 30)
        _ = try await committer.record(write("d1", jobs: []))
        await committer.waitUntilQuiet(atMost: 30)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("other work waits while a burst is journaled, and goes on once the burst has ended")
    func waitsForABurst() async throws {
        let journal = GatedJournal()
        let committer = IntakeCommitter(store: journal)
        let writes = (0..<10).map { index in Task { try await committer.record(write("d\(index)", jobs: [])) } }
        await journal.waitForBatches(1)
        let waiting = Task {
            await committer.waitUntilQuiet(atMost: 30)
            return journal.batchSizes
        }
        try await Task.sleep(nanoseconds: 50_000_000)
        journal.open()
        for task in writes { _ = try await task.value }
        // The waiter was let go only after every batch of the burst had been written.
        #expect(await waiting.value.reduce(0, +) == 10)
    }

    @Test("a wait for quiet ends at its limit even while the burst goes on")
    func waitHasALimit() async throws {
        let journal = GatedJournal()
        let committer = IntakeCommitter(store: journal)
        let held = Task { try await committer.record(write("d0", jobs: [])) }
        await journal.waitForBatches(1)
        await committer.waitUntilQuiet(atMost: 0.05)
        #expect(committer.isBusy)
        journal.open()
        _ = try await held.value
    }

    @Test("when the transaction fails, every write of the batch gets the error")
    func sharesAFailure() async throws {
        let journal = GatedJournal(failing: true)
        journal.open()
        let committer = IntakeCommitter(store: journal)
        await #expect(throws: JournalError.self) { try await committer.record(write("d1", jobs: [])) }
    }
}

/// An intake journal that holds each batch until opened, and counts what it was given.
private final class GatedJournal: IntakeJournal {
    private struct State {
        var sizes: [Int] = []
        var isOpen = false
    }

    private let state = Mutex(State())
    private let failing: Bool

    init(failing: Bool = false) { self.failing = failing }

    var batchSizes: [Int] { state.withLock { $0.sizes } }

    func open() { state.withLock { $0.isOpen = true } }

    func recordIntake(_ writes: [IntakeWrite]) async throws -> [Result<IntakeRecorded, any Error>] {
        state.withLock { $0.sizes.append(writes.count) }
        while !state.withLock({ $0.isOpen }) { try await Task.sleep(nanoseconds: 1_000_000) }
        if failing { throw JournalError(.storage, path: "gated", detail: "disk I/O error") }
        return writes.map {
            .success(IntakeRecorded(record: $0.candidate, plan: PlanResult(newJobIds: [], existingJobIds: [])))
        }
    }

    func waitForBatches(_ count: Int) async {
        while batchSizes.count < count { try? await Task.sleep(nanoseconds: 1_000_000) }
    }

    func waitForQueued(committer: IntakeCommitter, count: Int) async throws {
        let deadline = Date().addingTimeInterval(10)
        while committer.queued < count, Date() < deadline { try await Task.sleep(nanoseconds: 1_000_000) }
    }
}
