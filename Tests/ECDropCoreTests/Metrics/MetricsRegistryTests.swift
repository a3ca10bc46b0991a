import ECDropCore
import Foundation
import Testing

@Suite("Metrics registry and Prometheus text")
struct MetricsRegistryTests {
    @Test("a labelled counter renders HELP, TYPE and one line per series, sorted")
    func labelledCounter() {
        let registry = MetricsRegistry()
        let counter = registry.counter("requests_total", help: "Requests.", labels: ["status"])
        counter.increment(["status": "401"])
        counter.increment(by: 2, ["status": "202"])
        counter.increment(["status": "401"])
        #expect(
            registry.render() == """
                # HELP requests_total Requests.
                # TYPE requests_total counter
                requests_total{status="202"} 2
                requests_total{status="401"} 2

                """)
        #expect(registry.value("requests_total", ["status": "401"]) == 2)
    }

    @Test("a metric without labels shows 0 before any update")
    func unlabelledStartsAtZero() {
        let registry = MetricsRegistry()
        _ = registry.gauge("depth", help: "Depth.")
        #expect(registry.render().contains("\ndepth 0\n"))
    }

    @Test("a gauge goes up, down and can be set")
    func gauge() {
        let registry = MetricsRegistry()
        let gauge = registry.gauge("jobs", help: "Jobs.", labels: ["state"])
        gauge.increment(["state": "queued"])
        gauge.increment(["state": "queued"])
        gauge.decrement(["state": "queued"])
        gauge.set(7.5, ["state": "done"])
        #expect(registry.value("jobs", ["state": "queued"]) == 1)
        #expect(registry.render().contains("jobs{state=\"done\"} 7.5\n"))
    }

    @Test("a histogram renders cumulative buckets, +Inf, sum and count")
    func histogram() {
        let registry = MetricsRegistry()
        let histogram = registry.histogram("duration_seconds", help: "Durations.", buckets: [10, 1, 5])
        for value in [0.5, 1, 3, 7, 100] { histogram.observe(value) }
        let text = registry.render()
        #expect(text.contains("duration_seconds_bucket{le=\"1\"} 2\n"))
        #expect(text.contains("duration_seconds_bucket{le=\"5\"} 3\n"))
        #expect(text.contains("duration_seconds_bucket{le=\"10\"} 4\n"))
        #expect(text.contains("duration_seconds_bucket{le=\"+Inf\"} 5\n"))
        #expect(text.contains("duration_seconds_sum 111.5\n"))
        #expect(text.contains("duration_seconds_count 5\n"))
        #expect(text.contains("# TYPE duration_seconds histogram\n"))
    }

    @Test(
        "label values and help are escaped as the format requires",
        arguments: [
            ("a\"b", "a\\\"b"), ("a\\b", "a\\\\b"), ("line\nbreak", "line\\nbreak"),
        ])
    func escaping(raw: String, escaped: String) {
        let registry = MetricsRegistry()
        registry.counter("c_total", help: "Help with \\ and\nbreak.", labels: ["l"]).increment(["l": raw])
        let text = registry.render()
        #expect(text.contains("c_total{l=\"\(escaped)\"} 1\n"))
        #expect(text.contains("# HELP c_total Help with \\\\ and\\nbreak.\n"))
    }

    @Test("registering a name twice returns the same metric")
    func registerTwice() {
        let registry = MetricsRegistry()
        registry.counter("same_total", help: "x").increment()
        registry.counter("same_total", help: "x").increment()
        #expect(registry.value("same_total") == 2)
        #expect(registry.render().components(separatedBy: "# TYPE same_total").count == 2)
    }

    @Test("updates from many tasks at once are all counted")
    func concurrentUpdates() async {
        let metrics = ECDropMetrics()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for _ in 0..<1000 { metrics.webhookRequests.increment(["status": "\(200 + task % 2)"]) }
                }
            }
        }
        let total =
            (metrics.registry.value("ecdrop_webhook_requests_total", ["status": "200"]) ?? 0)
            + (metrics.registry.value("ecdrop_webhook_requests_total", ["status": "201"]) ?? 0)
        #expect(total == 8000)
    }

    @Test("the agent's standard metrics are all exposed")
    func standardNames() {
        let text = ECDropMetrics().render()
        for name in [
            "ecdrop_manifests_received_total counter", "ecdrop_jobs gauge", "ecdrop_uploads_total counter",
            "ecdrop_api_errors_total counter", "ecdrop_import_duration_seconds histogram", "ecdrop_queue_depth gauge",
            "ecdrop_webhook_requests_total counter",
        ] {
            #expect(text.contains("# TYPE \(name)\n"))
        }
    }
}
