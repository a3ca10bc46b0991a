import Foundation
import Synchronization

/// Counters, gauges and histograms with labels, safe to update from any thread, rendered in
/// Prometheus' text exposition format (version 0.0.4).
///
/// Register each metric once, at start, and keep the handle; updating through a handle takes
/// one lock.
public final class MetricsRegistry: Sendable {
    private let families = Mutex<[MetricFamily]>([])

    public init() {}

    /// A counter; registering the same name again returns the existing one.
    public func counter(_ name: String, help: String, labels: [String] = []) -> Counter {
        Counter(registry: self, index: register(name, help: help, kind: .counter, labels: labels, buckets: []))
    }

    public func gauge(_ name: String, help: String, labels: [String] = []) -> Gauge {
        Gauge(registry: self, index: register(name, help: help, kind: .gauge, labels: labels, buckets: []))
    }

    /// A histogram with fixed upper bounds (sorted here; `+Inf` is implied).
    public func histogram(_ name: String, help: String, buckets: [Double], labels: [String] = []) -> Histogram {
        let bounds = Array(Set(buckets.filter(\.isFinite))).sorted()
        return Histogram(
            registry: self, index: register(name, help: help, kind: .histogram, labels: labels, buckets: bounds))
    }

    /// The current value of a counter or gauge series, or a histogram's count; nil when unknown.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        families.withLock { families in
            guard let family = families.first(where: { $0.name == name }) else { return nil }
            guard let series = family.series[family.key(labels)] else { return nil }
            return family.kind == .histogram ? Double(series.count) : series.value
        }
    }

    /// Every metric in the text exposition format, families in registration order.
    public func render() -> String {
        families.withLock { families in
            families.map { $0.rendered() }.joined()
        }
    }

    /// Changes one series under the lock; `change` also gets the family's bucket bounds.
    func update(_ index: Int, _ labels: [String: String], _ change: (inout MetricSeries, [Double]) -> Void) {
        families.withLock { families in
            let key = families[index].key(labels)
            let bounds = families[index].buckets
            change(&families[index].series[key, default: MetricSeries(buckets: bounds.count)], bounds)
        }
    }

    private func register(
        _ name: String, help: String, kind: MetricFamily.Kind, labels: [String], buckets: [Double]
    ) -> Int {
        precondition(MetricFamily.isValidName(name), "invalid metric name \(name)")
        return families.withLock { families in
            if let index = families.firstIndex(where: { $0.name == name }) {
                precondition(families[index].kind == kind, "metric \(name) registered twice with different types")
                return index
            }
            families.append(MetricFamily(name: name, help: help, kind: kind, labelNames: labels, buckets: buckets))
            return families.count - 1
        }
    }
}

/// A value that only goes up.
public struct Counter: Sendable {
    let registry: MetricsRegistry
    let index: Int

    public func increment(by amount: Double = 1, _ labels: [String: String] = [:]) {
        precondition(amount >= 0, "a counter cannot go down")
        registry.update(index, labels) { series, _ in series.value += amount }
    }
}

/// A value that goes up and down.
public struct Gauge: Sendable {
    let registry: MetricsRegistry
    let index: Int

    public func set(_ value: Double, _ labels: [String: String] = [:]) {
        registry.update(index, labels) { series, _ in series.value = value }
    }

    public func increment(by amount: Double = 1, _ labels: [String: String] = [:]) {
        registry.update(index, labels) { series, _ in series.value += amount }
    }

    public func decrement(by amount: Double = 1, _ labels: [String: String] = [:]) {
        registry.update(index, labels) { series, _ in series.value -= amount }
    }
}

/// Observations counted into fixed buckets, with their sum and count.
public struct Histogram: Sendable {
    let registry: MetricsRegistry
    let index: Int

    public func observe(_ value: Double, _ labels: [String: String] = [:]) {
        registry.update(index, labels) { series, bounds in series.observe(value, bounds: bounds) }
    }
}
