import ECDropCore
import ECDropTesting
import Foundation
import Synchronization
import Testing

@testable import ECDropRuntime

/// Answers from a script, one per attempt, and keeps every request it was given.
final class ScriptedTransport: ECDTransport {
    enum Step: Sendable {
        case answer(Int, [String: String], String)
        case fail(ECDTransportFailure)
    }

    private let state: Mutex<(steps: [Step], requests: [ECDHTTPRequest])>

    init(_ steps: [Step]) { state = Mutex((steps, [])) }

    var requests: [ECDHTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: ECDHTTPRequest) async throws(ECDTransportFailure) -> ECDHTTPResponse {
        let step = state.withLock { state in
            state.requests.append(request)
            return state.steps.isEmpty ? nil : state.steps.removeFirst()
        }
        switch step {
        case .answer(let status, let headers, let body)?:
            return ECDHTTPResponse(status: status, headers: headers, body: Data(body.utf8))
        case .fail(let failure)?:
            throw failure
        case nil:
            throw ECDTransportFailure(kind: .other, maybeDelivered: true, detail: "script exhausted")
        }
    }
}

/// A clock whose sleeps return at once, moving time on and remembering how long each was.
final class RecordingTimeSource: TimeSource {
    private let state = Mutex((now: Date(timeIntervalSince1970: 1_767_225_600), sleeps: [TimeInterval]()))

    var sleeps: [TimeInterval] { state.withLock { $0.sleeps } }

    func now() -> Date { state.withLock { $0.now } }

    func sleep(until deadline: Date) async throws {
        state.withLock { state in
            state.sleeps.append(deadline.timeIntervalSince(state.now))
            state.now = max(state.now, deadline)
        }
    }
}

@Suite("ECD client retries")
struct ECDClientRetryTests {
    let throttled = #"{"Code":"Throttling.User","Message":"slow down","RequestId":"R1"}"#
    let page = #"{"RequestId":"R2","Images":[],"NextToken":""}"#

    func client(
        _ transport: ScriptedTransport, time: RecordingTimeSource, endpoint: String? = "http://127.0.0.1:9"
    )
        -> ECDClient
    {
        let credentials = ACSCredentials(accessKeyId: "LTAIid", accessKeySecret: Secret("secret"), source: "test")
        return ECDClient(
            options: ECDClientOptions(
                endpoint: endpoint, retry: ECDRetryPolicy(maxAttempts: 4, baseDelay: 1, maxDelay: 30)),
            credentials: StaticCredentialsProvider(credentials), transport: transport, environment: [:], time: time,
            logger: .disabled, jitter: { 0.5 })
    }

    @Test("x-acs-retry-after decides the pause, and the retry is signed with a new date and nonce")
    func retryAfter() async throws {
        let transport = ScriptedTransport([
            .answer(400, ["x-acs-retry-after": "2500"], throttled), .answer(200, [:], page),
        ])
        let time = RecordingTimeSource()
        _ = try await client(transport, time: time).describeImages(DescribeImagesQuery(RegionId: "cn-hangzhou"))
        #expect(time.sleeps == [2.5])
        let requests = transport.requests
        #expect(requests.count == 2)
        let nonces = requests.map { request in request.headers.first { $0.name == "x-acs-signature-nonce" }?.value }
        let dates = requests.map { request in request.headers.first { $0.name == "x-acs-date" }?.value }
        #expect(Set(nonces).count == 2)
        #expect(Set(dates).count == 2)
    }

    @Test("without retry-after the pauses follow the jittered doubling")
    func backoff() async throws {
        let transport = ScriptedTransport([
            .answer(503, [:], #"{"Code":"ServiceUnavailable","Message":"x"}"#),
            .answer(500, [:], #"{"Code":"InternalError","Message":"x"}"#), .answer(200, [:], page),
        ])
        let time = RecordingTimeSource()
        _ = try await client(transport, time: time).describeImages(DescribeImagesQuery(RegionId: "cn-hangzhou"))
        #expect(time.sleeps == [0.5, 1.0])
    }

    @Test("a timeout after sending an upload is outcome-unknown and is not sent again")
    func uploadTimeout() async throws {
        let transport = ScriptedTransport([
            .fail(ECDTransportFailure(kind: .timedOut, maybeDelivered: true, detail: "timed out"))
        ])
        let time = RecordingTimeSource()
        let request = UploadImageRequest(RegionId: "cn-hangzhou", OssObjectPath: "oss://b/o.vhd", ImageName: "win11")
        await #expect {
            try await client(transport, time: time).uploadImage(request)
        } throws: { error in
            (error as? ECDCallError)?.outcomeUnknown == true && (error as? ECDCallError)?.serviceCode == "Timeout"
        }
        #expect(transport.requests.count == 1)
    }

    @Test("a 200 answer to an upload that cannot be read is outcome-unknown too")
    func unreadableUploadAnswer() async throws {
        let transport = ScriptedTransport([.answer(200, [:], "<html>ok</html>")])
        let request = UploadImageRequest(RegionId: "cn-hangzhou", OssObjectPath: "oss://b/o.vhd", ImageName: "win11")
        await #expect {
            try await client(transport, time: RecordingTimeSource()).uploadImage(request)
        } throws: { ($0 as? ECDCallError)?.outcomeUnknown == true }
        #expect(transport.requests.count == 1)
    }

    @Test("an unresolvable host for an unknown region is permanent and suggests the region")
    func unknownRegion() async throws {
        let transport = ScriptedTransport([
            .fail(ECDTransportFailure(kind: .unknownHost, maybeDelivered: false, detail: "could not resolve"))
        ])
        await #expect {
            try await client(transport, time: RecordingTimeSource(), endpoint: nil)
                .describeImages(DescribeImagesQuery(RegionId: "cn-hangzou"))
        } throws: { error in
            let call = error as? ECDCallError
            return call?.disposition == .permanent && call?.message.contains("did you mean 'cn-hangzhou'?") == true
                && call?.message.contains("ecd.cn-hangzou.aliyuncs.com") == true
        }
        #expect(transport.requests.first?.url.absoluteString.hasPrefix("https://ecd.cn-hangzou.aliyuncs.com/?") == true)
    }
}

@Suite("ECD endpoint")
struct ECDEndpointTests {
    @Test(
        "overrides become a base URL and the host header that is signed",
        arguments: [
            ("http://127.0.0.1:9000", "http://127.0.0.1:9000/", "127.0.0.1:9000"),
            ("https://ecd.example.internal", "https://ecd.example.internal/", "ecd.example.internal"),
            ("https://ecd.example.internal:443/", "https://ecd.example.internal/", "ecd.example.internal"),
            ("127.0.0.1:8443", "https://127.0.0.1:8443/", "127.0.0.1:8443"),
        ])
    func overrides(text: String, url: String, host: String) throws {
        let endpoint = try ECDEndpoint.parse(text)
        #expect(endpoint.baseURL.absoluteString == url)
        #expect(endpoint.host == host)
    }

    @Test("the environment variable wins over the configuration; without either the region decides")
    func precedence() throws {
        let fromEnvironment = try ECDEndpoint.resolve(
            region: "cn-hangzhou", configured: "http://config:1", environment: ["ECDROP_ECD_ENDPOINT": "http://env:2"])
        #expect(fromEnvironment.host == "env:2")
        let fromConfig = try ECDEndpoint.resolve(region: "cn-hangzhou", configured: "http://config:1", environment: [:])
        #expect(fromConfig.host == "config:1")
        let regional = try ECDEndpoint.resolve(region: "ap-southeast-1", configured: nil, environment: [:])
        #expect(regional.baseURL.absoluteString == "https://ecd.ap-southeast-1.aliyuncs.com/")
    }

    @Test(
        "bad overrides are refused with the reason",
        arguments: ["ftp://x", "http://", "http://h/path", "http://h/?a=b"])
    func badOverrides(text: String) {
        #expect(throws: ECDInputError.self) { try ECDEndpoint.parse(text) }
    }
}
