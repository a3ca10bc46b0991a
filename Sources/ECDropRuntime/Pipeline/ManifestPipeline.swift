import ECDropCore
import Foundation

/// Where intake hands manifests over: digest, plan, journal. A manifest is on record, with its
/// jobs, before `accept` returns; the same bytes again, or the same builds in a rewritten
/// Packer file, create no new jobs and say so.
public struct ManifestPipeline: ManifestSink {
    public var store: any JobStore
    public var planner: any JobPlanner
    public var digests: any Digests
    public var router: ReportRouter
    public var time: any TimeSource
    public var logger: Logger
    /// Follow deadline for rules that set none.
    public var defaultDeadline: TimeInterval
    /// Called with the new jobs, as recorded, so the engine can start them without a read. A job
    /// recorded `uploading` by the look-ahead has its upload committed: the send is what is left.
    public var onNewJobs: @Sendable ([Job]) -> Void = { _ in }
    /// Looks a lone dropped manifest's jobs up before they are journaled, when set (the daemon).
    public var lookAhead: UploadLookAhead?
    /// Batches the journal writes of manifests that arrive together into one transaction.
    let committer: IntakeCommitter

    public init(
        store: any JobStore, planner: any JobPlanner, digests: any Digests, router: ReportRouter,
        time: any TimeSource, logger: Logger, defaultDeadline: TimeInterval
    ) {
        self.store = store
        self.planner = planner
        self.digests = digests
        self.router = router
        self.time = time
        self.logger = logger
        self.defaultDeadline = defaultDeadline
        self.committer = IntakeCommitter(store: store)
    }

    public func accept(_ manifest: IncomingManifest) async throws -> IntakeReceipt {
        let digest = digests.sha256Hex(manifest.bytes)
        // Planning first keeps manifests that are unreadable, or still being written, out of the journal.
        let outcome = try planner.plan(manifest)
        let candidate = ManifestRecord(
            id: IdempotencyKey.manifestId(forDigest: digest), source: manifest.source, origin: manifest.origin,
            digest: digest, bytes: manifest.bytes, receivedAt: manifest.receivedAt)
        let now = time.now()
        var jobs = makeJobs(outcome, manifestId: candidate.id, at: now)
        var commits: [String: JobTransition] = [:]
        if let lookAhead {
            let ahead = await lookAhead.commitUploads(jobs, from: manifest.source)
            jobs = ahead.jobs
            commits = ahead.commits
        }
        let router = router
        let bodies = try JournalJSON.bodies(of: jobs)
        let recordedJobs = jobs
        let write = IntakeWrite(candidate: candidate) { [commits] stored in
            var plan = Self.recording(outcome, jobs: recordedJobs, for: stored, at: now, router: router)
            plan.bodies = bodies
            plan.commits = commits
            return plan
        }
        let recorded = try await journal { try await committer.record(write) }
        guard let result = recorded.plan else {
            logReceived(recorded.record, outcome: outcome, newJobs: 0, repeated: true)
            return IntakeReceipt(manifestId: recorded.record.id, isRepeat: true, jobIds: recorded.record.jobIds)
        }
        return entered(result, outcome: outcome, jobs: jobs, for: recorded.record, commits: commits)
    }

    /// Plans the manifests recorded before a stop but never planned.
    public func planUnplanned() async throws {
        for manifest in try await store.unplannedManifests() {
            let incoming = IncomingManifest(
                source: manifest.source, origin: manifest.origin, bytes: manifest.bytes, receivedAt: manifest.receivedAt
            )
            do {
                _ = try await enter(try planner.plan(incoming), for: manifest)
            } catch {
                logger.error("manifest not planned", error: error, ["manifest.id": .string(manifest.id)])
            }
        }
    }

    private func enter(_ outcome: PlanOutcome, for manifest: ManifestRecord) async throws -> IntakeReceipt {
        let now = time.now()
        let jobs = makeJobs(outcome, manifestId: manifest.id, at: now)
        let plan = Self.recording(outcome, jobs: jobs, for: manifest, at: now, router: router)
        let result = try await journal { try await store.recordPlan(plan) }
        return entered(result, outcome: outcome, jobs: jobs, for: manifest)
    }

    private func entered(
        _ result: PlanResult, outcome: PlanOutcome, jobs: [Job], for manifest: ManifestRecord,
        commits: [String: JobTransition] = [:]
    ) -> IntakeReceipt {
        warnAboutReporters(outcome)
        logReceived(manifest, outcome: outcome, newJobs: result.newJobIds.count, repeated: false)
        // The engine's audit line for the uploads intake committed, as it writes it for its own.
        for job in jobs where result.newJobIds.contains(job.id) {
            if let commit = commits[job.id] { lookAhead?.engine.logTransition(commit, job: job) }
        }
        if !result.newJobIds.isEmpty {
            let new = Set(result.newJobIds)
            onNewJobs(jobs.filter { new.contains($0.id) })
        }
        let repeated = result.newJobIds.isEmpty && !result.existingJobIds.isEmpty
        return IntakeReceipt(manifestId: manifest.id, isRepeat: repeated, jobIds: result.allJobIds)
    }

    /// The plan as the journal records it; jobs born failed come with their reports.
    static func recording(
        _ outcome: PlanOutcome, jobs: [Job], for manifest: ManifestRecord, at now: Date, router: ReportRouter
    ) -> PlanRecording {
        let failed = jobs.filter { $0.state == .failed }
        let outbox = failed.flatMap { router.outboxItems(for: .failed, job: $0, manifest: manifest, at: now) }
        return PlanRecording(
            manifestId: manifest.id, format: outcome.format, buildKeys: outcome.buildKeys, jobs: jobs, plannedAt: now,
            outbox: outbox)
    }

    /// One job per plan and per problem, once per idempotency key.
    func makeJobs(_ outcome: PlanOutcome, manifestId: String, at now: Date) -> [Job] {
        var seen = Set<String>()
        var jobs: [Job] = []
        for plan in outcome.jobs {
            let key = IdempotencyKey.derive(plan, digests: digests)
            guard seen.insert(key).inserted else { continue }
            jobs.append(
                Job(
                    id: IdempotencyKey.jobId(forKey: key), manifestId: manifestId, idempotencyKey: key, plan: plan,
                    defaultDeadline: defaultDeadline, createdAt: now))
        }
        for problem in outcome.problems {
            let key = IdempotencyKey.derive(problem, digests: digests)
            guard seen.insert(key).inserted else { continue }
            jobs.append(
                Job(
                    id: IdempotencyKey.jobId(forKey: key), manifestId: manifestId, idempotencyKey: key,
                    problem: problem, createdAt: now))
        }
        return jobs
    }

    private func journal<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as JournalError {
            throw IntakeError(.journal, "the manifest could not be recorded: \(error.message)", cause: error)
        }
    }

    private func warnAboutReporters(_ outcome: PlanOutcome) {
        let unknown = Set(outcome.jobs.flatMap { router.unknownReporters(in: $0.reporters) })
        for name in unknown.sorted() {
            logger.warning("rule names an unknown reporter", ["reporter.name": .string(name)])
        }
    }

    private func logReceived(_ manifest: ManifestRecord, outcome: PlanOutcome, newJobs: Int, repeated: Bool) {
        logger.info(
            "manifest received",
            [
                "manifest.id": .string(manifest.id), "manifest.source": .string(manifest.source.rawValue),
                "manifest.origin": .string(manifest.origin), "manifest.format": .string(outcome.format),
                "manifest.repeat": .bool(repeated), "jobs.new": .int(newJobs),
                "jobs.planned": .int(outcome.jobs.count + outcome.problems.count),
            ])
    }
}
