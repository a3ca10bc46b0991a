import Foundation

/// Why `jobs retry` refused a job.
public struct JobRetryError: ECDropError {
    public enum Reason: String, Sendable {
        case notFailed = "not_failed"
        case invalidRender = "invalid_render"
    }

    public var jobId: String
    public var reason: Reason
    public var state: JobState

    public init(jobId: String, reason: Reason, state: JobState) {
        self.jobId = jobId
        self.reason = reason
        self.state = state
    }

    public var code: String { "job.retry_\(reason.rawValue)" }

    public var message: String {
        switch reason {
        case .notFailed:
            "job \(jobId) is \(state.rawValue), not failed; only failed jobs can be retried"
        case .invalidRender:
            "job \(jobId) failed because its rule did not render; fix the rule, then submit the manifest again"
        }
    }

    public var exitCode: ExitCode { .usage }
}

extension JobMachine {
    /// A failed job's next attempt: back to pending with a fresh deadline. The images it created
    /// before stay on record, so the look-before-upload adopts them rather than calling them twins.
    public func retry(_ job: Job, at now: Date) throws(JobRetryError) -> JobDecision {
        guard job.state == .failed else { throw JobRetryError(jobId: job.id, reason: .notFailed, state: job.state) }
        guard job.request != nil, job.failure?.reason != .invalidRender else {
            throw JobRetryError(jobId: job.id, reason: .invalidRender, state: job.state)
        }
        var step = Step(job: job, now: now)
        step.job.attempt += 1
        step.job.uploadSends = 0
        step.job.imageId = nil
        step.job.progress = nil
        step.job.failure = nil
        step.job.lastError = nil
        step.job.polls = 0
        step.job.wakeAt = nil
        step.job.attemptStartedAt = now
        step.job.deadline = now.addingTimeInterval(job.followDeadline)
        step.moveTo(.pending, note: "retry requested")
        return step.decision
    }
}
