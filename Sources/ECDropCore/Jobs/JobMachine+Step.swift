import Foundation

extension JobMachine {
    /// The job being decided on, with what the decision has gathered so far.
    struct Step {
        var job: Job
        let now: Date
        let from: JobState
        var actions: [JobAction] = []
        var transition: JobTransition?
        var changed = false

        init(job: Job, now: Date) {
            self.job = job
            self.now = now
            self.from = job.state
        }

        mutating func moveTo(_ state: JobState, note: String) {
            job.state = state
            transition = JobTransition(jobId: job.id, from: from, to: state, at: now, attempt: job.attempt, note: note)
            changed = true
        }

        mutating func fail(_ failure: JobFailure, note: String) {
            job.failure = failure
            job.wakeAt = nil
            actions.removeAll()
            moveTo(.failed, note: note)
            actions.append(.notify(.failed))
        }

        /// Fails the job when its deadline has passed; true when it did.
        @discardableResult
        mutating func failIfPastDeadline() -> Bool {
            guard now >= job.deadline else { return false }
            let limit = Int(job.followDeadline)
            fail(
                JobFailure(
                    reason: .deadlinePassed, code: "job.deadline_passed",
                    message: "the image was not available within \(limit) seconds of the job's start; "
                        + "raise the rule's follow deadline, or retry the job"),
                note: "deadline passed")
            return true
        }

        var decision: JobDecision {
            var saved = job
            if changed { saved.updatedAt = now }
            return JobDecision(job: saved, transition: transition, actions: actions, changed: changed)
        }
    }
}
