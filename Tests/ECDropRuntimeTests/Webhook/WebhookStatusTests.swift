import ECDropCore
import ECDropHTTP
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("Webhook: jobs, probes, metrics and connection limits")
struct WebhookStatusTests {
    @Test("a signed GET of a job returns it; an unknown id is 404; an unsigned one is 401")
    func showJob() async throws {
        try await withWebhook { hook in
            let found = try await hook.get("/v1/jobs/job-1")
            #expect(found.status == 200)
            #expect(found.json?["state"] as? String == "available")
            let missing = try await hook.get("/v1/jobs/job-9")
            #expect(missing.status == 404)
            #expect(missing.errorCode == "webhook.job_not_found")
            let unsigned = try await hook.get("/v1/jobs/job-1", signed: false)
            #expect(unsigned.status == 401)
        }
    }

    @Test(
        "a job list passes the decoded state filter on",
        arguments: [("?state=failed", "failed"), ("?state=import%20ing", "import ing"), ("", "all")])
    func listJobs(query: String, asked: String) async throws {
        try await withWebhook { hook in
            let response = try await hook.get("/v1/jobs\(query)")
            #expect(response.status == 200)
            let list = try #require(try JSONSerialization.jsonObject(with: response.body) as? [[String: String]])
            #expect(list.first?["asked"] == asked)
        }
    }

    @Test("healthz answers without a signature")
    func healthz() async throws {
        try await withWebhook { hook in
            let response = try await hook.get("/healthz", signed: false)
            #expect(response.status == 200)
            #expect(response.json?["status"] as? String == "ok")
        }
    }

    @Test("readyz answers 200 when every check passes and 503 naming the one that does not")
    func readyz() async throws {
        try await withWebhook { hook in
            let response = try await hook.get("/readyz", signed: false)
            #expect(response.status == 200)
        }
        try await withWebhook(readiness: FakeReadiness(rules: false)) { hook in
            let response = try await hook.get("/readyz", signed: false)
            #expect(response.status == 503)
            let checks = response.json?["checks"] as? [String: Bool]
            #expect(checks == ["journal": true, "rules": false])
        }
    }

    @Test("metrics are served in the Prometheus text format and count webhook answers")
    func metrics() async throws {
        try await withWebhook { hook in
            _ = try await hook.post(headers: hook.signed(WebhookHarness.manifest))
            _ = try await hook.post(headers: [])
            let response = try await hook.get("/metrics", signed: false)
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(response.text.contains("ecdrop_webhook_requests_total{status=\"202\"} 1\n"))
            #expect(response.text.contains("ecdrop_webhook_requests_total{status=\"401\"} 1\n"))
            #expect(response.text.contains("# TYPE ecdrop_import_duration_seconds histogram\n"))
        }
    }

    @Test("an unknown path is 404 with a JSON error")
    func notFound() async throws {
        try await withWebhook { hook in
            let response = try await hook.get("/v2/anything", signed: false)
            #expect(response.status == 404)
            #expect(response.errorCode == "webhook.not_found")
        }
    }

    @Test("a client that sends half a request and stalls is cut off")
    func slowClient() async throws {
        try await withWebhook(configure: { $0.connectionTimeout = 1 }) { hook in
            let connection = try await RawHTTPConnection.connect(host: "127.0.0.1", port: hook.port, timeout: 15)
            try await connection.send("POST /v1/manifests HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"bu")
            #expect(await connection.waitForClose())
            #expect(hook.sink.manifests.isEmpty)
        }
    }

    @Test("idle connections filling every slot are cut off and a good client still gets in")
    func idleConnectionsDoNotBlock() async throws {
        let configure: (inout WebhookSettings) -> Void = {
            $0.maxConnections = 4
            $0.connectionTimeout = 1
        }
        try await withWebhook(configure: configure) { hook in
            var idle: [RawHTTPConnection] = []
            for _ in 0..<8 { idle.append(try await RawHTTPConnection.connect(host: "127.0.0.1", port: hook.port)) }
            let body = WebhookHarness.manifest
            let response = try await RawHTTP.request(
                "POST", "/v1/manifests", port: hook.port, headers: hook.signed(body), body: body, timeout: 20)
            #expect(response.status == 202)
            #expect(idle.count == 8)
        }
    }
}
