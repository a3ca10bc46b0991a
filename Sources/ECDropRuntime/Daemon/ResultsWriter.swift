import ECDropCore
import Foundation

/// Writes the result files the journal marks stale, one at a time, apart from the dispatcher:
/// a job that changed twice meanwhile is written once, and file writes (each a new inode and
/// two flushes) never hold up intake or an upload. After a failed write (folder read-only or
/// full) it waits as the engine's `ResultsWriteHealth` says, so a broken folder is retried
/// with growing pauses, not in a flood.
final class ResultsWriter: Sendable {
    let engine: JobEngine
    let logger: Logger
    private let wakeup = Wakeup()
    /// Result files written so far; lets tests see the writer at work.
    let written = LockedValue(0)

    init(engine: JobEngine, logger: Logger) {
        self.engine = engine
        self.logger = logger
    }

    func wake() { wakeup.wake() }

    /// A job passes pending, uploading and importing within milliseconds: waiting this long after
    /// a wake writes its file once, in the state it rests in, and off its upload's critical path.
    static let settle: UInt64 = 20_000_000

    /// Writes until cancelled; rests while nothing is stale.
    func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: Self.settle)
            do {
                let (attempted, failed) = try await writeBatch()
                if failed > 0 {
                    // The engine's results health paces the retries of a folder that fails.
                    let next = engine.resultsHealth.nextTry ?? Date().addingTimeInterval(1)
                    await wakeup.wait(until: max(next, Date().addingTimeInterval(0.1)))
                } else if attempted == 0 {
                    await wakeup.wait(until: nil)
                }
            } catch {
                logger.error("result files not written", error: error)
                await wakeup.wait(until: Date().addingTimeInterval(5))
            }
        }
    }

    /// One batch of stale jobs, oldest change first: how many were tried, how many failed.
    private func writeBatch() async throws -> (Int, Int) {
        let stale = try await engine.store.jobsWithStaleResults(limit: 100)
        var failed = 0
        for job in stale {
            if Task.isCancelled { break }
            await engine.giveWay()
            guard await engine.writeResults(job) else {
                failed += 1
                continue
            }
            written.update { $0 += 1 }
            if job.state.isFinal, let folder = engine.router.results, engine.router.writesResults(for: job) {
                logger.info(
                    "result file written",
                    ["job.id": .string(job.id), "result.path": .string(folder.path(forJob: job.id))]
                )
            }
        }
        return (stale.count, failed)
    }
}
