import ECDropCore
import ECDropHTTP
import Foundation

extension WebhookServer {
    /// `POST /v1/manifests`: signed, JSON, handed to the pipeline; 202 with the new jobs, 200
    /// with the existing ones for a repeat.
    func receiveManifest(_ request: HTTPRequest) async throws -> HTTPResponse {
        try authenticator.verify(request)
        try Self.checkJSONContentType(request)
        guard !isStopping else { throw Self.shuttingDown() }
        let delivery = Self.deliveryId(request)
        let manifest = IncomingManifest(
            source: .webhook, origin: delivery, bytes: request.body, receivedAt: time.now())
        let receipt: IntakeReceipt
        do {
            receipt = try await sink.accept(manifest)
        } catch let error as IntakeError {
            metrics.manifestsReceived.increment(["source": "webhook", "outcome": error.reason.rawValue])
            throw Self.refusal(for: error)
        }
        let outcome = receipt.isRepeat ? "repeat" : "accepted"
        metrics.manifestsReceived.increment(["source": "webhook", "outcome": outcome])
        logger.info(
            "manifest received",
            [
                "manifest.source": "webhook", "webhook.delivery": .string(delivery),
                "manifest.id": .string(receipt.manifestId), "manifest.repeat": .bool(receipt.isRepeat),
                "manifest.jobs": .int(receipt.jobIds.count),
            ])
        return .json(receipt.isRepeat ? 200 : 202, Self.encode(receipt, delivery: delivery))
    }

    static func checkJSONContentType(_ request: HTTPRequest) throws(WebhookRefusal) {
        let value = request.header("Content-Type") ?? ""
        let mediaType = value.split(separator: ";").first.map { ASCIIText.trimmingBlanks($0) } ?? ""
        let lowered = mediaType.lowercased()
        guard lowered == "application/json" || (lowered.hasPrefix("application/") && lowered.hasSuffix("+json"))
        else {
            let shown = value.isEmpty ? "no Content-Type" : "Content-Type '\(value.prefix(80))'"
            throw WebhookRefusal(
                415, code: "webhook.unsupported_media_type",
                "a manifest must be sent as application/json, not \(shown); set Content-Type: application/json")
        }
    }

    /// `X-Ecdrop-Delivery`, else `X-GitHub-Delivery`, else a fresh id.
    static func deliveryId(_ request: HTTPRequest) -> String {
        for name in ["X-Ecdrop-Delivery", "X-GitHub-Delivery"] {
            if let value = request.header(name).map({ ASCIIText.trimmingBlanks($0) }), !value.isEmpty {
                return String(value.prefix(200))
            }
        }
        return "delivery-" + UUID.random().uuidString.lowercased()
    }

    static func refusal(for error: IntakeError) -> WebhookRefusal {
        let retry = [("Retry-After", String(retryAfterSeconds))]
        switch error.reason {
        case .incomplete, .invalid, .unknownFormat, .noBuild:
            return WebhookRefusal(400, code: error.code, error.message)
        case .queueFull:
            return WebhookRefusal(429, code: error.code, error.message, headers: retry)
        case .shuttingDown:
            return WebhookRefusal(503, code: error.code, error.message, headers: retry)
        case .journal:
            return WebhookRefusal(503, code: error.code, error.message, headers: retry)
        }
    }

    static func shuttingDown() -> WebhookRefusal {
        WebhookRefusal(
            503, code: "manifest.shutting_down", "the agent is shutting down; send the manifest again later",
            headers: [("Retry-After", String(retryAfterSeconds))])
    }

    /// `{"manifest_id":…,"jobs":[…],"repeat":…,"delivery_id":…}`.
    static func encode(_ receipt: IntakeReceipt, delivery: String) -> Data {
        let text =
            "{\"delivery_id\":\(JSONText.quoted(delivery)),\"jobs\":\(JSONText.list(receipt.jobIds)),"
            + "\"manifest_id\":\(JSONText.quoted(receipt.manifestId)),\"repeat\":\(receipt.isRepeat)}"
        return Data(text.utf8)
    }
}
