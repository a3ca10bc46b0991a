import Foundation
import Testing

@testable import ECDropRuntime

@Suite("The drop-folder schedule (settle, retries, pauses), without disk")
struct DropFolderScheduleTests {
    let start = Date(timeIntervalSince1970: 1_767_225_600)
    let stamp = FileStamp(device: 1, inode: 2, size: 10, modified: 100)
    let newer = FileStamp(device: 1, inode: 2, size: 12, modified: 101)

    func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    @Test("a file is ready only once it has been quiet for the settle delay")
    func settle() {
        var schedule = DropFolderSchedule()
        schedule.noteWritten("a.json", at: at(0), settle: 2)
        schedule.promoteDue(at: at(1.9))
        #expect(schedule.startNext(at: at(1.9)) == nil)
        #expect(schedule.nextDeadline == at(2))
        schedule.promoteDue(at: at(2))
        #expect(schedule.startNext(at: at(2))?.name == "a.json")
    }

    @Test("a rewrite inside the settle delay moves the deadline, so two writes make one read")
    func rewriteCoalesces() {
        var schedule = DropFolderSchedule()
        schedule.noteWritten("packer.json", at: at(0), settle: 2)
        schedule.noteWritten("packer.json", at: at(1.5), settle: 2)
        schedule.promoteDue(at: at(2.5))
        #expect(schedule.startNext(at: at(2.5)) == nil)
        schedule.promoteDue(at: at(3.5))
        #expect(schedule.startNext(at: at(3.5))?.name == "packer.json")
        #expect(schedule.startNext(at: at(3.5)) == nil)
    }

    @Test("a write during the read schedules one more read after it settles")
    func writeDuringRead() {
        var schedule = DropFolderSchedule()
        schedule.noteWritten("a.json", at: at(0), settle: 1)
        schedule.promoteDue(at: at(1))
        _ = schedule.startNext(at: at(1))
        schedule.noteWritten("a.json", at: at(1.2), settle: 1)
        schedule.finish("a.json", .done, at: at(1.5), settle: 1)
        #expect(schedule.nextDeadline == at(2.5))
    }

    @Test("a rescan skips files already read and unchanged, and notes changed ones")
    func rescanSkipsUnchanged() {
        var schedule = DropFolderSchedule()
        schedule.noteWritten("kept.json", at: at(0), settle: 1)
        schedule.promoteDue(at: at(1))
        _ = schedule.startNext(at: at(1))
        schedule.finish("kept.json", .rest(stamp), at: at(1), settle: 1)
        #expect(schedule.isIdle)

        schedule.noteFound("kept.json", stamp: stamp, at: at(5), settle: 1)
        #expect(schedule.isIdle)
        schedule.noteFound("kept.json", stamp: newer, at: at(5), settle: 1)
        #expect(!schedule.isIdle)
        #expect(schedule.nextDeadline == at(6))
    }

    @Test("an incomplete file waits for a write, with a final check at its timeout")
    func incompleteWaits() {
        var schedule = DropFolderSchedule()
        schedule.noteWritten("a.json", at: at(0), settle: 1)
        schedule.promoteDue(at: at(1))
        _ = schedule.startNext(at: at(1))
        schedule.finish("a.json", .incomplete(stamp, finalCheck: at(31)), at: at(1), settle: 1)
        #expect(schedule.isIdle)
        #expect(schedule.nextDeadline == at(31))

        schedule.noteWritten("a.json", at: at(10), settle: 1)
        schedule.promoteDue(at: at(11))
        let next = schedule.startNext(at: at(11))
        #expect(next?.name == "a.json")
        #expect(next?.incompleteSince == at(1))
    }

    @Test("a busy sink pauses the whole folder until the delay has passed")
    func pause() {
        var schedule = DropFolderSchedule()
        schedule.noteWritten("a.json", at: at(0), settle: 0)
        schedule.noteWritten("b.json", at: at(0), settle: 0)
        schedule.promoteDue(at: at(0))
        _ = schedule.startNext(at: at(0))
        schedule.finish("a.json", .pauseFolder(for: 5), at: at(0), settle: 0)
        schedule.promoteDue(at: at(1))
        #expect(schedule.startNext(at: at(1)) == nil)
        #expect(schedule.nextDeadline == at(5))
        schedule.promoteDue(at: at(5))
        let names = [schedule.startNext(at: at(5))?.name, schedule.startNext(at: at(5))?.name]
        #expect(Set(names.compactMap { $0 }) == ["a.json", "b.json"])
    }

    @Test("a file that is gone is forgotten, a retry counts attempts")
    func goneAndRetry() {
        var schedule = DropFolderSchedule()
        schedule.noteWritten("a.json", at: at(0), settle: 0)
        schedule.noteGone("a.json")
        #expect(schedule.entries.isEmpty)

        schedule.noteWritten("b.json", at: at(0), settle: 0)
        schedule.promoteDue(at: at(0))
        _ = schedule.startNext(at: at(0))
        schedule.finish("b.json", .retry(after: 4), at: at(0), settle: 0)
        #expect(schedule.attempts(of: "b.json") == 1)
        #expect(schedule.nextDeadline == at(4))
    }

    @Test("ten thousand names keep their deadline order")
    func manyNames() {
        var schedule = DropFolderSchedule()
        for index in (0..<10_000).reversed() {
            schedule.noteWritten("f\(index).json", at: at(Double(index) / 1000), settle: 1)
        }
        schedule.promoteDue(at: at(100))
        var order: [String] = []
        while let next = schedule.startNext(at: at(100)) { order.append(next.name) }
        #expect(order.count == 10_000)
        #expect(order.first == "f0.json")
        #expect(order.last == "f9999.json")
    }
}
