import Foundation

/// The pure job state machine: events in, the job to save and actions out; time comes in as
/// a parameter. The runtime saves each changed job before it carries out the actions, so an
/// UploadImage is never sent without its intent on record.
public struct JobMachine: Sendable {
    public var polling: Backoff
    public var calls: Backoff
    /// How long a committed upload belongs to the process that committed it; another process
    /// resumes it only after this, or once that process is gone.
    public var uploadLease: TimeInterval

    public init(polling: Backoff, calls: Backoff = .calls, uploadLease: TimeInterval = 300) {
        self.polling = polling
        self.calls = calls
        self.uploadLease = uploadLease
    }

    public func handle(_ event: JobEvent, for job: Job, at now: Date) -> JobDecision {
        guard !job.state.isFinal else { return JobDecision(job: job, transition: nil, actions: [], changed: false) }
        var step = Step(job: job, now: now)
        switch (job.state, event) {
        case (.pending, .dispatched), (.uploading, .dispatched):
            dispatch(&step)
        case (.pending, .nameLookedUp(let images, let requestId)):
            preflight(&step, images: images, requestId: requestId)
        case (.uploading, .nameLookedUp(let images, let requestId)):
            recover(&step, images: images, requestId: requestId)
        case (.pending, .lookupFailed(let failure)), (.uploading, .lookupFailed(let failure)):
            callFailed(&step, failure, rejectedNote: "lookup rejected")
        case (.uploading, .uploaded(let imageId, let requestId)):
            accept(&step, imageId: imageId, requestId: requestId)
        case (.uploading, .uploadFailed(let failure)):
            callFailed(&step, failure, rejectedNote: "upload rejected")
        case (.importing, .dispatched):
            step.failIfPastDeadline()
        case (.importing, .polled(let image, let requestId)):
            follow(&step, image: image, requestId: requestId)
        case (.importing, .pollFailed(let failure)):
            step.job.lastError = failure.message
            step.changed = true
            if !step.failIfPastDeadline() { schedulePoll(&step) }
        default:
            // An answer that no longer fits the job's state (late, or duplicated): ignored.
            break
        }
        return step.decision
    }

    // MARK: - Uploading

    private func dispatch(_ step: inout Step) {
        guard !step.failIfPastDeadline(), let name = step.job.imageName else { return }
        // Pending: look before the first send. Uploading: a send may have been carried out; look first.
        step.actions.append(.lookUpImageName(region: step.job.region, imageName: name))
    }

    private func preflight(_ step: inout Step, images: [ImageRecord], requestId: String) {
        let matches = exactMatches(images, step.job)
        let foreign = matches.filter { !step.job.createdImageIds.contains($0.imageId) }
        if let twin = foreign.first {
            let name = step.job.imageName ?? ""
            step.fail(
                JobFailure(
                    reason: .nameTaken, code: "job.name_taken",
                    message: "an image named '\(name)' already exists in \(step.job.region) (\(twin.imageId)) "
                        + "and this job did not create it; delete that image or change the rule's ImageName"),
                note: "name taken")
            return
        }
        if let own = usable(matches) {
            adopt(&step, image: own, requestId: requestId)
            return
        }
        commitUpload(&step, note: "upload committed")
    }

    private func recover(_ step: inout Step, images: [ImageRecord], requestId: String) {
        // Earlier attempts' failed imports are history; anything else of this name is the lost send's image.
        let candidates = exactMatches(images, step.job).filter {
            !(step.job.createdImageIds.contains($0.imageId) && $0.status == .createFailed)
        }
        if let found = usable(candidates) ?? candidates.first {
            adopt(&step, image: found, requestId: requestId)
            return
        }
        commitUpload(&step, note: "upload committed again")
    }

    private func commitUpload(_ step: inout Step, note: String) {
        guard let request = step.job.request else { return }
        step.job.uploadSends += 1
        step.job.wakeAt = step.now.addingTimeInterval(uploadLease)
        step.moveTo(.uploading, note: "\(note) (\(step.job.uploadSends))")
        step.actions.append(.upload(request))
    }

    private func accept(_ step: inout Step, imageId: String, requestId: String) {
        step.job.imageId = imageId
        if !step.job.createdImageIds.contains(imageId) { step.job.createdImageIds.append(imageId) }
        step.job.requestIds.append(requestId)
        step.job.progress = 0
        step.job.lastError = nil
        step.job.polls = 0
        step.job.wakeAt = step.now.addingTimeInterval(polling.delay(after: 0))
        step.moveTo(.importing, note: "upload accepted")
        step.actions.append(.notify(.accepted))
    }

    private func adopt(_ step: inout Step, image: ImageRecord, requestId: String) {
        step.job.imageId = image.imageId
        step.job.requestIds.append(requestId)
        step.job.progress = image.progress
        step.job.polls = 0
        step.job.wakeAt = step.now
        step.moveTo(.importing, note: "image adopted")
        step.actions.append(.notify(.accepted))
    }

    private func callFailed(_ step: inout Step, _ failure: CallFailure, rejectedNote: String) {
        if let requestId = failure.requestId { step.job.requestIds.append(requestId) }
        guard failure.isTransient || failure.outcomeUnknown else {
            step.fail(JobFailure(reason: .rejected, code: failure.code, message: failure.message), note: rejectedNote)
            return
        }
        step.job.lastError = failure.message
        step.job.wakeAt = step.now.addingTimeInterval(calls.delay(after: max(0, step.job.uploadSends - 1)))
        step.changed = true
        step.failIfPastDeadline()
    }

    // MARK: - Following

    private func follow(_ step: inout Step, image: ImageRecord?, requestId: String) {
        step.job.lastError = nil
        step.changed = true
        switch image?.status {
        case .available:
            step.job.progress = 100
            step.job.wakeAt = nil
            step.moveTo(.available, note: "image available")
            step.actions.append(.notify(.available))
        case .createFailed:
            step.job.requestIds.append(requestId)
            let detail = image?.description.map { ": \($0)" } ?? ""
            step.fail(
                JobFailure(
                    reason: .importFailed, code: "ecd.CreateFailed",
                    message: "ECD could not import \(step.job.imageId ?? "the image") (CreateFailed)\(detail); "
                        + "check that the OSS object is a bootable Windows image and that ECD may read it"),
                note: "import failed")
        default:
            if let progress = image?.progress { step.job.progress = progress }
            if !step.failIfPastDeadline() { schedulePoll(&step) }
        }
    }

    private func schedulePoll(_ step: inout Step) {
        step.job.wakeAt = step.now.addingTimeInterval(polling.delay(after: step.job.polls))
        step.job.polls += 1
    }

    // MARK: - Helpers

    private func exactMatches(_ images: [ImageRecord], _ job: Job) -> [ImageRecord] {
        images.filter { $0.name == job.imageName }
    }

    /// An image worth adopting: not one that already failed to import.
    private func usable(_ images: [ImageRecord]) -> ImageRecord? {
        images.first { $0.status == .available } ?? images.first { $0.status != .createFailed }
    }
}
