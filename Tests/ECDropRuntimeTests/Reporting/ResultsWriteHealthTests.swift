import ECDropRuntime
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Results write health")
struct ResultsWriteHealthTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let readOnly = FileWriteError(
        path: "/srv/results/job-1.json", call: "open of its temporary file", errorNumber: EROFS)

    @Test("only the first failure of a kind is to be logged, and a new kind is logged again")
    func logsOncePerKind() {
        let health = ResultsWriteHealth()
        #expect(health.failed(readOnly, at: start))
        #expect(!health.failed(readOnly, at: start))
        let full = FileWriteError(path: "/srv/results/job-2.json", call: "write", errorNumber: ENOSPC)
        #expect(health.failed(full, at: start))
    }

    @Test("many files failing in one round lengthen the pause once, and each round after it doubles")
    func pausesGrowPerRound() {
        let health = ResultsWriteHealth(retry: .init(initial: 1, maximum: 60))
        #expect(health.nextTry == nil)
        for _ in 0..<50 { _ = health.failed(readOnly, at: start) }
        #expect(health.nextTry == start.addingTimeInterval(1))
        _ = health.failed(readOnly, at: start.addingTimeInterval(1))
        #expect(health.nextTry == start.addingTimeInterval(3))
    }

    @Test("a write that works after failures ends the outage and says how many writes failed")
    func recovery() {
        let health = ResultsWriteHealth()
        #expect(health.succeeded() == nil)
        _ = health.failed(readOnly, at: start)
        _ = health.failed(readOnly, at: start.addingTimeInterval(5))
        #expect(health.succeeded() == 2)
        #expect(health.nextTry == nil)
        #expect(health.succeeded() == nil)
    }

    @Test("the error names the path, the call, the system's reason and a fix for that reason")
    func messages() {
        #expect(readOnly.message.contains("/srv/results/job-1.json"))
        #expect(readOnly.message.contains("Read-only file system"))
        #expect(readOnly.message.contains("remount"))
        let full = FileWriteError(path: "/srv/results/job-2.json", call: "write", errorNumber: ENOSPC)
        #expect(full.message.contains("free space"))
        let blocked = FileWriteError(path: "/srv/results", call: "mkdir", errorNumber: ENOTDIR)
        #expect(blocked.message.contains("not a folder"))
    }
}
