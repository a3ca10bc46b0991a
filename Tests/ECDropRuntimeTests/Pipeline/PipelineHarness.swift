import ECDropCore
import ECDropCrypto
import ECDropRuntime
import ECDropTesting
import Foundation

/// A journal in a temporary folder, the fake ECD, a manual clock, and the pipeline over them.
struct PipelineHarness {
    let folder: TemporaryFolder
    private(set) var store: SQLiteJobStore
    let ecd: FakeImageService
    let clock = ManualTimeSource()
    let logs = MemoryLogSink()
    var webhooks: [String: WebhookTarget] = [:]

    init(pollsToFinish: Int = 2, webhooks: [String: WebhookTarget] = [:]) throws {
        folder = try TemporaryFolder("pipeline")
        store = try SQLiteJobStore(path: folder.path("journal.sqlite"))
        ecd = FakeImageService(pollsToFinish: pollsToFinish)
        self.webhooks = webhooks
    }

    /// Works on another journal (such as one a command will read).
    mutating func useStore(_ other: SQLiteJobStore) { store = other }

    var resultsFolder: String { folder.path("results") }

    var logger: Logger { Logger(level: .debug, sink: logs, time: clock) }

    var router: ReportRouter { ReportRouter(results: ResultsFolder(folder: resultsFolder), webhooks: webhooks) }

    var pipeline: ManifestPipeline {
        ManifestPipeline(
            store: store, planner: FakeJobPlanner(), digests: OpenSSLDigests(), router: router, time: clock,
            logger: logger, defaultDeadline: 3600)
    }

    /// An engine as a fresh process would make it; `owner` stands in for the process identity.
    func engine(owner: String = "test/1", alive: Set<String> = ["test/1"]) -> JobEngine {
        var engine = JobEngine(
            store: store, images: ecd, machine: JobMachine(polling: Backoff(initial: 15, maximum: 120)), router: router,
            pacer: Pacer(perSecond: 1000, time: clock), time: clock, logger: logger, concurrency: 4)
        engine.owner = owner
        engine.isAlive = { alive.contains($0) }
        return engine
    }

    func submit(_ bytes: Data, origin: String = "/drop/m.json") async throws -> IntakeReceipt {
        try await pipeline.accept(
            IncomingManifest(source: .drop, origin: origin, bytes: bytes, receivedAt: clock.now()))
    }

    /// Runs rounds, moving the clock to each next wake, until no job is unfinished (bounded).
    func drive(_ engine: JobEngine? = nil, rounds: Int = 60) async throws {
        let engine = engine ?? self.engine()
        for _ in 0..<rounds {
            try await engine.runOnce()
            guard let next = try await engine.nextWake() else { return }
            let pause = next.timeIntervalSince(clock.now())
            if pause > 0 { clock.advance(by: pause) }
        }
    }

    func jobs(_ state: JobState? = nil) async throws -> [Job] {
        try await store.jobs(JobFilter(states: state.map { [$0] }))
    }
}
