import ECDropCore
import ECDropHTTP
import Foundation
import Synchronization

/// The webhook intake as an `HTTPHandler`: `POST /v1/manifests`, `GET /v1/jobs/{id}`,
/// `GET /v1/jobs?state=`, `/healthz`, `/readyz` and `/metrics`.
///
/// `/v1/…` requests must be signed (see `WebhookAuthenticator`); the probes and metrics are
/// open, for local health checkers and Prometheus.
public final class WebhookServer: HTTPHandler {
    /// Seconds a sender should wait before retrying a 429 or 503.
    public static let retryAfterSeconds = 30

    let sink: any ManifestSink
    let jobSource: any JobStatusSource
    let readiness: any ReadinessSource
    let authenticator: WebhookAuthenticator
    let metrics: ECDropMetrics
    let time: any TimeSource
    let logger: Logger
    private let stopping = Atomic<Bool>(false)

    public init(
        sink: any ManifestSink, jobs: any JobStatusSource, readiness: any ReadinessSource, secrets: [Secret],
        digests: any Digests, metrics: ECDropMetrics, replayWindow: TimeInterval = 300,
        time: any TimeSource = SystemTimeSource(), logger: Logger
    ) {
        self.sink = sink
        self.jobSource = jobs
        self.readiness = readiness
        self.authenticator = WebhookAuthenticator(
            secrets: secrets, signature: WebhookSignature(digests: digests), time: time, replayWindow: replayWindow)
        self.metrics = metrics
        self.time = time
        self.logger = logger
    }

    /// From now on manifests are refused with 503 so senders retry elsewhere or later.
    public func beginShutdown() { stopping.store(true, ordering: .relaxed) }

    var isStopping: Bool { stopping.load(ordering: .relaxed) }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await route(request)
        } catch let refusal as WebhookRefusal {
            logRefusal(refusal, request)
            response = refusal.response
        } catch {
            logger.error("webhook request failed", error: error, ["http.path": .string(request.path)])
            response = HTTPResponse.error(
                500, code: "webhook.internal", message: "the server failed to answer; see its log")
        }
        metrics.webhookRequests.increment(["status": String(response.status)])
        return response
    }

    private func route(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch request.path {
        case "/v1/manifests":
            try allow(request, "POST")
            return try await receiveManifest(request)
        case "/v1/jobs":
            try allow(request, "GET")
            return try await listJobs(request)
        case _ where request.path.hasPrefix("/v1/jobs/"):
            try allow(request, "GET")
            return try await showJob(request)
        case "/healthz":
            try allow(request, "GET")
            return .json(200, Data(#"{"status":"ok"}"#.utf8))
        case "/readyz":
            try allow(request, "GET")
            return await ready()
        case "/metrics":
            try allow(request, "GET")
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")],
                body: Data(metrics.render().utf8))
        default:
            throw WebhookRefusal(
                404, code: "webhook.not_found",
                "no endpoint at \(request.path.prefix(200)); use POST /v1/manifests or GET /v1/jobs")
        }
    }

    private func allow(_ request: HTTPRequest, _ method: String) throws(WebhookRefusal) {
        let allowed = method == "GET" ? ["GET", "HEAD"] : [method]
        guard allowed.contains(request.method) else {
            throw WebhookRefusal(
                405, code: "webhook.method_not_allowed", "\(request.path) answers \(method) only",
                headers: [("Allow", allowed.joined(separator: ", "))])
        }
    }

    private func logRefusal(_ refusal: WebhookRefusal, _ request: HTTPRequest) {
        logger.warning(
            "webhook request refused",
            [
                "http.status": .int(refusal.status), "error.code": .string(refusal.code),
                "http.path": .string(String(request.path.prefix(200))), "http.remote": .string(request.remoteAddress),
            ])
    }
}
