import ECDropCore
import Foundation

/// Holds every ECD request to the configured rate, across all jobs of this process.
public actor Pacer {
    private var schedule: RequestPacer
    private let time: any TimeSource

    public init(perSecond: Double, burst: Int? = nil, time: any TimeSource) {
        let rate = max(perSecond, 0.001)
        schedule = RequestPacer(perSecond: rate, burst: burst ?? max(1, Int(rate)))
        self.time = time
    }

    /// Takes a slot if one is free now, without waiting.
    public func tryAcquire() -> Bool {
        schedule.reserveIfFree(at: time.now())
    }

    /// Waits for the next free slot.
    public func acquire() async throws {
        let slot = schedule.reserve(at: time.now())
        try await time.sleep(until: slot)
    }
}
