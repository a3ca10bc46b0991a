import ECDropCurl
import Foundation

/// Sends one POST and reports the HTTP status; thrown errors are network failures.
public protocol WebhookTransport: Sendable {
    func post(_ body: Data, to url: URL, headers: [String: String], timeout: TimeInterval) async throws -> Int
}

/// The real transport, over the process's libcurl client.
public struct CurlWebhookTransport: WebhookTransport {
    private let client: CurlClient

    public init(client: CurlClient = .shared) { self.client = client }

    public func post(_ body: Data, to url: URL, headers: [String: String], timeout: TimeInterval) async throws -> Int {
        let request = CurlRequest(
            url: url.absoluteString, method: "POST",
            headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            body: body, timeout: timeout)
        return try await client.perform(request).status
    }
}
