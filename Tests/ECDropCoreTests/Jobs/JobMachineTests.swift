import ECDropCore
import Foundation
import Testing

@Suite("Job state machine")
struct JobMachineTests {
    let machine = JobFixtures.machine
    let now = JobFixtures.start.addingTimeInterval(10)

    /// Runs a job from pending to importing through the look-before-upload path.
    func importingJob() -> Job {
        let looked = machine.handle(.nameLookedUp(images: [], requestId: "req-1"), for: JobFixtures.job(), at: now)
        return machine.handle(.uploaded(imageId: "img-1", requestId: "req-2"), for: looked.job, at: now).job
    }

    @Test("a pending job looks its exact ImageName up before anything is sent")
    func pendingLooksFirst() {
        let decision = machine.handle(.dispatched, for: JobFixtures.job(), at: now)
        #expect(decision.actions == [.lookUpImageName(region: "cn-hangzhou", imageName: "win11-golden-42")])
        #expect(decision.job.state == .pending)
        #expect(!decision.changed)
    }

    @Test("no image of that name: the upload intent is committed (uploading, one send) before the action")
    func commitsIntent() {
        let decision = machine.handle(.nameLookedUp(images: [], requestId: "r"), for: JobFixtures.job(), at: now)
        #expect(decision.job.state == .uploading)
        #expect(decision.job.uploadSends == 1)
        #expect(decision.changed)
        #expect(decision.transition?.from == .pending)
        #expect(decision.transition?.to == .uploading)
        guard case .upload(let request) = decision.actions.first else {
            Issue.record("expected an upload action, got \(decision.actions)")
            return
        }
        #expect(request.ImageName == "win11-golden-42")
    }

    @Test("another image with the exact name fails the job as name_taken instead of uploading a twin")
    func refusesTwin() {
        let twin = JobFixtures.image("img-other", .available)
        let decision = machine.handle(.nameLookedUp(images: [twin], requestId: "r"), for: JobFixtures.job(), at: now)
        #expect(decision.job.state == .failed)
        #expect(decision.job.failure?.reason == .nameTaken)
        #expect(decision.job.failure?.message.contains("img-other") == true)
        #expect(decision.actions == [.notify(.failed)])
    }

    @Test("names that merely contain the ImageName are not twins")
    func prefixIsNotTwin() {
        let similar = JobFixtures.image("img-x", name: "win11-golden-42-old", .available)
        let decision = machine.handle(.nameLookedUp(images: [similar], requestId: "r"), for: JobFixtures.job(), at: now)
        #expect(decision.job.state == .uploading)
    }

    @Test("an accepted upload moves to importing, records the ImageId and announces acceptance")
    func acceptsUpload() {
        let job = importingJob()
        #expect(job.state == .importing)
        #expect(job.imageId == "img-1")
        #expect(job.createdImageIds == ["img-1"])
        #expect(job.requestIds == ["req-2"])
        #expect(job.wakeAt == now.addingTimeInterval(15))
    }

    @Test("a job in uploading (outcome unknown, or after a crash) looks again before it sends again")
    func uploadingLooksAgain() {
        let committed = machine.handle(.nameLookedUp(images: [], requestId: "r"), for: JobFixtures.job(), at: now).job
        let decision = machine.handle(.dispatched, for: committed, at: now)
        #expect(decision.actions == [.lookUpImageName(region: "cn-hangzhou", imageName: "win11-golden-42")])
    }

    @Test("the lost send's image is adopted, not uploaded again")
    func adoptsLostSend() {
        let committed = machine.handle(.nameLookedUp(images: [], requestId: "r"), for: JobFixtures.job(), at: now).job
        let found = JobFixtures.image("img-lost", .creating, progress: 30)
        let decision = machine.handle(.nameLookedUp(images: [found], requestId: "r2"), for: committed, at: now)
        #expect(decision.job.state == .importing)
        #expect(decision.job.imageId == "img-lost")
        #expect(decision.job.uploadSends == 1)
        #expect(decision.job.progress == 30)
        #expect(decision.transition?.note == "image adopted")
        #expect(!decision.actions.contains { if case .upload = $0 { true } else { false } })
    }

    @Test("nothing found after an unknown outcome: a second send is committed and counted")
    func sendsAgainWhenNothingFound() {
        let committed = machine.handle(.nameLookedUp(images: [], requestId: "r"), for: JobFixtures.job(), at: now).job
        let lost = machine.handle(.uploadFailed(JobFixtures.transient(unknown: true)), for: committed, at: now).job
        #expect(lost.state == .uploading)
        #expect(lost.wakeAt == now.addingTimeInterval(5))
        let again = machine.handle(.nameLookedUp(images: [], requestId: "r3"), for: lost, at: now)
        #expect(again.job.uploadSends == 2)
        #expect(again.actions.count == 1)
    }

    @Test("a permanent upload error fails the job as rejected with the service's code and message")
    func rejects() {
        let committed = machine.handle(.nameLookedUp(images: [], requestId: "r"), for: JobFixtures.job(), at: now).job
        let decision = machine.handle(.uploadFailed(JobFixtures.permanent), for: committed, at: now)
        #expect(decision.job.state == .failed)
        #expect(
            decision.job.failure
                == JobFailure(
                    reason: .rejected, code: "ecd.InvalidParameter.OssObjectPath",
                    message: "bad path"))
        #expect(decision.job.requestIds.contains("req-bad"))
    }

    @Test(
        "polls follow the image's status",
        arguments: [
            (ImageRecord.Status.available, JobState.available, Optional<FailureReason>.none),
            (.createFailed, .failed, .importFailed),
            (.creating, .importing, nil),
            (.other("Pending"), .importing, nil),
        ])
    func followsStatus(status: ImageRecord.Status, state: JobState, reason: FailureReason?) {
        let image = JobFixtures.image("img-1", status, progress: 40)
        let decision = machine.handle(.polled(image, requestId: "p"), for: importingJob(), at: now)
        #expect(decision.job.state == state)
        #expect(decision.job.failure?.reason == reason)
    }

    @Test("polls back off from the first interval to the longest one")
    func pollBackoff() {
        var job = importingJob()
        var pauses: [TimeInterval] = []
        for _ in 0..<7 {
            job = machine.handle(.polled(JobFixtures.image("img-1", .creating), requestId: "p"), for: job, at: now).job
            pauses.append(job.wakeAt!.timeIntervalSince(now))
        }
        #expect(pauses == [15, 22.5, 33.75, 50.625, 75.9375, 113.90625, 120])
    }

    @Test("the deadline fails an import that is still creating, with the reason deadline_passed")
    func deadlinePasses() {
        let job = importingJob()
        let late = job.deadline.addingTimeInterval(1)
        let decision = machine.handle(
            .polled(JobFixtures.image("img-1", .creating), requestId: "p"), for: job, at: late)
        #expect(decision.job.state == .failed)
        #expect(decision.job.failure?.reason == .deadlinePassed)
        #expect(machine.handle(.dispatched, for: job, at: late).job.failure?.reason == .deadlinePassed)
        #expect(machine.handle(.dispatched, for: job, at: now).job.state == .importing)
    }

    @Test("an image that became available just after the deadline still counts as available")
    func availableWins() {
        let job = importingJob()
        let late = job.deadline.addingTimeInterval(1)
        let decision = machine.handle(
            .polled(JobFixtures.image("img-1", .available), requestId: "p"), for: job, at: late)
        #expect(decision.job.state == .available)
    }

    @Test("finished jobs ignore every event")
    func finalIgnores() {
        let failed = machine.handle(
            .nameLookedUp(images: [JobFixtures.image("x", .available)], requestId: "r"), for: JobFixtures.job(), at: now
        ).job
        for event in [JobEvent.dispatched, .uploaded(imageId: "img-9", requestId: "r")] {
            let decision = machine.handle(event, for: failed, at: now)
            #expect(!decision.changed)
            #expect(decision.actions.isEmpty)
        }
    }

    @Test("a late upload answer for a job that is not uploading is ignored")
    func lateAnswerIgnored() {
        let decision = machine.handle(.uploaded(imageId: "img-9", requestId: "r"), for: JobFixtures.job(), at: now)
        #expect(!decision.changed)
        #expect(decision.job.imageId == nil)
    }
}
