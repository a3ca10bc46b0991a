import ECDropCore
import ECDropCrypto
import ECDropHTTP
import ECDropRuntime
import ECDropTesting
import Foundation
import Synchronization

/// A pipeline stand-in that records what it is given and answers as told.
final class FakeManifestSink: ManifestSink {
    private let answer: Mutex<Result<IntakeReceipt, IntakeError>>
    private let received = Mutex<[IncomingManifest]>([])

    init(_ answer: Result<IntakeReceipt, IntakeError> = .success(FakeManifestSink.fresh)) {
        self.answer = Mutex(answer)
    }

    static let fresh = IntakeReceipt(manifestId: "man-1", isRepeat: false, jobIds: ["job-1", "job-2"])

    var manifests: [IncomingManifest] { received.withLock { $0 } }

    func accept(_ manifest: IncomingManifest) async throws -> IntakeReceipt {
        received.withLock { $0.append(manifest) }
        return try answer.withLock { $0 }.get()
    }
}

/// Job status from memory: one job, `job-1`; lists echo the state asked for.
struct FakeJobSource: JobStatusSource {
    func job(id: String) async throws -> Data? {
        id == "job-1" ? Data(#"{"id":"job-1","state":"available"}"#.utf8) : nil
    }

    func jobs(state: String?) async throws -> Data {
        Data(#"[{"asked":"\#(state ?? "all")"}]"#.utf8)
    }
}

struct FakeReadiness: ReadinessSource {
    var journal = true
    var rules = true

    func readinessChecks() async -> [(name: String, ready: Bool)] {
        [("journal", journal), ("rules", rules)]
    }
}

/// A webhook service on a free loopback port with a manual clock and a known secret.
struct WebhookHarness {
    static let secret = Secret("s3cret-one")
    static let manifest = Data(#"{"builds":[{"name":"win11"}]}"#.utf8)

    let service: WebhookService
    let sink: FakeManifestSink
    let time: any TimeSource
    let metrics: ECDropMetrics
    let logs: MemoryLogSink

    var port: Int { service.port }

    /// Headers for a request signed now (or at `timestamp`) with `secret`.
    func signed(
        _ body: Data, secret: Secret = WebhookHarness.secret, timestamp: Int64? = nil,
        contentType: String? = "application/json"
    ) -> [(String, String)] {
        let stamp = timestamp ?? Int64(time.now().timeIntervalSince1970)
        let signature = WebhookSignature(digests: OpenSSLDigests()).sign(timestamp: stamp, body: body, secret: secret)
        var headers = [("X-Ecdrop-Timestamp", String(stamp)), ("X-Ecdrop-Signature", signature)]
        if let contentType { headers.append(("Content-Type", contentType)) }
        return headers
    }

    func post(_ body: Data = WebhookHarness.manifest, headers: [(String, String)]) async throws -> RawHTTPResponse {
        try await RawHTTP.request("POST", "/v1/manifests", port: port, headers: headers, body: body)
    }

    func get(_ target: String, signed: Bool = true) async throws -> RawHTTPResponse {
        let headers = signed ? self.signed(Data(), contentType: nil) : []
        return try await RawHTTP.request("GET", target, port: port, headers: headers)
    }
}

/// Runs `body` against a started webhook service, then stops it.
func withWebhook(
    sink: FakeManifestSink = FakeManifestSink(), readiness: FakeReadiness = FakeReadiness(),
    secrets: [Secret] = [WebhookHarness.secret], time: any TimeSource = ManualTimeSource(),
    configure: (inout WebhookSettings) -> Void = { _ in }, _ body: (WebhookHarness) async throws -> Void
) async throws {
    var settings = WebhookSettings()
    configure(&settings)
    let metrics = ECDropMetrics()
    let logs = MemoryLogSink()
    let logger = Logger(level: .debug, sink: logs, time: time)
    let handler = WebhookServer(
        sink: sink, jobs: FakeJobSource(), readiness: readiness, secrets: secrets, digests: OpenSSLDigests(),
        metrics: metrics, replayWindow: settings.replayWindow, time: time, logger: logger)
    let service = try WebhookService(settings: settings, listen: "127.0.0.1:0", handler: handler, logger: logger)
    try service.start()
    let harness = WebhookHarness(service: service, sink: sink, time: time, metrics: metrics, logs: logs)
    do {
        try await body(harness)
    } catch {
        await service.stop(gracePeriod: 1)
        throw error
    }
    await service.stop(gracePeriod: 5)
}

extension RawHTTPResponse {
    /// `error.code` of a JSON error answer.
    var errorCode: String? { (json?["error"] as? [String: Any])?["code"] as? String }
}
