import ECDropSQLite
import Foundation
import Testing

@Suite("SQLite checkpoints")
final class SQLiteCheckpointTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecdrop-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var path: String { folder.appendingPathComponent("wal.sqlite").path }

    @Test("each commit reports the frames in the log, and SQLite no longer checkpoints inside the commit")
    func commitsReportTheLog() throws {
        let writer = try SQLiteConnection(path: path)
        defer { try? writer.close() }
        try writer.enableWriteAheadLog()
        try writer.execute("CREATE TABLE t (v BLOB)")
        let reported = LockedFrames()
        try writer.onWriteAheadLogCommit { reported.append($0) }
        // 1,200 commits of a page each pass SQLite's automatic limit of 1,000 frames.
        for _ in 0..<1200 { try writer.run("INSERT INTO t VALUES (?)", [.blob(Data(count: 3000))]) }
        let frames = reported.all
        #expect(frames.count == 1200)
        #expect(frames == frames.sorted())
        #expect(frames.last.map { $0 > 1000 } == true)
    }

    @Test("a passive checkpoint from a second connection copies the whole log while the writer keeps writing")
    func passiveCheckpointCopiesTheLog() throws {
        let writer = try SQLiteConnection(path: path)
        defer { try? writer.close() }
        try writer.enableWriteAheadLog()
        try writer.execute("CREATE TABLE t (v BLOB)")
        try writer.onWriteAheadLogCommit { _ in }
        for _ in 0..<50 { try writer.run("INSERT INTO t VALUES (?)", [.blob(Data(count: 3000))]) }
        let checkpointer = try SQLiteConnection(path: path, mode: .readWrite)
        defer { try? checkpointer.close() }
        // A connection that has read nothing yet does not know the log is there.
        #expect(try checkpointer.checkpointPassively().logFrames == -1)
        try checkpointer.enableWriteAheadLog()
        let (logFrames, copied) = try checkpointer.checkpointPassively()
        #expect(logFrames >= 50)
        #expect(copied == logFrames)
        try writer.run("INSERT INTO t VALUES (?)", [.blob(Data(count: 10))])
        #expect(try writer.query("SELECT count(*) FROM t") { $0.int(at: 0) } == [51])
    }
}

/// Frames reported by the commit hook, which SQLite calls on the writing thread.
private final class LockedFrames: @unchecked Sendable {
    private let lock = NSLock()
    private var frames: [Int] = []
    func append(_ value: Int) { lock.withLock { frames.append(value) } }
    var all: [Int] { lock.withLock { frames } }
}
