import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("Pipeline: resuming after a crash")
struct ResumeTests {
    /// Commits the upload intent the way a process does just before it sends, then "dies".
    func commitUpload(_ harness: PipelineHarness, owner: String) async throws -> Job {
        let job = try #require(try await harness.jobs().first)
        let machine = JobMachine(polling: Backoff(initial: 15, maximum: 120))
        var decision = machine.handle(.nameLookedUp(images: [], requestId: "r"), for: job, at: harness.clock.now())
        decision.job.owner = owner
        try await harness.store.save(
            JobChange(job: decision.job, expectedVersion: job.version, transition: decision.transition))
        return decision.job
    }

    @Test("killed after committing but before sending: the next process looks, finds nothing, sends once")
    func crashBeforeSend() async throws {
        let harness = try PipelineHarness()
        _ = try await harness.submit(FakeJobPlanner.manifest())
        _ = try await commitUpload(harness, owner: "test/dead")
        try await harness.drive(harness.engine(owner: "test/2", alive: ["test/2"]))
        #expect(try await harness.jobs().first?.state == .available)
        #expect(await harness.ecd.totalUploads == 1)
    }

    @Test("killed after the upload was carried out: the next process adopts the image, no second upload")
    func crashAfterSend() async throws {
        let harness = try PipelineHarness()
        _ = try await harness.submit(FakeJobPlanner.manifest())
        let job = try await commitUpload(harness, owner: "test/dead")
        _ = try await harness.ecd.uploadImage(job.request!)
        try await harness.drive(harness.engine(owner: "test/2", alive: ["test/2"]))
        let finished = try #require(try await harness.jobs().first)
        #expect(finished.state == .available)
        #expect(await harness.ecd.totalUploads == 1)
    }

    @Test("a committed upload whose process still lives is left alone until its lease ends")
    func leaseHolds() async throws {
        let harness = try PipelineHarness()
        _ = try await harness.submit(FakeJobPlanner.manifest())
        _ = try await commitUpload(harness, owner: "test/busy")
        try await harness.engine(owner: "test/2", alive: ["test/2", "test/busy"]).runOnce()
        #expect(await harness.ecd.calls.isEmpty)
        #expect(try await harness.jobs().first?.state == .uploading)
    }

    @Test("a job killed while importing is followed to the end by the next process")
    func crashWhileImporting() async throws {
        let harness = try PipelineHarness(pollsToFinish: 3)
        _ = try await harness.submit(FakeJobPlanner.manifest())
        try await harness.engine().runOnce()
        #expect(try await harness.jobs().first?.state == .importing)
        try await harness.drive(harness.engine(owner: "test/2", alive: ["test/2"]))
        #expect(try await harness.jobs().first?.state == .available)
        #expect(await harness.ecd.totalUploads == 1)
    }

    @Test("manifests recorded but never planned are planned on the next start")
    func unplannedManifests() async throws {
        let harness = try PipelineHarness()
        let bytes = FakeJobPlanner.manifest()
        _ = try await harness.store.recordManifest(
            ManifestRecord(
                id: "man-x", source: .drop, origin: "/drop/x.json", digest: "d1", bytes: bytes,
                receivedAt: harness.clock.now()))
        try await harness.pipeline.planUnplanned()
        #expect(try await harness.store.manifest(id: "man-x")?.jobIds.count == 1)
        #expect(try await harness.store.unplannedManifests().isEmpty)
    }

    @Test("finished jobs are not run again after a restart")
    func finishedStayFinished() async throws {
        let harness = try PipelineHarness()
        _ = try await harness.submit(FakeJobPlanner.manifest())
        try await harness.drive()
        let calls = await harness.ecd.calls.count
        try await harness.drive(harness.engine(owner: "test/2", alive: ["test/2"]))
        #expect(await harness.ecd.calls.count == calls)
    }
}
