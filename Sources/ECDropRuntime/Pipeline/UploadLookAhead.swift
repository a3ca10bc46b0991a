import ECDropCore
import Foundation

/// Looks a lone dropped manifest's new jobs up by ImageName before the manifest is journaled,
/// so that one journal flush records the manifest, its jobs and their upload intent, and the
/// upload goes out right after it: one flush and one hop fewer on the way from a drop to its
/// UploadImage. The look-up is the one the engine makes before a first upload anyway; it only
/// reads, so making it before the manifest is on record risks nothing.
///
/// Only when it costs nobody anything: intake is quiet, the express lane has room, the API pace
/// has a slot free now, and the answer comes within `deadline`. Otherwise, and for any answer
/// but "the name is free", the jobs are recorded as they were and the engine takes them as usual.
public struct UploadLookAhead: Sendable {
    public var engine: JobEngine
    /// How long the look-up may take before the manifest is journaled without it.
    public var deadline: TimeInterval
    /// Where manifests come from that may wait for a look-up: a webhook's sender waits for its
    /// answer, a drop folder's writer does not.
    public var sources: Set<ManifestSourceKind>
    /// Manifests with more new jobs than this are journaled first, as usual.
    public var maxJobs: Int
    /// Whether `count` new jobs may start now (intake quiet, room to start them at once).
    public var hasRoom: @Sendable (_ count: Int) -> Bool
    /// Look-aheads under way, at most four: manifests read together all find intake quiet at first.
    private let underWay = LockedValue(0)

    public init(
        engine: JobEngine, deadline: TimeInterval = 0.5, sources: Set<ManifestSourceKind> = [.drop], maxJobs: Int = 4,
        hasRoom: @escaping @Sendable (Int) -> Bool
    ) {
        self.engine = engine
        self.deadline = deadline
        self.sources = sources
        self.maxJobs = maxJobs
        self.hasRoom = hasRoom
    }

    /// The jobs as they should be recorded, and the upload commit of each job that carries one.
    public func commitUploads(_ jobs: [Job], from source: ManifestSourceKind) async -> LookedAhead {
        let candidates = jobs.filter { $0.state == .pending && $0.imageName != nil }
        guard sources.contains(source), !candidates.isEmpty, candidates.count <= maxJobs,
            hasRoom(candidates.count), takeSlot()
        else { return LookedAhead(jobs: jobs, commits: [:]) }
        defer { underWay.update { $0 -= 1 } }
        let answers = await withTaskGroup(of: (String, JobEvent?).self) { group in
            for job in candidates { group.addTask { (job.id, await lookUp(job)) } }
            var answers: [String: JobEvent] = [:]
            for await (id, event) in group { answers[id] = event }
            return answers
        }
        var result = LookedAhead(jobs: jobs, commits: [:])
        for index in result.jobs.indices {
            let job = result.jobs[index]
            guard let event = answers[job.id], let committed = commit(job, after: event) else { continue }
            result.jobs[index] = committed.job
            result.commits[job.id] = committed.transition
        }
        return result
    }

    private func takeSlot() -> Bool {
        underWay.update { count in
            guard count < 4 else { return false }
            count += 1
            return true
        }
    }

    /// The job with its upload committed, when the machine's answer to the look-up is exactly that.
    private func commit(_ job: Job, after event: JobEvent) -> (job: Job, transition: JobTransition)? {
        let decision = engine.machine.handle(event, for: job, at: engine.time.now())
        guard decision.job.state == .uploading, let transition = decision.transition, decision.actions.count == 1,
            case .upload = decision.actions[0]
        else { return nil }
        var committed = decision.job
        committed.owner = engine.owner
        return (committed, transition)
    }

    /// One DescribeImages by exact name within the deadline; nil when it could not be had.
    private func lookUp(_ job: Job) async -> JobEvent? {
        guard let name = job.imageName, await engine.pacer.tryAcquire() else { return nil }
        let query = DescribeImagesQuery(RegionId: job.region, ImageName: name, MaxResults: 100)
        let images = engine.images
        let deadline = UInt64(max(0, self.deadline) * 1_000_000_000)
        return await withTaskGroup(of: JobEvent?.self) { group in
            group.addTask {
                guard let page = try? await images.describeImages(query), (page.nextToken ?? "").isEmpty else {
                    return nil
                }
                return .nameLookedUp(images: page.images, requestId: page.requestId)
            }
            group.addTask {
                try? await Task.sleep(nanoseconds: deadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}

/// Jobs after a look-ahead: those whose upload was committed are `uploading`, with the
/// transition that committed it by job id.
public struct LookedAhead: Sendable {
    public var jobs: [Job]
    public var commits: [String: JobTransition]
}
