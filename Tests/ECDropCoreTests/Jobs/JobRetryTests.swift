import ECDropCore
import Foundation
import Testing

@Suite("Retrying a failed job")
struct JobRetryTests {
    let machine = JobFixtures.machine
    let now = JobFixtures.start.addingTimeInterval(10)

    func failedImport() -> Job {
        var job = machine.handle(.nameLookedUp(images: [], requestId: "r"), for: JobFixtures.job(), at: now).job
        job = machine.handle(.uploaded(imageId: "img-1", requestId: "r2"), for: job, at: now).job
        return machine.handle(.polled(JobFixtures.image("img-1", .createFailed), requestId: "p"), for: job, at: now).job
    }

    @Test("a retry starts a new attempt in pending with a fresh deadline and no failure")
    func startsNewAttempt() throws {
        let later = now.addingTimeInterval(7200)
        let decision = try machine.retry(failedImport(), at: later)
        #expect(decision.job.state == .pending)
        #expect(decision.job.attempt == 2)
        #expect(decision.job.failure == nil)
        #expect(decision.job.imageId == nil)
        #expect(decision.job.deadline == later.addingTimeInterval(3600))
        #expect(decision.transition?.note == "retry requested")
    }

    @Test("the retry's look-before-upload does not call the job's own failed image a twin")
    func ownFailedImageIsNotTwin() throws {
        let retried = try machine.retry(failedImport(), at: now).job
        let own = JobFixtures.image("img-1", .createFailed)
        let decision = machine.handle(.nameLookedUp(images: [own], requestId: "r"), for: retried, at: now)
        #expect(decision.job.state == .uploading)
        #expect(decision.job.uploadSends == 1)
    }

    @Test("only failed jobs can be retried")
    func refusesUnfinished() {
        let error = #expect(throws: JobRetryError.self) { try machine.retry(JobFixtures.job(), at: now) }
        #expect(error?.code == "job.retry_not_failed")
    }

    @Test("a job whose rule did not render cannot be retried; the message says to fix the rule")
    func refusesInvalidRender() {
        let problem = PlanProblem(
            ruleName: "win11", region: "cn-hangzhou", buildName: "b", runId: "r", artifactName: "a",
            code: "rules.bad_name", message: "ImageName too long")
        let job = Job(id: "job-p", manifestId: "m", idempotencyKey: "k", problem: problem, createdAt: now)
        #expect(job.state == .failed)
        let error = #expect(throws: JobRetryError.self) { try machine.retry(job, at: now) }
        #expect(error?.code == "job.retry_invalid_render")
        #expect(error?.message.contains("fix the rule") == true)
    }
}
