import ECDropCore
import ECDropCrypto
import ECDropTesting
import Foundation
import Testing

@testable import ECDropRuntime

@Suite("Result files written apart from the dispatcher")
struct ResultsWriterTests {
    func makeParts(_ folder: TemporaryFolder, results: String) throws -> (JobEngine, ManifestPipeline) {
        let store = try SQLiteJobStore(path: folder.path("journal.sqlite"))
        let time = SystemTimeSource()
        let router = ReportRouter(results: ResultsFolder(folder: results), webhooks: [:])
        let engine = JobEngine(
            store: store, images: FakeImageService(pollsToFinish: 1),
            machine: JobMachine(polling: Backoff(initial: 0.05, maximum: 0.1)), router: router,
            pacer: Pacer(perSecond: 1000, time: time), time: time, logger: .disabled, concurrency: 2)
        let intake = ManifestPipeline(
            store: store, planner: FakeJobPlanner(), digests: OpenSSLDigests(), router: router, time: time,
            logger: .disabled, defaultDeadline: 3600)
        return (engine, intake)
    }

    func accept(_ intake: ManifestPipeline) async throws -> String {
        let manifest = IncomingManifest(
            source: .submit, origin: "test", bytes: FakeJobPlanner.manifest(), receivedAt: Date())
        return try #require(try await intake.accept(manifest).jobIds.first)
    }

    func waitFor(_ path: String, seconds: TimeInterval = 10) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !FileManager.default.fileExists(atPath: path), Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return FileManager.default.fileExists(atPath: path)
    }

    func markedWritten(_ store: any JobStore, seconds: TimeInterval = 10) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while try await !store.jobsWithStaleResults(limit: 10).isEmpty, Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        return try await store.jobsWithStaleResults(limit: 10).isEmpty
    }

    @Test("a job the journal marks stale gets its result file without any upload happening")
    func writesStaleJobs() async throws {
        let folder = try TemporaryFolder("results-writer")
        let (engine, intake) = try makeParts(folder, results: folder.path("results"))
        let jobId = try await accept(intake)
        let writer = ResultsWriter(engine: engine, logger: .disabled)
        let running = Task { await writer.run() }
        writer.wake()
        #expect(try await waitFor(folder.path("results/\(jobId).json")))
        // The file is written first, then marked written in the journal.
        #expect(try await markedWritten(engine.store))
        running.cancel()
        writer.wake()
        await running.value
    }

    @Test("a results path that cannot be a folder is retried with backoff, and written once it can")
    func recoversFromABrokenFolder() async throws {
        let folder = try TemporaryFolder("results-writer")
        let results = folder.path("results")
        // A plain file where the folder should be: every write fails with ENOTDIR, even for root.
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: results))
        let (engine, intake) = try makeParts(folder, results: results)
        let jobId = try await accept(intake)
        let writer = ResultsWriter(engine: engine, logger: .disabled)
        let running = Task { await writer.run() }
        writer.wake()
        try await Task.sleep(nanoseconds: 300_000_000)
        #expect(writer.written.get() == 0)
        #expect(try await engine.store.jobsWithStaleResults(limit: 10).map(\.id) == [jobId])
        try FileManager.default.removeItem(atPath: results)
        #expect(try await waitFor(results + "/\(jobId).json"))
        running.cancel()
        writer.wake()
        await running.value
    }
}
