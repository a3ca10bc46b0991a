import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("Pipeline: intake, upload exactly once, follow")
struct PipelineTests {
    @Test("one manifest with two rules and two regions gives four jobs and four available images")
    func fourJobs() async throws {
        let harness = try PipelineHarness()
        let receipt = try await harness.submit(
            FakeJobPlanner.manifest(rules: ["a", "b"], regions: ["cn-hangzhou", "cn-shanghai"]))
        #expect(receipt.jobIds.count == 4)
        #expect(!receipt.isRepeat)
        try await harness.drive()
        let jobs = try await harness.jobs()
        #expect(jobs.count == 4)
        #expect(jobs.allSatisfy { $0.state == .available && $0.progress == 100 && $0.imageId != nil })
        #expect(await harness.ecd.totalUploads == 4)
        #expect(await harness.ecd.uploads(named: "win11-r1-a") == 2)
    }

    @Test("each change of an import's progress is logged once, by the poll that saw it")
    func progressLines() async throws {
        let harness = try PipelineHarness(pollsToFinish: 4)
        _ = try await harness.submit(FakeJobPlanner.manifest())
        try await harness.drive()
        let lines = harness.logs.entries.filter { $0.message == "import progress" }
        #expect(lines.map { $0.metadata["import.progress"] } == [.int(25), .int(50), .int(75), .int(100)])
        #expect(lines.allSatisfy { $0.metadata["image.id"] != nil && $0.metadata["job.id"] != nil })
    }

    @Test("the same manifest again, or the same builds in a rewritten file, creates no jobs and says so")
    func repeats() async throws {
        let harness = try PipelineHarness()
        let first = try await harness.submit(FakeJobPlanner.manifest())
        let same = try await harness.submit(FakeJobPlanner.manifest())
        let rewritten = try await harness.submit(FakeJobPlanner.manifest(padding: "rewritten"))
        #expect(same.isRepeat && same.jobIds == first.jobIds)
        #expect(rewritten.isRepeat && rewritten.jobIds == first.jobIds)
        #expect(rewritten.manifestId != first.manifestId)
        let newRun = try await harness.submit(FakeJobPlanner.manifest(run: "r2"))
        #expect(!newRun.isRepeat)
        #expect(try await harness.jobs().count == 2)
    }

    @Test(
        "unreadable or unfinished manifests are refused and not recorded",
        arguments: [
            (Data(), "manifest.incomplete"), (Data("{\"x\":1}".utf8), "manifest.invalid"),
        ])
    func refusesBadManifests(bytes: Data, code: String) async throws {
        let harness = try PipelineHarness()
        let error = await #expect(throws: IntakeError.self) { try await harness.submit(bytes) }
        #expect(error?.code == code)
        #expect(try await harness.store.unplannedManifests().isEmpty)
        #expect(try await harness.jobs().isEmpty)
    }

    @Test("throttling on UploadImage and DescribeImages is absorbed: one upload, image available")
    func absorbsThrottling() async throws {
        let harness = try PipelineHarness()
        await harness.ecd.script("UploadImage", [.fail(FakeImageService.throttled("UploadImage"))])
        await harness.ecd.script("DescribeImages", [.fail(FakeImageService.throttled("DescribeImages"))])
        _ = try await harness.submit(FakeJobPlanner.manifest())
        try await harness.drive()
        let job = try #require(try await harness.jobs().first)
        #expect(job.state == .available)
        #expect(await harness.ecd.totalUploads == 1)
    }

    @Test("a hang after UploadImage was carried out ends with the image adopted, not a second upload")
    func hangAfterUpload() async throws {
        let harness = try PipelineHarness()
        await harness.ecd.script("UploadImage", [.hangAfterWork])
        _ = try await harness.submit(FakeJobPlanner.manifest())
        try await harness.drive()
        let job = try #require(try await harness.jobs().first)
        #expect(job.state == .available)
        #expect(await harness.ecd.uploads(named: "win11-r1-a") == 1)
        let notes = try await harness.store.transitions(jobId: job.id).map(\.note)
        #expect(notes.contains("image adopted"))
    }

    @Test("an image of the same exact name made by someone else fails the job; nothing is uploaded")
    func refusesTwin() async throws {
        let harness = try PipelineHarness()
        await harness.ecd.seed(name: "win11-r1-a", region: "cn-hangzhou")
        _ = try await harness.submit(FakeJobPlanner.manifest())
        try await harness.drive()
        let job = try #require(try await harness.jobs().first)
        #expect(job.failure?.reason == .nameTaken)
        #expect(await harness.ecd.totalUploads == 0)
    }

    @Test("a permanent rejection fails the job as rejected with the service's code and RequestId")
    func rejected() async throws {
        let harness = try PipelineHarness()
        await harness.ecd.script("UploadImage", [.fail(FakeImageService.rejected("UploadImage"))])
        _ = try await harness.submit(FakeJobPlanner.manifest())
        try await harness.drive()
        let job = try #require(try await harness.jobs().first)
        #expect(job.failure?.reason == .rejected)
        #expect(job.failure?.code == "ecd.InvalidParameter.OssObjectPath")
        #expect(job.requestIds.contains("req-rejected"))
    }

    @Test("an import that ends in CreateFailed fails the job as import_failed")
    func importFailed() async throws {
        let harness = try PipelineHarness()
        await harness.ecd.failImports(named: "win11-r1-a")
        _ = try await harness.submit(FakeJobPlanner.manifest())
        try await harness.drive()
        let job = try #require(try await harness.jobs().first)
        #expect(job.failure?.reason == .importFailed)
        #expect(job.failure?.message.contains(job.imageId ?? "?") == true)
    }

    @Test("an import still creating at the deadline fails cleanly as deadline_passed")
    func deadline() async throws {
        let harness = try PipelineHarness(pollsToFinish: 1000)
        _ = try await harness.submit(FakeJobPlanner.manifest(deadline: 600))
        try await harness.drive(rounds: 200)
        let job = try #require(try await harness.jobs().first)
        #expect(job.state == .failed)
        #expect(job.failure?.reason == .deadlinePassed)
        #expect(harness.clock.now() >= job.deadline)
        #expect(await harness.ecd.totalUploads == 1)
    }

    @Test("a rule that did not render becomes a failed job with reason invalid_render")
    func invalidRender() async throws {
        let harness = try PipelineHarness()
        let receipt = try await harness.submit(FakeJobPlanner.manifest(broken: ["bad"]))
        #expect(receipt.jobIds.count == 2)
        try await harness.drive()
        #expect(try await harness.jobs(.failed).first?.failure?.reason == .invalidRender)
        #expect(try await harness.jobs(.available).count == 1)
    }
}
