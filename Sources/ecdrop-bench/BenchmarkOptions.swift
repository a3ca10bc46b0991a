import Foundation

/// `ecdrop-bench [--seconds S] [--samples N] [--max-ops N] [--filter TEXT] [--json] [--list]`
struct BenchmarkOptions: Sendable {
    var secondsPerSample = 1.0
    var samples = 5
    var maxOperations = 5_000_000
    var filter: String?
    var json = false
    var list = false

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    init(arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--json": json = true
            case "--list": list = true
            case "--seconds": secondsPerSample = try Self.number(flag, rest.popFirst(), within: 0.01...60)
            case "--samples": samples = Int(try Self.number(flag, rest.popFirst(), within: 1...100))
            case "--max-ops": maxOperations = Int(try Self.number(flag, rest.popFirst(), within: 64...1e9))
            case "--filter":
                guard let value = rest.popFirst() else { throw Problem(description: "--filter needs a value") }
                filter = value
            case "-h", "--help": throw Problem(description: Self.usage)
            default: throw Problem(description: "unknown option '\(flag)'\n\(Self.usage)")
            }
        }
    }

    static let usage = """
        usage: ecdrop-bench [--seconds S] [--samples N] [--max-ops N] [--filter TEXT] [--json] [--list]
          Measures in-process rates (signing, rule evaluation) and prints operations per second.
        """

    private static func number(
        _ flag: String, _ value: String?, within range: ClosedRange<Double>
    ) throws
        -> Double
    {
        guard let value, let number = Double(value), range.contains(number) else {
            throw Problem(description: "\(flag) needs a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }
}
