import ECDropSQLite
import Foundation

/// Copies the journal's write-ahead log into the database file on a thread of its own, so no
/// commit waits for a checkpoint: SQLite's automatic one runs inside the commit that crosses
/// its limit and held that write (and everyone queued behind it) for milliseconds.
///
/// The journal's connection reports the log's size after each commit. Past `threshold` frames
/// this thread is woken for a passive checkpoint on its own connection, which takes no lock a
/// writer needs. Should it fall behind, or fail, the writer checkpoints inline past `inlineLimit`,
/// as SQLite would have, so the log never grows without bound.
final class JournalCheckpointer: @unchecked Sendable {
    /// Frames in the log that wake the checkpoint thread: four times SQLite's own limit, since
    /// fewer and larger checkpoints copy a page that intake writes again and again only once.
    static let threshold = 4000
    /// Frames past which the writer checkpoints itself (16,000 frames: about 64 MiB of log).
    static let inlineLimit = 16000

    private let path: String
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var due = false
    private var stopped = false
    private var running = false
    private var finished = 0

    /// Checkpoints this thread has completed that copied frames into the database.
    var completed: Int {
        condition.lock()
        defer { condition.unlock() }
        return finished
    }

    init(path: String) {
        self.path = path
    }

    /// Installs the commit report on the journal's connection.
    func watch(_ connection: SQLiteConnection) throws {
        try connection.onWriteAheadLogCommit { [weak self, unowned connection] frames in
            guard let self, frames >= Self.threshold else { return }
            if frames >= Self.inlineLimit {
                _ = try? connection.checkpointPassively()
            } else {
                self.wake()
            }
        }
    }

    /// Ends the thread once its checkpoint in progress is done.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func wake() {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped else { return }
        due = true
        if running {
            condition.signal()
        } else {
            running = true
            let thread = Thread { [self] in serve() }
            thread.name = "ecdrop.checkpoint"
            thread.start()
        }
    }

    private func serve() {
        KernelThreadName.set("ecdrop.checkpnt")
        var connection: SQLiteConnection?
        defer { try? connection?.close() }
        while true {
            condition.lock()
            while !due && !stopped { condition.wait() }
            let stop = stopped
            due = false
            condition.unlock()
            if stop { return }
            do {
                let open = try connection ?? Self.open(path)
                connection = open
                if try open.checkpointPassively().copied > 0 {
                    condition.lock()
                    finished += 1
                    condition.unlock()
                }
            } catch {
                // The writer's inline checkpoint takes over if this keeps failing; a fresh
                // connection is tried on the next wake (the journal may have been written back).
                try? connection?.close()
                connection = nil
            }
        }
    }

    /// A connection of its own; reading the journal mode makes it see the write-ahead log,
    /// which a connection that has read nothing yet does not know of.
    private static func open(_ path: String) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path, mode: .readWrite)
        try connection.enableWriteAheadLog()
        return connection
    }
}
