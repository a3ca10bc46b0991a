import ECDropCore
import Foundation

extension JobEngine {
    /// Feeds `event` to the machine, saves the decision, carries out its call, and feeds the
    /// answer back, until the job waits for time to pass.
    public func advance(_ start: Job, with first: JobEvent) async {
        var job = start
        var event = first
        // look up → commit and upload → accepted: three steps; the bound only guards against a loop.
        for _ in 0..<6 {
            let decision = machine.handle(event, for: job, at: time.now())
            let call = decision.actions.first(where: \.isCall)
            do {
                // A job about to make a call gets its result file once the call has answered:
                // writing it first would put two file flushes before every upload.
                if decision.changed { job = try await commit(decision, previous: job, writingResults: call == nil) }
            } catch let error as JournalError where error.reason == .conflict {
                logger.debug("job changed elsewhere", ["job.id": .string(job.id)])
                return
            } catch let error as JournalError where error.reason == .unavailable {
                // The journal logs its own trouble once; the job is taken up again in a later round.
                logger.debug("job not saved", ["job.id": .string(job.id), "error.code": .string(error.code)])
                return
            } catch {
                logger.error("job not saved", error: error, ["job.id": .string(job.id)])
                return
            }
            guard let call else { return }
            event = await carryOut(call, for: job)
        }
    }

    /// Saves the decision with its history line and outbox items, then refreshes the result file.
    func commit(_ decision: JobDecision, previous: Job, writingResults: Bool = true) async throws -> Job {
        var job = decision.job
        job.owner = owner
        let notices = decision.actions.compactMap { action -> JobNotice? in
            if case .notify(let notice) = action { return notice }
            return nil
        }
        var outbox: [OutboxItem] = []
        if !notices.isEmpty {
            let manifest = try await store.manifest(id: job.manifestId)
            for notice in notices {
                outbox += router.outboxItems(for: notice, job: job, manifest: manifest, at: time.now())
            }
        }
        try await store.save(
            JobChange(job: job, expectedVersion: previous.version, transition: decision.transition, outbox: outbox))
        job.version = previous.version + 1
        if let transition = decision.transition { logTransition(transition, job: job) }
        if writingResults, writesResultsInline { await writeResults(job) }
        onSaved()
        return job
    }

    func carryOut(_ call: JobAction, for job: Job) async -> JobEvent {
        switch call {
        case .lookUpImageName(let region, let name): return await lookUp(name, in: region)
        case .upload(let request): return await upload(request, job: job)
        case .notify: preconditionFailure("notices are saved with the decision, not carried out")
        }
    }

    private func lookUp(_ name: String, in region: String) async -> JobEvent {
        do {
            let (images, requestId) = try await describeAll(
                DescribeImagesQuery(RegionId: region, ImageName: name, MaxResults: 100))
            return .nameLookedUp(images: images, requestId: requestId)
        } catch {
            return .lookupFailed(Self.failure(error, action: "DescribeImages"))
        }
    }

    private func upload(_ request: UploadImageRequest, job: Job) async -> JobEvent {
        do {
            try await pacer.acquire()
            let result = try await images.uploadImage(request)
            return .uploaded(imageId: result.ImageId, requestId: result.RequestId)
        } catch {
            let failure = Self.failure(error, action: "UploadImage")
            logger.warning(
                "upload call failed",
                [
                    "job.id": .string(job.id), "error.code": .string(failure.code),
                    "api.outcome_unknown": .bool(failure.outcomeUnknown),
                ])
            return .uploadFailed(failure)
        }
    }

    /// Every page of a DescribeImages query, paced; the last page's RequestId.
    func describeAll(_ query: DescribeImagesQuery) async throws -> ([ImageRecord], String) {
        var query = query
        var images: [ImageRecord] = []
        var requestId = ""
        for _ in 0..<50 {
            try await pacer.acquire()
            let page = try await self.images.describeImages(query)
            images += page.images
            requestId = page.requestId
            guard let token = page.nextToken, !token.isEmpty else { break }
            query.NextToken = token
        }
        return (images, requestId)
    }

    /// An error from a call as the machine sees it; anything unexpected counts as "maybe done".
    static func failure(_ error: any Error, action: String) -> CallFailure {
        if let call = error as? ECDCallError { return CallFailure(call) }
        return CallFailure(
            code: "ecd.Unexpected", message: "\(action) failed: \(error)", isTransient: true, outcomeUnknown: true)
    }

    /// False when the file could not be written; the journal still marks it stale then.
    @discardableResult
    func writeResults(_ job: Job) async -> Bool {
        do {
            if let results = router.results, router.writesResults(for: job) {
                try await results.write(job, store: store)
                if let failures = resultsHealth.succeeded() {
                    logger.notice(
                        "results folder writable again",
                        ["results.folder": .string(results.folder), "results.failed_writes": .int(failures)])
                }
            } else {
                try await store.markResultsWritten(jobId: job.id, version: job.version)
            }
            return true
        } catch let error as FileWriteError {
            // The journal still says the file is stale; the pipeline tries it again with growing pauses.
            let data: LogMetadata = [
                "job.id": .string(job.id), "results.folder": .string(router.results?.folder ?? ""),
            ]
            if resultsHealth.failed(error, at: time.now()) {
                logger.error("result file not written", error: error, data)
            } else {
                logger.debug("result file not written", data)
            }
            return false
        } catch {
            logger.error("result file not written", error: error, ["job.id": .string(job.id)])
            return false
        }
    }

    /// Rewrites the result files the journal marks stale (after a restart, or a failed write).
    public func flushResults(limit: Int = 500) async throws {
        for job in try await store.jobsWithStaleResults(limit: limit) { await writeResults(job) }
    }

    func logTransition(_ transition: JobTransition, job: Job) {
        var metadata: LogMetadata = [
            "job.id": .string(job.id), "job.state": .string(job.state.rawValue), "job.note": .string(transition.note),
            "rule.name": .string(job.ruleName), "region": .string(job.region),
        ]
        if let imageId = job.imageId { metadata["image.id"] = .string(imageId) }
        if let failure = job.failure {
            metadata["error.code"] = .string(failure.code)
            metadata["error.reason"] = .string(failure.reason.rawValue)
            logger.error("job failed", metadata)
        } else if transition.from != transition.to || transition.note.hasPrefix("upload") {
            logger.info("job moved", metadata)
        }
    }
}

extension JobAction {
    var isCall: Bool {
        if case .notify = self { return false }
        return true
    }
}
