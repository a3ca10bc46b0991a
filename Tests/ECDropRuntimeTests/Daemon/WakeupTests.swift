import ECDropTesting
import Foundation
import Testing

@testable import ECDropRuntime

@Suite("Wakeup: resting without polling")
struct WakeupTests {
    @Test("a wake that comes before the wait is kept, so the wait returns at once")
    func wakeBeforeWait() async throws {
        let wakeup = Wakeup()
        wakeup.wake()
        try await withTestDeadline(10) { await wakeup.wait(until: nil) }
    }

    @Test("a wake ends a wait that has no deadline")
    func wakeDuringWait() async throws {
        let wakeup = Wakeup()
        let waiter = Task { await wakeup.wait(until: nil) }
        try await Task.sleep(nanoseconds: 50_000_000)
        wakeup.wake()
        try await withTestDeadline(10) { await waiter.value }
    }

    @Test("a deadline in the past or near future ends the wait by itself")
    func deadlineEndsWait() async throws {
        let wakeup = Wakeup()
        try await withTestDeadline(10) {
            await wakeup.wait(until: Date().addingTimeInterval(-1))
            await wakeup.wait(until: Date().addingTimeInterval(0.05))
        }
    }

    @Test("cancelling the waiting task ends the wait")
    func cancellationEndsWait() async throws {
        let wakeup = Wakeup()
        let waiter = Task { await wakeup.wait(until: nil) }
        try await Task.sleep(nanoseconds: 50_000_000)
        waiter.cancel()
        try await withTestDeadline(10) { await waiter.value }
    }

    @Test("an expired timer of an earlier wait does not end the next one")
    func staleTimerIgnored() async throws {
        let wakeup = Wakeup()
        wakeup.wake()
        await wakeup.wait(until: Date().addingTimeInterval(0.05))
        try await Task.sleep(nanoseconds: 150_000_000)
        let ended = LockedValue(false)
        let waiter = Task {
            await wakeup.wait(until: nil)
            ended.set(true)
        }
        try await Task.sleep(nanoseconds: 150_000_000)
        #expect(ended.get() == false)
        wakeup.wake()
        await waiter.value
        #expect(ended.get())
    }
}
