import Foundation

/// One in-process measurement: `prepare` builds everything outside the timed loop and hands back
/// the operation to repeat. The operation returns a value so the optimizer cannot drop the work.
struct BenchmarkCase: Sendable {
    /// Dotted name printed in the report, such as `webhook.sign`.
    var name: String
    /// What one operation is, for the report: "signature", "rule evaluated".
    var unit: String
    var prepare: @Sendable () throws -> @Sendable () throws -> Int
}
