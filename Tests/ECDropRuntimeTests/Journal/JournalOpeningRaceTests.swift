import ECDropTesting
import Foundation
import Testing

@testable import ECDropRuntime

@Suite("Journal: opened by two processes at once")
struct JournalOpeningRaceTests {
    @Test("two connections creating the same new journal together both open it")
    func concurrentCreation() throws {
        let folder = try TemporaryFolder("journal-race")
        for round in 0..<20 {
            let path = folder.path("journal-\(round).sqlite")
            let failures = LockedFailures()
            // Two threads, like `ecdrop submit` and `ecdrop jobs list` started together.
            let threads = (0..<2).map { _ in
                Thread {
                    do { _ = try SQLiteJobStore(path: path) } catch { failures.add("\(error)") }
                }
            }
            threads.forEach { $0.start() }
            let deadline = Date().addingTimeInterval(30)
            while threads.contains(where: { !$0.isFinished }), Date() < deadline {
                Thread.sleep(forTimeInterval: 0.005)
            }
            let finished = threads.allSatisfy { $0.isFinished }
            #expect(finished, "round \(round): opening did not finish")
            #expect(failures.all.isEmpty, "round \(round): \(failures.all)")
        }
    }
}

private final class LockedFailures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) {
        lock.lock()
        messages.append(message)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }
}
