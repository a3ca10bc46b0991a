import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends one POST and reports the HTTP status; thrown errors are network failures.
public protocol WebhookTransport: Sendable {
    func post(_ body: Data, to url: URL, headers: [String: String], timeout: TimeInterval) async throws -> Int
}

/// The real transport, over URLSession.
public struct URLSessionWebhookTransport: WebhookTransport {
    public init() {}

    public func post(_ body: Data, to url: URL, headers: [String: String], timeout: TimeInterval) async throws -> Int {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
