import ECDropCore
import Foundation

extension DropFolderWatcher {
    /// Starts reading every file that is due, up to the in-flight limit, and sets the timer for
    /// the next deadline.
    func pump() {
        guard !stopping else { return }
        let now = time.now()
        if let due = nextRescan, due <= now, currentWatch != nil {
            rescan(reason: "interval")
            return
        }
        schedule.promoteDue(at: now)
        while workers.count < options.maxInFlight, let next = schedule.startNext(at: now) {
            start(next.name, incompleteSince: next.incompleteSince)
        }
        arm()
        // Checking for idleness walks every entry: only worth it when someone waits.
        if !idleWaiters.isEmpty, schedule.isIdle { resumeIdleWaiters() }
    }

    private func start(_ name: String, incompleteSince: Date?) {
        let processor = processor
        let attempts = schedule.attempts(of: name)
        workers[name] = Task {
            let result = await processor.process(name, incompleteSince: incompleteSince, attempts: attempts)
            self.finished(name, result)
        }
    }

    private func finished(_ name: String, _ result: DropFolderResult) {
        workers[name] = nil
        schedule.finish(name, result, at: time.now(), settle: settings.settle)
        pump()
    }

    /// Keeps one timer for the earliest deadline (a settle delay, a retry, the end of a pause,
    /// the periodic rescan).
    private func arm() {
        let candidates = [schedule.nextDeadline, currentWatch == nil ? nil : nextRescan].compactMap { $0 }
        guard let deadline = candidates.min() else { return }
        if let timer, timer.deadline <= deadline { return }
        timer?.task.cancel()
        let time = time
        timer = (
            deadline,
            Task {
                try? await time.sleep(until: deadline)
                self.timerFired(deadline)
            }
        )
    }

    private func timerFired(_ deadline: Date) {
        if timer?.deadline == deadline { timer = nil }
        pump()
    }

    private func resumeIdleWaiters() {
        let waiters = idleWaiters
        idleWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    /// Stops the timer and waits for the files being read, so none is left half-handled.
    func stop() async {
        stopping = true
        timer?.task.cancel()
        timer = nil
        currentWatch?.cancel()
        currentWatch = nil
        while let (_, worker) = workers.first {
            await worker.value
        }
        resumeIdleWaiters()
        for waiter in watchingWaiters { waiter.resume() }
        watchingWaiters.removeAll()
    }
}
