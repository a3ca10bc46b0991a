import Foundation

/// One in-process measurement: `prepare` builds everything outside the timed loop and hands back
/// the operation to repeat. The operation returns a value so the optimizer cannot drop the work.
struct BenchmarkCase: Sendable {
    /// Dotted name printed in the report, such as `webhook.sign`.
    var name: String
    /// What is counted, plural, for the report: "signatures", "rules evaluated".
    var unit: String
    /// Units one call of the operation accounts for (50 for one pass over a 50-rule set).
    var unitsPerCall: Int = 1
    var prepare: @Sendable () throws -> @Sendable () throws -> Int
}
