import ECDropCore
import ECDropHTTP
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("Webhook: POST /v1/manifests")
struct WebhookManifestTests {
    @Test("a signed manifest is handed to the pipeline and answered 202 with its id and jobs")
    func accepted() async throws {
        try await withWebhook { hook in
            let response = try await hook.post(
                headers: hook.signed(WebhookHarness.manifest) + [("X-Ecdrop-Delivery", "d-42")])
            #expect(response.status == 202)
            let json = try #require(response.json)
            #expect(json["manifest_id"] as? String == "man-1")
            #expect(json["jobs"] as? [String] == ["job-1", "job-2"])
            #expect(json["repeat"] as? Bool == false)
            let manifest = try #require(hook.sink.manifests.first)
            #expect(manifest.source == .webhook)
            #expect(manifest.origin == "d-42")
            #expect(manifest.bytes == WebhookHarness.manifest)
            #expect(manifest.receivedAt == hook.time.now())
            #expect(hook.metrics.registry.value("ecdrop_webhook_requests_total", ["status": "202"]) == 1)
            #expect(
                hook.metrics.registry.value(
                    "ecdrop_manifests_received_total", ["source": "webhook", "outcome": "accepted"]) == 1)
        }
    }

    @Test("a repeat is answered 200 with the existing jobs")
    func repeatAnswered() async throws {
        let sink = FakeManifestSink(.success(IntakeReceipt(manifestId: "man-1", isRepeat: true, jobIds: ["job-1"])))
        try await withWebhook(sink: sink) { hook in
            let response = try await hook.post(headers: hook.signed(WebhookHarness.manifest))
            #expect(response.status == 200)
            #expect(response.json?["repeat"] as? Bool == true)
            #expect(response.json?["jobs"] as? [String] == ["job-1"])
        }
    }

    @Test("the delivery id comes from X-GitHub-Delivery, or is generated when no header names one")
    func deliveryIds() async throws {
        try await withWebhook { hook in
            _ = try await hook.post(headers: hook.signed(WebhookHarness.manifest) + [("X-GitHub-Delivery", "gh-7")])
            _ = try await hook.post(headers: hook.signed(WebhookHarness.manifest))
            let origins = hook.sink.manifests.map(\.origin)
            #expect(origins.first == "gh-7")
            #expect(origins.last?.hasPrefix("delivery-") == true)
        }
    }

    @Test(
        "a manifest the pipeline cannot take is answered with its status and code",
        arguments: [
            (IntakeError.Reason.incomplete, 400), (.invalid, 400), (.unknownFormat, 400), (.noBuild, 400),
            (.queueFull, 429), (.shuttingDown, 503), (.journal, 503),
        ])
    func pipelineRefusals(reason: IntakeError.Reason, status: Int) async throws {
        let sink = FakeManifestSink(.failure(IntakeError(reason, "the pipeline says no: \(reason.rawValue)")))
        try await withWebhook(sink: sink) { hook in
            let response = try await hook.post(headers: hook.signed(WebhookHarness.manifest))
            #expect(response.status == status)
            #expect(response.errorCode == "manifest.\(reason.rawValue)")
            let message = (response.json?["error"] as? [String: Any])?["message"] as? String
            #expect(message?.contains(reason.rawValue) == true)
            #expect((response.header("Retry-After") != nil) == (status != 400))
            #expect(
                hook.metrics.registry.value(
                    "ecdrop_manifests_received_total", ["source": "webhook", "outcome": reason.rawValue]) == 1)
        }
    }

    @Test(
        "a body that is not JSON typed is refused with 415",
        arguments: ["text/plain", "application/x-www-form-urlencoded", nil])
    func unsupportedType(contentType: String?) async throws {
        try await withWebhook { hook in
            let response = try await hook.post(headers: hook.signed(WebhookHarness.manifest, contentType: contentType))
            #expect(response.status == 415)
            #expect(response.errorCode == "webhook.unsupported_media_type")
            #expect(hook.sink.manifests.isEmpty)
        }
    }

    @Test(
        "a JSON type with parameters or a +json suffix is accepted",
        arguments: ["application/json; charset=utf-8", "application/vnd.ecdrop+json"])
    func jsonVariants(contentType: String) async throws {
        try await withWebhook { hook in
            let response = try await hook.post(headers: hook.signed(WebhookHarness.manifest, contentType: contentType))
            #expect(response.status == 202)
        }
    }

    @Test("a body over the limit is refused with 413 and never reaches the pipeline")
    func tooLarge() async throws {
        try await withWebhook(configure: { $0.maxBodyBytes = 64 }) { hook in
            let body = Data(repeating: UInt8(ascii: " "), count: 65)
            let response = try await hook.post(body, headers: hook.signed(body))
            #expect(response.status == 413)
            #expect(response.errorCode == "http.body_too_large")
            #expect(hook.sink.manifests.isEmpty)
        }
    }

    @Test("while shutting down manifests are refused with 503 and Retry-After")
    func shuttingDown() async throws {
        try await withWebhook { hook in
            hook.service.handler.beginShutdown()
            let response = try await hook.post(headers: hook.signed(WebhookHarness.manifest))
            #expect(response.status == 503)
            #expect(response.errorCode == "manifest.shutting_down")
            #expect(response.header("Retry-After") == "30")
            #expect(hook.sink.manifests.isEmpty)
        }
    }

    @Test("a GET on the manifests endpoint is answered 405 with Allow")
    func wrongMethod() async throws {
        try await withWebhook { hook in
            let response = try await hook.get("/v1/manifests")
            #expect(response.status == 405)
            #expect(response.header("Allow") == "POST")
        }
    }
}
