import Foundation

/// Exponential backoff: `initial` after the first failure, doubling, never above `maximum`.
public struct DropFolderBackoff: Sendable, Equatable {
    public var initial: TimeInterval
    public var maximum: TimeInterval

    public init(initial: TimeInterval, maximum: TimeInterval) {
        self.initial = initial
        self.maximum = max(initial, maximum)
    }

    public func delay(afterFailures failures: Int) -> TimeInterval {
        let doublings = Double(min(max(failures - 1, 0), 40))
        return min(maximum, initial * pow(2, doublings))
    }
}
