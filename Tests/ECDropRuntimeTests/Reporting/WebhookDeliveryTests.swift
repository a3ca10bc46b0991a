import ECDropCore
import ECDropCrypto
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("Webhook reporters")
struct WebhookDeliveryTests {
    let secret = Secret("s3cret-for-tests")
    let target = URL(string: "http://127.0.0.1:9/hooks/ecdrop")!

    func harness() throws -> PipelineHarness {
        try PipelineHarness(webhooks: ["ops": WebhookTarget(name: "ops", url: target, secret: secret, retryFor: 3600)])
    }

    func delivery(_ harness: PipelineHarness, _ transport: RecordingWebhookTransport) -> WebhookDelivery {
        WebhookDelivery(
            store: harness.store, targets: harness.router.webhooks, transport: transport,
            signature: WebhookSignature(digests: OpenSSLDigests()), time: harness.clock, logger: harness.logger)
    }

    @Test("accepted and available are POSTed as signed CloudEvents to the reporters the rule names")
    func deliversSignedEvents() async throws {
        let harness = try harness()
        _ = try await harness.submit(FakeJobPlanner.manifest(rules: ["a", "b"], reporters: ["results", "ops"]))
        try await harness.drive()
        let transport = RecordingWebhookTransport()
        #expect(try await delivery(harness, transport).deliverDue() == 4)
        let requests = await transport.requests
        #expect(requests.count == 4)
        for request in requests {
            let timestamp = try #require(request.headers["X-Ecdrop-Timestamp"])
            var signed = Data("\(timestamp).".utf8)
            signed.append(request.body)
            let expected =
                "sha256=" + OpenSSLDigests().hmacSHA256(key: Data(secret.revealed.utf8), message: signed).hexString
            #expect(request.headers["X-Ecdrop-Signature"] == expected)
            #expect(request.headers["Content-Type"] == "application/cloudevents+json")
            #expect(request.url == target)
            let event = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            #expect(event["specversion"] as? String == "1.0")
            #expect((event["data"] as? [String: Any])?["job_id"] as? String == event["subject"] as? String)
        }
        let types = requests.compactMap {
            (try? JSONSerialization.jsonObject(with: $0.body) as? [String: Any])?["type"] as? String
        }
        #expect(
            types.sorted() == [
                "com.ecdrop.job.accepted", "com.ecdrop.job.accepted", "com.ecdrop.job.available",
                "com.ecdrop.job.available",
            ])
        #expect(try await delivery(harness, transport).deliverDue() == 0)
    }

    @Test("a failing receiver is retried with backoff, every attempt logged, until retry_for runs out")
    func retriesThenAbandons() async throws {
        let harness = try harness()
        let transport = RecordingWebhookTransport(statuses: Array(repeating: 503, count: 100))
        let reporter = delivery(harness, transport)
        await harness.ecd.seed(name: "win11-r1-a", region: "cn-hangzhou")
        _ = try await harness.submit(FakeJobPlanner.manifest(reporters: ["ops"]))
        try await harness.drive()
        let job = try #require(try await harness.jobs().first)
        #expect(job.state == .failed)
        for _ in 0..<40 {
            try await reporter.deliverDue()
            harness.clock.advance(by: 600)
        }
        let item = try #require(try await harness.store.outbox(jobId: job.id).first)
        #expect(item.notice == .failed)
        #expect(item.state == .abandoned)
        #expect(item.lastError == "HTTP 503")
        let log = try await harness.store.deliveryLog(outboxId: item.id)
        #expect(log.count == item.attempts)
        #expect(log.count > 3 && log.count < 40)
        #expect(harness.logs.entries.contains { $0.message == "report abandoned" })
    }
}
