import Foundation

/// One metric name with its help, type, label names and every labelled series.
struct MetricFamily: Sendable {
    enum Kind: String, Sendable { case counter, gauge, histogram }

    let name: String
    let help: String
    let kind: Kind
    let labelNames: [String]
    let buckets: [Double]
    var series: [[String]: MetricSeries] = [:]

    init(name: String, help: String, kind: Kind, labelNames: [String], buckets: [Double]) {
        self.name = name
        self.help = help
        self.kind = kind
        self.labelNames = labelNames
        self.buckets = buckets
        // A metric without labels shows 0 before its first update.
        if labelNames.isEmpty { series[[]] = MetricSeries(buckets: buckets.count) }
    }

    /// The label values in declared order; labels not declared are a programmer's mistake.
    func key(_ labels: [String: String]) -> [String] {
        precondition(
            labels.keys.allSatisfy(labelNames.contains), "metric \(name) has labels \(labelNames), got \(labels.keys)")
        return labelNames.map { labels[$0] ?? "" }
    }

    func rendered() -> String {
        var text = "# HELP \(name) \(MetricFamily.escapeHelp(help))\n# TYPE \(name) \(kind.rawValue)\n"
        for key in series.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let values = series[key]!
            let pairs = zip(labelNames, key).map { "\($0)=\"\(MetricFamily.escapeLabel($1))\"" }
            switch kind {
            case .counter, .gauge:
                text += "\(name)\(MetricFamily.braces(pairs)) \(MetricFamily.number(values.value))\n"
            case .histogram:
                text += histogramLines(values, pairs)
            }
        }
        return text
    }

    private func histogramLines(_ values: MetricSeries, _ pairs: [String]) -> String {
        var text = ""
        var cumulative = 0
        for (bound, count) in zip(buckets, values.bucketCounts) {
            cumulative += count
            let labels = MetricFamily.braces(pairs + ["le=\"\(MetricFamily.number(bound))\""])
            text += "\(name)_bucket\(labels) \(cumulative)\n"
        }
        text += "\(name)_bucket\(MetricFamily.braces(pairs + ["le=\"+Inf\""])) \(values.count)\n"
        text += "\(name)_sum\(MetricFamily.braces(pairs)) \(MetricFamily.number(values.value))\n"
        text += "\(name)_count\(MetricFamily.braces(pairs)) \(values.count)\n"
        return text
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !CharacterSet.decimalDigits.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII
                && ($0 == "_" || $0 == ":" || $0.properties.isAlphabetic || CharacterSet.decimalDigits.contains($0))
        }
    }

    static func braces(_ pairs: [String]) -> String {
        pairs.isEmpty ? "" : "{" + pairs.joined(separator: ",") + "}"
    }

    /// Integral values without a fraction; infinities as the format spells them.
    static func number(_ value: Double) -> String {
        if value == .infinity { return "+Inf" }
        if value == -.infinity { return "-Inf" }
        if value.isNaN { return "NaN" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    static func escapeLabel(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}

/// One labelled series: a counter's or gauge's value, or a histogram's sum, count and buckets.
struct MetricSeries: Sendable {
    var value: Double = 0
    var count = 0
    var bucketCounts: [Int]

    init(buckets: Int) { bucketCounts = Array(repeating: 0, count: buckets) }

    /// Counts the observation in the first bucket whose bound holds it; rendering accumulates.
    mutating func observe(_ observation: Double, bounds: [Double]) {
        value += observation
        count += 1
        if let slot = bounds.firstIndex(where: { observation <= $0 }) { bucketCounts[slot] += 1 }
    }
}
