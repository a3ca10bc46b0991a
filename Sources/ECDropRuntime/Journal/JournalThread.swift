import Foundation

/// The thread the journal runs on: a serial executor of its own, outside Swift's cooperative
/// pool. SQLite's writes, fdatasync and checkpoints block the thread they run on; on the pool
/// (one thread per core) that stalled HTTP, planning and uploads whenever the journal flushed.
/// One thread serves every journal in the process, in the order the work arrives.
final class JournalThread: SerialExecutor, @unchecked Sendable {
    static let shared = JournalThread()

    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var queue: [UnownedJob] = []
    private var thread: Thread?

    private init() {
        let thread = Thread { [unowned self] in self.serve() }
        thread.name = "ecdrop.journal"
        self.thread = thread
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        queue.append(job)
        if queue.count == 1 { condition.signal() }
        condition.unlock()
    }

    func checkIsolated() {
        precondition(Thread.current === thread, "journal work ran off the journal thread")
    }

    private func serve() {
        KernelThreadName.set("ecdrop.journal")
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while queue.isEmpty { condition.wait() }
            swap(&batch, &queue)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedSerialExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
