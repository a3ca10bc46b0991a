import ECDropCore
import Foundation

/// `ecdrop submit`'s work: one manifest through the journal and pipeline, its own jobs only,
/// until each is accepted by ECD (or, with `wait`, available or failed). Submitting a manifest
/// whose jobs are unfinished picks them up where they stopped.
public struct SubmitRunner: Sendable {
    public var parts: PipelineParts
    public var output: any TextOutput
    public var time: any TimeSource
    public var logger: Logger
    /// Longest rest between rounds; the engine's own wake times decide below that.
    public var idle: TimeInterval = 1

    public init(parts: PipelineParts, output: any TextOutput, time: any TimeSource, logger: Logger) {
        self.parts = parts
        self.output = output
        self.time = time
        self.logger = logger
    }

    public func run(_ manifest: IncomingManifest, wait: Bool) async throws -> ExitCode {
        try await parts.resume()
        let receipt = try await parts.pipeline.accept(manifest)
        guard !receipt.jobIds.isEmpty else {
            output.line("no rule matched any build in \(manifest.origin); nothing to publish")
            return .noMatchingRule
        }
        if receipt.isRepeat { output.line("\(manifest.origin) was seen before; following its jobs, creating none") }
        var engine = parts.engine
        engine.scope = Set(receipt.jobIds)
        try await follow(receipt.jobIds, engine: engine, untilFinal: wait)
        // A last delivery round; what fails stays in the journal's outbox for the daemon to deliver.
        _ = try? await parts.delivery.deliverDue()
        return try await summarize(receipt.jobIds)
    }

    private func follow(_ ids: [String], engine: JobEngine, untilFinal: Bool) async throws {
        let worker = Task { await engine.run(idle: idle) }
        defer { worker.cancel() }
        // Cancelling the worker mid-call is safe: an upload cut off stays `uploading` and is looked up next time.
        var shown: [String: String] = [:]
        while true {
            try Task.checkCancellation()
            try await parts.delivery.deliverDue()
            let jobs = try await load(ids)
            if output.isInteractive { showProgress(jobs, shown: &shown) }
            let done = jobs.allSatisfy { $0.state.isFinal || (!untilFinal && $0.state == .importing) }
            if done { break }
            try await time.sleep(for: min(idle, 0.25))
        }
        worker.cancel()
        await worker.value
    }

    private func summarize(_ ids: [String]) async throws -> ExitCode {
        let jobs = try await load(ids)
        for job in jobs { output.line(JobLine.text(job)) }
        return jobs.contains { $0.state == .failed } ? .jobsFailed : .success
    }

    private func load(_ ids: [String]) async throws -> [Job] {
        var jobs: [Job] = []
        for id in ids { if let job = try await parts.store.job(id: id) { jobs.append(job) } }
        return jobs
    }

    private func showProgress(_ jobs: [Job], shown: inout [String: String]) {
        for job in jobs {
            let text = JobLine.text(job)
            if shown[job.id] != text {
                output.line(text)
                shown[job.id] = text
            }
        }
    }
}

/// One job on one line, for people: id, state, rule, region, image, progress, error.
public enum JobLine {
    public static func text(_ job: Job) -> String {
        var fields = [
            job.id, job.state.rawValue, job.ruleName, job.region, job.imageName ?? "-", job.imageId ?? "-",
            job.progress.map { "\($0)%" } ?? "-",
        ]
        if let failure = job.failure { fields.append("\(failure.reason.rawValue): \(failure.message)") }
        return fields.joined(separator: "  ")
    }
}
