import ECDropRuntime
import Foundation

/// A webhook transport that records every POST and answers with scripted statuses (then 200).
public actor RecordingWebhookTransport: WebhookTransport {
    public struct Request: Sendable {
        public var url: URL
        public var headers: [String: String]
        public var body: Data
    }

    public private(set) var requests: [Request] = []
    private var statuses: [Int]

    public init(statuses: [Int] = []) { self.statuses = statuses }

    public func post(_ body: Data, to url: URL, headers: [String: String], timeout: TimeInterval) async throws -> Int {
        requests.append(Request(url: url, headers: headers, body: body))
        return statuses.isEmpty ? 200 : statuses.removeFirst()
    }
}
