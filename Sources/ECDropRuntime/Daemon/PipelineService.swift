import ECDropCore
import Foundation

/// The dispatcher, the follower and the reporters as one daemon part. Each round uploads and
/// polls what is due, rewrites stale result files and delivers due webhook reports; then it
/// rests until the next job or delivery is due, or until intake records new jobs. With nothing
/// in progress it rests without a timer: the follower polls only while imports are under way.
final class PipelineService: DaemonService {
    let name = "pipeline"
    let store: any JobStore
    let engine: JobEngine
    let intake: ManifestPipeline
    let delivery: WebhookDelivery?
    let logger: Logger
    /// Runs once the last round has ended, to close the journal.
    let onStopped: @Sendable () async -> Void
    private let wakeup = Wakeup()
    /// Writes the result files apart from the rounds.
    let results: ResultsWriter
    private let writerTask = LockedValue<Task<Void, Never>?>(nil)
    /// Starts new jobs at once, beside the round; what it cannot take waits for the next round.
    private let express = ExpressLane()
    private let stopping = LockedValue(false)
    private let loop = LockedValue<Task<Void, Never>?>(nil)
    /// Rounds run so far; lets tests see that an idle pipeline rests.
    let rounds = LockedValue(0)

    init(
        store: any JobStore, engine: JobEngine, intake: ManifestPipeline, delivery: WebhookDelivery?, logger: Logger,
        onStopped: @escaping @Sendable () async -> Void = {}
    ) {
        self.store = store
        self.onStopped = onStopped
        var dispatcher = engine
        // Journaling a burst comes first: uploads and result files wait (a second at most)
        // while batches queue.
        let committer = intake.committer
        dispatcher.giveWay = { await committer.waitUntilQuiet(atMost: 1) }
        let results = ResultsWriter(engine: dispatcher, logger: logger)
        dispatcher.writesResultsInline = false
        dispatcher.onSaved = { results.wake() }
        self.results = results
        self.engine = dispatcher
        let started = dispatcher
        self.delivery = delivery
        self.logger = logger
        var intake = intake
        let wakeup = self.wakeup
        let express = self.express
        intake.lookAhead = UploadLookAhead(engine: started) { count in
            committer.isQuiet && express.hasRoom(for: count)
        }
        // The round learns of the new jobs once they rest, so that it keeps their next poll in view.
        intake.onNewJobs = { jobs in
            if !express.start(jobs, engine: started, then: { wakeup.wake() }) { wakeup.wake() }
        }
        self.intake = intake
    }

    /// Where intake delivers manifests.
    var sink: any ManifestSink { intake }

    func start() async throws {
        // Manifests journaled before a stop but never planned are planned now.
        try await intake.planUnplanned()
        let unfinished = try await store.jobs(.unfinished).count
        if unfinished > 0 { logger.info("resuming unfinished jobs", ["jobs.unfinished": .int(unfinished)]) }
        let results = results
        writerTask.set(Task { await results.run() })
        loop.set(Task { await self.run() })
    }

    func stop(grace: TimeInterval) async {
        stopping.set(true)
        express.close()
        wakeup.wake()
        guard let task = loop.get() else { return }
        // The round in progress may finish its API calls within the grace period; then it is cut.
        let cutter = Task {
            try? await Task.sleep(nanoseconds: UInt64(max(0, grace) * 1_000_000_000))
            task.cancel()
        }
        await task.value
        await express.finish(cancellingAfter: grace)
        cutter.cancel()
        // Result files left stale are written at the next start; the journal knows which.
        if let writer = writerTask.get() {
            writer.cancel()
            await writer.value
        }
        await onStopped()
    }

    func wake() { wakeup.wake() }

    private func run() async {
        while !stopping.get(), !Task.isCancelled {
            do {
                rounds.update { $0 += 1 }
                try await engine.runOnce()
                results.wake()
                if let delivery { try await delivery.deliverDue() }
                guard !stopping.get() else { return }
                await wakeup.wait(until: try await nextWake())
            } catch is CancellationError {
                return
            } catch {
                logger.error("pipeline round failed", error: error)
                await wakeup.wait(until: Date().addingTimeInterval(5))
            }
        }
    }

    /// The earliest time a job or a delivery is due; nil when nothing is waiting.
    private func nextWake() async throws -> Date? {
        let job = try await engine.nextWake()
        let report =
            delivery == nil ? nil : try await store.dueDeliveries(at: .distantFuture, limit: 1).first?.nextAttemptAt
        // Result files of a folder that failed are the results writer's to try again.
        return [job, report].compactMap { $0 }.min()
    }
}
