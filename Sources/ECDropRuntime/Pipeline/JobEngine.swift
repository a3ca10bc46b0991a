import ECDropCore
import Foundation

/// The dispatcher and the follower: each round it finds the jobs that need work, uploads
/// (look first, commit, send) and polls (batched by region) within the concurrency limit and
/// the request rate, fair across rules. Every step is saved before it is acted on, so a round
/// cut short anywhere resumes in the next process.
public struct JobEngine: Sendable {
    public var store: any JobStore
    public var images: any ImageService
    public var machine: JobMachine
    public var router: ReportRouter
    public var pacer: Pacer
    public var time: any TimeSource
    public var logger: Logger
    public var concurrency: Int
    /// This process, as written into the jobs it saves.
    public var owner: String = ProcessIdentity.current
    public var isAlive: @Sendable (String) -> Bool = ProcessIdentity.isAlive
    /// Image ids per DescribeImages call of the follower.
    public var pollBatchSize = 50
    /// When set, only these jobs are worked on (`ecdrop submit` follows its own jobs only).
    public var scope: Set<String>?
    /// False when a `ResultsWriter` writes the result files instead, told by `onSaved`.
    public var writesResultsInline = true
    /// Awaited before each unit of work starts; the daemon lets a burst of intake finish first.
    public var giveWay: @Sendable () async -> Void = {}
    /// Called after every saved change of a job.
    public var onSaved: @Sendable () -> Void = {}
    /// Jobs being worked on in this process; a unit whose job is claimed elsewhere is skipped.
    public var claims = JobClaims()
    /// Whether result files are being written; shared by every copy of this engine.
    public var resultsHealth = ResultsWriteHealth()

    public init(
        store: any JobStore, images: any ImageService, machine: JobMachine, router: ReportRouter, pacer: Pacer,
        time: any TimeSource, logger: Logger, concurrency: Int
    ) {
        self.store = store
        self.images = images
        self.machine = machine
        self.router = router
        self.pacer = pacer
        self.time = time
        self.logger = logger
        self.concurrency = max(1, concurrency)
    }

    /// One round: every due job gets its turn. Returns when the round's work is done.
    public func runOnce() async throws {
        let units = try await dueUnits(excluding: [])
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for unit in units {
                if running >= concurrency {
                    await group.next()
                    running -= 1
                }
                group.addTask { await perform(unit) }
                running += 1
            }
        }
    }

    /// Advances each new job at once, as intake recorded it, unless it is being worked on
    /// already; intake calls this so that a new job does not wait for the round in progress.
    public func start(newJobs jobs: [Job]) async {
        guard jobs.count > 1 else {
            if let job = jobs.first { await startNew(job) }
            return
        }
        await withTaskGroup(of: Void.self) { group in
            for job in jobs { group.addTask { await startNew(job) } }
        }
    }

    private func startNew(_ job: Job) async {
        guard scope?.contains(job.id) ?? true, !job.state.isFinal else { return }
        if let request = committedUpload(job) {
            // Intake recorded this job with its upload committed (the look-ahead): only the send is left.
            await giveWay()
            guard claims.claim([job.id]) else { return }
            defer { claims.release([job.id]) }
            await advance(job, with: await carryOut(.upload(request), for: job))
            return
        }
        guard isDue(job, at: time.now()) else { return }
        await giveWay()
        guard claims.claim([job.id]) else { return }
        defer { claims.release([job.id]) }
        await advance(job, with: .dispatched)
    }

    /// The upload a new job was recorded with, committed by this process and not yet sent.
    private func committedUpload(_ job: Job) -> UploadImageRequest? {
        guard job.state == .uploading, job.owner == owner, job.uploadSends == 1, job.version == 0 else { return nil }
        return job.request
    }

    /// When the next unfinished job needs work; nil when there is none. Reads the uploading jobs
    /// (their leases hang on their holders' lives) and the one other job due soonest, not every
    /// unfinished job: a round after each new job must not cost more as imports pile up.
    public func nextWake() async throws -> Date? {
        let now = time.now()
        guard scope == nil else { return try await unfinished().map { wakeTime(of: $0, at: now) }.min() }
        var candidates = try await store.jobs(JobFilter(states: [.uploading], limit: Int.max))
        for state in [JobState.pending, .importing] {
            candidates += try await store.jobs(JobFilter(states: [state], soonestFirst: true, limit: 1))
        }
        return candidates.map { wakeTime(of: $0, at: now) }.min()
    }

    /// The unfinished jobs within scope; with `dueBy`, only those due by then and the uploading ones.
    public func unfinished(dueBy: Date? = nil) async throws -> [Job] {
        var filter = JobFilter.unfinished
        filter.dueBy = dueBy
        let jobs = try await store.jobs(filter)
        guard let scope else { return jobs }
        return jobs.filter { scope.contains($0.id) }
    }

    /// Works until cancelled: starts due work whenever a slot is free, so one slow call holds
    /// only its own job; rests until the next job is due, or `idle` at most, so that jobs recorded
    /// by intake (or another process) are picked up.
    public func run(idle: TimeInterval = 1) async {
        await withTaskGroup(of: [String]?.self) { group in
            var busy = Set<String>()
            var running = 0
            var resting = false
            while !Task.isCancelled {
                do {
                    for unit in try await dueUnits(excluding: busy).prefix(max(0, concurrency - running)) {
                        busy.formUnion(unit.jobIds)
                        running += 1
                        group.addTask {
                            await perform(unit)
                            return unit.jobIds
                        }
                    }
                } catch {
                    logger.error("pipeline round failed", error: error)
                }
                if !resting {
                    resting = true
                    let wake = (try? await nextWake()).flatMap { $0 } ?? time.now().addingTimeInterval(idle)
                    let until = min(wake, time.now().addingTimeInterval(idle))
                    group.addTask {
                        try? await time.sleep(until: until)
                        return nil
                    }
                }
                guard let finished = await group.next() else { break }
                if let jobIds = finished {
                    busy.subtract(jobIds)
                    running -= 1
                } else {
                    resting = false
                }
            }
            group.cancelAll()
        }
    }

    /// Due work in the order it should start: uploads fair across rules, then poll batches.
    func dueUnits(excluding busy: Set<String>) async throws -> [WorkUnit] {
        let now = time.now()
        let due = try await unfinished(dueBy: now).filter { isDue($0, at: now) && !busy.contains($0.id) }
        let uploads = FairOrder.interleave(due.filter { $0.state != .importing }.sorted { $0.createdAt < $1.createdAt })
        return uploads.map(WorkUnit.upload) + pollBatches(due.filter { $0.state == .importing }).map(WorkUnit.poll)
    }

    // MARK: - Choosing work

    enum WorkUnit: Sendable {
        case upload(Job)
        case poll([Job])

        var jobIds: [String] {
            switch self {
            case .upload(let job): [job.id]
            case .poll(let jobs): jobs.map(\.id)
            }
        }
    }

    func isDue(_ job: Job, at now: Date) -> Bool {
        wakeTime(of: job, at: now) <= now
    }

    func wakeTime(of job: Job, at now: Date) -> Date {
        guard let wake = job.lookAt else { return now }
        // A committed upload whose process died need not wait out the lease.
        if job.state == .uploading, wake > now, let holder = job.owner, holder != owner, !isAlive(holder) {
            return now
        }
        return wake
    }

    func pollBatches(_ jobs: [Job]) -> [[Job]] {
        let byRegion = Dictionary(grouping: jobs.filter { $0.imageId != nil }, by: \.region)
        return byRegion.keys.sorted().flatMap { region -> [[Job]] in
            let regionJobs = byRegion[region]!
            return stride(from: 0, to: regionJobs.count, by: pollBatchSize).map {
                Array(regionJobs[$0..<min($0 + pollBatchSize, regionJobs.count)])
            }
        }
    }

    private func perform(_ unit: WorkUnit) async {
        await giveWay()
        guard claims.claim(unit.jobIds) else { return }
        defer { claims.release(unit.jobIds) }
        switch unit {
        case .upload(let job): await advance(job, with: .dispatched)
        case .poll(let jobs): await poll(jobs)
        }
    }
}
