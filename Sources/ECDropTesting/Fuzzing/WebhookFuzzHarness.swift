import ECDropCore
import ECDropHTTP
import ECDropRuntime
import Foundation
import Synchronization

/// The webhook server's request handling, whole, with the real manifest decoder behind it and
/// nothing else: signature and replay checks, routing, content type, the manifest, the answer.
/// `problems(_:)` lists what a request's answer must never be; the fuzz target traps on them
/// and the corpus replay expects none.
public final class WebhookFuzzHarness: Sendable {
    public static let documentedStatuses: Set<Int> = [200, 202, 400, 401, 404, 405, 415, 429, 503]

    private let server: WebhookServer
    private let digests: any Digests

    public init(digests: any Digests) {
        self.digests = digests
        server = WebhookServer(
            sink: DecodingManifestSink(), jobs: NoJobs(), readiness: AlwaysReady(),
            secrets: [FuzzedWebhookRequest.secret],
            digests: digests, metrics: ECDropMetrics(), logger: .disabled)
    }

    /// Builds the request from fuzzer bytes and answers it, waiting on this thread.
    public func answer(_ bytes: Data) -> (FuzzedWebhookRequest, HTTPResponse) {
        let fuzzed = FuzzedWebhookRequest(bytes, now: Date(), digests: digests)
        let slot = AnswerSlot()
        let server = self.server
        let request = fuzzed.request
        Task {
            let response = await server.handle(request)
            slot.answer.withLock { $0 = response }
            slot.done.signal()
        }
        slot.done.wait()
        return (fuzzed, slot.answer.withLock { $0 } ?? HTTPResponse(status: 0))
    }

    /// What is wrong with `response` as the answer to `fuzzed`; empty when nothing is.
    public static func problems(_ response: HTTPResponse, for fuzzed: FuzzedWebhookRequest) -> [String] {
        var found: [String] = []
        let path = fuzzed.request.path
        if !documentedStatuses.contains(response.status) {
            found.append("status \(response.status) is not a documented answer")
        }
        if response.status >= 300 {
            let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
            let error = object?["error"] as? [String: Any]
            if (error?["code"] as? String)?.isEmpty != false || (error?["message"] as? String)?.isEmpty != false {
                found.append("a refusal without a JSON error code and message")
            }
        }
        if path.hasPrefix("/v1/"), response.status < 300, !fuzzed.isSignedCorrectly {
            found.append("an unsigned or wrongly signed request to \(path) was answered \(response.status)")
        }
        return found
    }
}

/// The pipeline's first step only: the real decoder, one job id per build.
struct DecodingManifestSink: ManifestSink {
    func accept(_ manifest: IncomingManifest) async throws -> IntakeReceipt {
        let decoded = try ManifestDecoder.decode(manifest.bytes, origin: manifest.origin)
        return IntakeReceipt(
            manifestId: "man-fuzz", isRepeat: false, jobIds: decoded.builds.indices.map { "job-\($0)" })
    }
}

struct NoJobs: JobStatusSource {
    func job(id: String) async throws -> Data? { nil }
    func jobs(state: String?) async throws -> Data { Data("[]".utf8) }
}

struct AlwaysReady: ReadinessSource {
    func readinessChecks() async -> [(name: String, ready: Bool)] { [("journal", true), ("rules", true)] }
}

/// Where the task answering a request leaves the answer for the thread that waits on `done`.
final class AnswerSlot: Sendable {
    let answer = Mutex<HTTPResponse?>(nil)
    let done = DispatchSemaphore(value: 0)
}
