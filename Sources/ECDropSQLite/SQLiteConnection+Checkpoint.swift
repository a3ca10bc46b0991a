internal import CSQLite

/// Checkpoints on the caller's terms: SQLite's automatic checkpoint copies the write-ahead log
/// into the database inside whichever commit crosses the limit, and that commit waits for it.
extension SQLiteConnection {
    /// Calls `handler` after each commit with the frames the write-ahead log now holds. This
    /// replaces SQLite's automatic checkpoint on this connection: the handler decides.
    public func onWriteAheadLogCommit(_ handler: @escaping (Int) -> Void) throws {
        let box = CommitHook(handler)
        commitHook = box
        sqlite3_wal_hook(
            try openHandle(),
            { context, _, _, frames in
                guard let context else { return SQLITE_OK }
                Unmanaged<CommitHook>.fromOpaque(context).takeUnretainedValue().handler(Int(frames))
                return SQLITE_OK
            }, Unmanaged.passUnretained(box).toOpaque())
    }

    /// Copies what it can of the write-ahead log into the database without waiting for any
    /// lock (a passive checkpoint); answers the frames in the log and how many are copied.
    @discardableResult
    public func checkpointPassively() throws -> (logFrames: Int, copied: Int) {
        var logFrames: Int32 = 0
        var copied: Int32 = 0
        let result = sqlite3_wal_checkpoint_v2(try openHandle(), nil, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copied)
        // BUSY: another connection is checkpointing right now, which is as good.
        if result != SQLITE_BUSY { try check(result, call: "sqlite3_wal_checkpoint_v2") }
        return (Int(logFrames), Int(copied))
    }
}

/// The handler `sqlite3_wal_hook` calls, kept alive by the connection that installed it.
final class CommitHook {
    let handler: (Int) -> Void
    init(_ handler: @escaping (Int) -> Void) { self.handler = handler }
}
