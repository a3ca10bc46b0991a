import Foundation

/// Repeats an operation in batches until a time budget or an operation cap is reached, whichever
/// comes first, and reports operations per second. Several samples give a median and a spread.
struct BenchmarkRunner: Sendable {
    var secondsPerSample: Double
    var samples: Int
    var maxOperationsPerSample: Int

    struct Result: Sendable, Codable {
        var name: String
        var unit: String
        var perSecond: [Double]
        var medianPerSecond: Double
        var operations: Int
    }

    func run(_ benchmark: BenchmarkCase) throws -> Result {
        let operation = try benchmark.prepare()
        _ = try operation()
        var rates: [Double] = []
        var total = 0
        for _ in 0..<samples {
            let (count, seconds) = try sample(operation)
            total += count * benchmark.unitsPerCall
            rates.append(Double(count * benchmark.unitsPerCall) / seconds)
        }
        return Result(
            name: benchmark.name, unit: benchmark.unit, perSecond: rates,
            medianPerSecond: Self.median(rates), operations: total)
    }

    private func sample(_ operation: @Sendable () throws -> Int) throws -> (Int, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let budget = Duration.milliseconds(Int(secondsPerSample * 1000))
        var count = 0
        var sink = 0
        while count < maxOperationsPerSample {
            for _ in 0..<64 { sink &+= try operation() }
            count += 64
            if clock.now - start >= budget { break }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // Keeps the results observable so the loop is not optimized away.
        if sink == Int.min { print("") }
        return (count, seconds)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
