import ECDropCore
import ECDropCrypto
import ECDropHTTP
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("Webhook: signatures")
struct WebhookAuthenticationTests {
    enum Forgery: String, CaseIterable {
        case missingSignature, wrongSecret, tamperedBody, staleTimestamp, futureTimestamp, missingTimestamp
        case textTimestamp, garbageSignature, wrongGitHubSignature
    }

    static let expectedCodes: [Forgery: String] = [
        .missingSignature: "webhook.signature_missing", .wrongSecret: "webhook.signature_invalid",
        .tamperedBody: "webhook.signature_invalid", .staleTimestamp: "webhook.timestamp_stale",
        .futureTimestamp: "webhook.timestamp_stale", .missingTimestamp: "webhook.timestamp_missing",
        .textTimestamp: "webhook.timestamp_invalid", .garbageSignature: "webhook.signature_invalid",
        .wrongGitHubSignature: "webhook.signature_invalid",
    ]

    @Test(
        "a missing, wrong or stale signature is refused with 401 and the pipeline never sees it",
        arguments: Forgery.allCases)
    func refused(forgery: Forgery) async throws {
        try await withWebhook { hook in
            let body = WebhookHarness.manifest
            let now = Int64(hook.time.now().timeIntervalSince1970)
            var headers: [(String, String)]
            switch forgery {
            case .missingSignature: headers = [("Content-Type", "application/json")]
            case .wrongSecret: headers = hook.signed(body, secret: Secret("guess"))
            case .tamperedBody: headers = hook.signed(Data(#"{"builds":[]}"#.utf8))
            case .staleTimestamp: headers = hook.signed(body, timestamp: now - 301)
            case .futureTimestamp: headers = hook.signed(body, timestamp: now + 301)
            case .missingTimestamp: headers = hook.signed(body).filter { $0.0 != "X-Ecdrop-Timestamp" }
            case .textTimestamp:
                headers = hook.signed(body).map { $0.0 == "X-Ecdrop-Timestamp" ? ($0.0, "yesterday") : $0 }
            case .garbageSignature:
                headers = hook.signed(body).map { $0.0 == "X-Ecdrop-Signature" ? ($0.0, "sha256=zz") : $0 }
            case .wrongGitHubSignature:
                let github = WebhookSignature(digests: OpenSSLDigests()).signGitHubStyle(
                    body: body, secret: Secret("x"))
                headers = [("X-Hub-Signature-256", github), ("Content-Type", "application/json")]
            }
            let response = try await hook.post(body, headers: headers)
            #expect(response.status == 401)
            #expect(response.errorCode == Self.expectedCodes[forgery])
            #expect(hook.sink.manifests.isEmpty)
            #expect(hook.metrics.registry.value("ecdrop_webhook_requests_total", ["status": "401"]) == 1)
        }
    }

    @Test("a timestamp inside the replay window is accepted", arguments: [-299, 0, 299])
    func insideWindow(offset: Int64) async throws {
        try await withWebhook { hook in
            let now = Int64(hook.time.now().timeIntervalSince1970)
            let response = try await hook.post(headers: hook.signed(WebhookHarness.manifest, timestamp: now + offset))
            #expect(response.status == 202)
        }
    }

    @Test("during a rotation a manifest signed with either secret is accepted")
    func rotation() async throws {
        let old = Secret("old-secret")
        try await withWebhook(secrets: [WebhookHarness.secret, old]) { hook in
            let viaNew = try await hook.post(headers: hook.signed(WebhookHarness.manifest))
            let viaOld = try await hook.post(headers: hook.signed(WebhookHarness.manifest, secret: old))
            #expect(viaNew.status == 202)
            #expect(viaOld.status == 202)
        }
    }

    @Test("a GitHub-style X-Hub-Signature-256 over the body is accepted")
    func githubStyle() async throws {
        try await withWebhook { hook in
            let body = WebhookHarness.manifest
            let github = WebhookSignature(digests: OpenSSLDigests()).signGitHubStyle(
                body: body, secret: WebhookHarness.secret)
            let response = try await hook.post(
                body,
                headers: [
                    ("X-Hub-Signature-256", github.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256=")),
                    ("Content-Type", "application/json"), ("X-GitHub-Delivery", "gh-1"),
                ])
            #expect(response.status == 202)
            #expect(hook.sink.manifests.first?.origin == "gh-1")
        }
    }

    @Test("with no secret configured every signed request is refused")
    func noSecret() async throws {
        try await withWebhook(secrets: []) { hook in
            let response = try await hook.post(headers: hook.signed(WebhookHarness.manifest))
            #expect(response.status == 401)
            #expect(response.errorCode == "webhook.no_secret")
        }
    }

    @Test("the secret never appears in the log, even when requests are refused")
    func secretNotLogged() async throws {
        try await withWebhook { hook in
            _ = try await hook.post(headers: hook.signed(WebhookHarness.manifest))
            _ = try await hook.post(headers: hook.signed(WebhookHarness.manifest, secret: Secret("guess")))
            let lines = hook.logs.rendered()
            #expect(lines.contains { $0.contains("manifest received") })
            #expect(lines.contains { $0.contains("webhook request refused") })
            #expect(!lines.contains { $0.contains(WebhookHarness.secret.revealed) })
        }
    }
}
