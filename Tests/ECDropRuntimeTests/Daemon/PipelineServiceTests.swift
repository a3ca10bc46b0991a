import ECDropCore
import ECDropCrypto
import ECDropTesting
import Foundation
import Synchronization
import Testing

@testable import ECDropRuntime

@Suite("Pipeline part: rests while idle, wakes for new jobs")
struct PipelineServiceTests {
    func makeService(_ folder: TemporaryFolder, images: any ImageService) throws -> PipelineService {
        let store = try SQLiteJobStore(path: folder.path("journal.sqlite"))
        let time = SystemTimeSource()
        let router = ReportRouter(results: ResultsFolder(folder: folder.path("results")), webhooks: [:])
        let settings = PipelineSettings()
        let engine = JobEngine(
            store: store, images: images,
            machine: JobMachine(polling: Backoff(initial: 0.05, maximum: 0.1)), router: router,
            pacer: Pacer(perSecond: 1000, time: time), time: time, logger: .disabled, concurrency: 2)
        let intake = ManifestPipeline(
            store: store, planner: FakeJobPlanner(), digests: OpenSSLDigests(), router: router, time: time,
            logger: .disabled, defaultDeadline: settings.followDeadline)
        return PipelineService(
            store: store, engine: engine, intake: intake, delivery: nil, logger: .disabled,
            onStopped: { await store.close() })
    }

    @Test("with nothing to do it runs one round and then no more until a manifest arrives, which starts at once")
    func idleMeansIdle() async throws {
        let folder = try TemporaryFolder("ecdrop-pipeline")
        let images = FakeImageService(pollsToFinish: 1)
        let service = try makeService(folder, images: images)
        try await service.start()
        try await Task.sleep(nanoseconds: 300_000_000)
        let settled = service.rounds.get()
        try await Task.sleep(nanoseconds: 1_000_000_000)
        #expect(settled == 1)
        #expect(service.rounds.get() == settled)

        let manifest = IncomingManifest(
            source: .submit, origin: "test", bytes: FakeJobPlanner.manifest(), receivedAt: Date())
        _ = try await service.sink.accept(manifest)
        let deadline = Date().addingTimeInterval(20)
        while await images.totalUploads == 0, Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        #expect(await images.totalUploads == 1)
        // The new job is started at once beside the round; the round wakes once the job rests.
        while service.rounds.get() == settled, Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        #expect(service.rounds.get() > settled)
        await service.stop(grace: 1)
    }

    @Test("a lone dropped manifest is journaled with its upload committed, then uploaded after one look-up")
    func lonelyDropsLookAhead() async throws {
        let folder = try TemporaryFolder("ecdrop-pipeline")
        let images = FakeImageService(pollsToFinish: 1)
        let service = try makeService(folder, images: images)
        try await service.start()

        let receipt = try await service.sink.accept(
            IncomingManifest(
                source: .drop, origin: "/drop/a.json", bytes: FakeJobPlanner.manifest(), receivedAt: Date()))
        let jobId = try #require(receipt.jobIds.first)
        let recorded = try #require(try await service.store.job(id: jobId))

        // On record the moment intake returns: the look-up is behind it, the upload committed.
        #expect(recorded.state == .uploading)
        #expect(await images.calls.first == "DescribeImages")
        let deadline = Date().addingTimeInterval(20)
        while try await service.store.job(id: jobId)?.state != .available, Date() < deadline {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        let history = try await service.store.transitions(jobId: jobId).map(\.note)
        #expect(Array(history.prefix(2)) == ["job recorded", "upload committed (1)"])
        // Saved twice after it was recorded (accepted, available); the usual path saves the commit too.
        #expect(try await service.store.job(id: jobId)?.version == 2)
        #expect(await images.calls.filter { $0 == "DescribeImages" }.count >= 1)
        #expect(await images.totalUploads == 1)
        await service.stop(grace: 1)
    }

    @Test("a new job is uploaded while the round is stuck polling an earlier import")
    func newJobsDoNotWaitForTheRound() async throws {
        let folder = try TemporaryFolder("ecdrop-pipeline")
        let images = StuckPolls(FakeImageService(pollsToFinish: 5))
        let service = try makeService(folder, images: images)
        try await service.start()
        _ = try await service.sink.accept(
            IncomingManifest(
                source: .submit, origin: "first", bytes: FakeJobPlanner.manifest(run: "r1"), receivedAt: Date()))
        let deadline = Date().addingTimeInterval(20)
        while !images.isStuck, Date() < deadline { try await Task.sleep(nanoseconds: 10_000_000) }
        #expect(images.isStuck, "the round never polled the first import")

        _ = try await service.sink.accept(
            IncomingManifest(
                source: .submit, origin: "second", bytes: FakeJobPlanner.manifest(run: "r2"), receivedAt: Date()))
        while await images.fake.totalUploads < 2, Date() < deadline { try await Task.sleep(nanoseconds: 10_000_000) }
        #expect(await images.fake.totalUploads == 2)
        #expect(images.isStuck, "the second upload waited for the poll to end")
        images.release()
        await service.stop(grace: 1)
    }
}

/// Answers look-ups by name at once, but holds every poll by image id until released.
private final class StuckPolls: ImageService {
    let fake: FakeImageService
    private let stuck = Mutex((polling: false, released: false))

    init(_ fake: FakeImageService) { self.fake = fake }

    var isStuck: Bool { stuck.withLock { $0.polling && !$0.released } }

    func release() { stuck.withLock { $0.released = true } }

    func uploadImage(_ request: UploadImageRequest) async throws -> UploadImageResult {
        try await fake.uploadImage(request)
    }

    func describeImages(_ query: DescribeImagesQuery) async throws -> DescribeImagesPage {
        if !query.ImageId.isEmpty {
            stuck.withLock { $0.polling = true }
            while !stuck.withLock({ $0.released }) { try await Task.sleep(nanoseconds: 5_000_000) }
        }
        return try await fake.describeImages(query)
    }

    func deleteImages(regionId: String, imageIds: [String]) async throws -> String {
        try await fake.deleteImages(regionId: regionId, imageIds: imageIds)
    }
}
