import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Synchronization
import Testing

/// The jobs intake hands over, kept instead of started.
final class HandedOver: Sendable {
    private let jobs = Mutex<[Job]>([])

    func add(_ more: [Job]) { jobs.withLock { $0 += more } }

    var all: [Job] { jobs.withLock { $0 } }
}

@Suite("Look-ahead: a lone drop's upload committed in its intake flush")
struct UploadLookAheadTests {
    /// The harness's pipeline with a look-ahead on `engine`; new jobs are collected, not started.
    static func pipeline(
        _ harness: PipelineHarness, engine: JobEngine, deadline: TimeInterval = 5, room: Bool = true
    ) -> (ManifestPipeline, HandedOver) {
        let started = HandedOver()
        var pipeline = harness.pipeline
        pipeline.lookAhead = UploadLookAhead(engine: engine, deadline: deadline) { _ in room }
        pipeline.onNewJobs = { jobs in started.add(jobs) }
        return (pipeline, started)
    }

    static func drop(
        _ pipeline: ManifestPipeline, _ harness: PipelineHarness, source: ManifestSourceKind = .drop,
        bytes: Data = FakeJobPlanner.manifest()
    )
        async throws -> IntakeReceipt
    {
        try await pipeline.accept(
            IncomingManifest(
                source: source, origin: "/drop/m.json", bytes: bytes, receivedAt: harness.clock.now()))
    }

    @Test("a dropped manifest is journaled with its upload committed, and the upload follows without a second look-up")
    func commitsInTheIntakeFlush() async throws {
        let harness = try PipelineHarness()
        let engine = harness.engine()
        let (pipeline, started) = Self.pipeline(harness, engine: engine)

        _ = try await Self.drop(pipeline, harness)
        let recorded = try #require(try await harness.jobs().first)

        #expect(recorded.state == .uploading)
        #expect(recorded.owner == "test/1")
        #expect(
            try await harness.store.transitions(jobId: recorded.id).map(\.note) == [
                "job recorded", "upload committed (1)",
            ])
        #expect(await harness.ecd.calls == ["DescribeImages"])
        let audit = harness.logs.entries.filter { $0.message == "job moved" }.map { $0.metadata["job.note"] }
        #expect(audit == [.string("upload committed (1)")])

        await engine.start(newJobs: started.all)

        #expect(await harness.ecd.calls == ["DescribeImages", "UploadImage"])
        #expect(try await harness.jobs().first?.state == .importing)
        try await harness.drive(engine)
        #expect(try await harness.jobs().first?.state == .available)
        #expect(await harness.ecd.totalUploads == 1)
    }

    @Test("a name that is taken is left to the engine, which fails the job without uploading")
    func nameTakenFallsBack() async throws {
        let harness = try PipelineHarness()
        await harness.ecd.seed(name: "win11-r1-a", region: "cn-hangzhou")
        let engine = harness.engine()
        let (pipeline, started) = Self.pipeline(harness, engine: engine)

        _ = try await Self.drop(pipeline, harness)
        #expect(try await harness.jobs().first?.state == .pending)
        await engine.start(newJobs: started.all)

        let job = try #require(try await harness.jobs().first)
        #expect(job.state == .failed)
        #expect(job.failure?.reason == .nameTaken)
        #expect(await harness.ecd.totalUploads == 0)
    }

    @Test("a look-up slower than the deadline is abandoned: the manifest is journaled at once, the job pending")
    func slowLookUpFallsBack() async throws {
        let harness = try PipelineHarness()
        await harness.ecd.script("DescribeImages", [.stall(30)])
        let engine = harness.engine()
        let (pipeline, started) = Self.pipeline(harness, engine: engine, deadline: 0.05)
        let clock = ContinuousClock()

        let began = clock.now
        _ = try await Self.drop(pipeline, harness)

        #expect(clock.now - began < .seconds(10))
        #expect(try await harness.jobs().first?.state == .pending)
        await engine.start(newJobs: started.all)
        #expect(try await harness.jobs().first?.state == .importing)
        #expect(await harness.ecd.totalUploads == 1)
    }

    @Test("webhook manifests, and drops with no room to start at once, are journaled before any look-up")
    func onlyWhenNobodyWaits() async throws {
        let harness = try PipelineHarness()
        let (webhook, _) = Self.pipeline(harness, engine: harness.engine())
        let (crowded, _) = Self.pipeline(harness, engine: harness.engine(), room: false)

        _ = try await Self.drop(webhook, harness, source: .webhook)
        _ = try await Self.drop(crowded, harness, bytes: FakeJobPlanner.manifest(run: "r2"))

        #expect(await harness.ecd.calls.isEmpty)
        #expect(try await harness.jobs().allSatisfy { $0.state == .pending })
    }

    @Test("with no request slot free under the API pace, nothing is looked up ahead")
    func respectsThePace() async throws {
        let harness = try PipelineHarness()
        var engine = harness.engine()
        engine.pacer = Pacer(perSecond: 0.01, time: harness.clock)
        try await engine.pacer.acquire()
        let (pipeline, _) = Self.pipeline(harness, engine: engine)

        _ = try await Self.drop(pipeline, harness)

        #expect(await harness.ecd.calls.isEmpty)
        #expect(try await harness.jobs().first?.state == .pending)
    }

    @Test("the same manifest dropped again commits no second upload")
    func repeatsCommitNothing() async throws {
        let harness = try PipelineHarness()
        let engine = harness.engine()
        let (pipeline, started) = Self.pipeline(harness, engine: engine)

        _ = try await Self.drop(pipeline, harness)
        let again = try await Self.drop(pipeline, harness)
        await engine.start(newJobs: started.all)

        #expect(again.isRepeat)
        #expect(started.all.count == 1)
        #expect(await harness.ecd.totalUploads == 1)
    }

    @Test("an upload committed at intake but never sent is taken up by the next process, and sent once")
    func recoversAnUnsentCommit() async throws {
        let harness = try PipelineHarness()
        let (pipeline, _) = Self.pipeline(harness, engine: harness.engine(owner: "gone/1"))

        _ = try await Self.drop(pipeline, harness)
        #expect(try await harness.jobs().first?.state == .uploading)
        try await harness.drive(harness.engine(owner: "test/2", alive: ["test/2"]))

        #expect(try await harness.jobs().first?.state == .available)
        #expect(await harness.ecd.totalUploads == 1)
        #expect(await harness.ecd.calls.filter { $0 == "UploadImage" }.count == 1)
    }
}
