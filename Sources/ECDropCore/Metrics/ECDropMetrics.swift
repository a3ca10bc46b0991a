/// The metrics every part of the agent updates, registered once in one registry.
///
/// | name | type | labels |
/// | --- | --- | --- |
/// | `ecdrop_manifests_received_total` | counter | `source` (drop, webhook, submit), `outcome` |
/// | `ecdrop_jobs` | gauge | `state` |
/// | `ecdrop_uploads_total` | counter | |
/// | `ecdrop_api_errors_total` | counter | `code` (the API's error code) |
/// | `ecdrop_import_duration_seconds` | histogram | |
/// | `ecdrop_queue_depth` | gauge | |
/// | `ecdrop_webhook_requests_total` | counter | `status` (HTTP status) |
public struct ECDropMetrics: Sendable {
    /// Upper bounds for image imports, which take minutes to hours.
    public static let importBuckets: [Double] = [60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200, 10800]

    public let registry: MetricsRegistry
    public let manifestsReceived: Counter
    public let jobs: Gauge
    public let uploads: Counter
    public let apiErrors: Counter
    public let importDuration: Histogram
    public let queueDepth: Gauge
    public let webhookRequests: Counter

    public init(registry: MetricsRegistry = MetricsRegistry()) {
        self.registry = registry
        manifestsReceived = registry.counter(
            "ecdrop_manifests_received_total", help: "Manifests received, by source and outcome.",
            labels: ["source", "outcome"])
        jobs = registry.gauge("ecdrop_jobs", help: "Jobs in the journal, by state.", labels: ["state"])
        uploads = registry.counter("ecdrop_uploads_total", help: "UploadImage calls accepted by the API.")
        apiErrors = registry.counter(
            "ecdrop_api_errors_total", help: "API calls that failed, by error code.", labels: ["code"])
        importDuration = registry.histogram(
            "ecdrop_import_duration_seconds", help: "Time from UploadImage to the image's final state.",
            buckets: ECDropMetrics.importBuckets)
        queueDepth = registry.gauge("ecdrop_queue_depth", help: "Jobs waiting for an upload slot.")
        webhookRequests = registry.counter(
            "ecdrop_webhook_requests_total", help: "Webhook server requests, by answered status.", labels: ["status"])
    }

    /// The exposition text served at `/metrics`.
    public func render() -> String { registry.render() }
}
