import ECDropCurl
import Foundation

/// ECD calls over libcurl's multi interface (`CurlClient`): the request leaves as soon as it is
/// signed and the answer comes straight back, with kept connections. Proxies come from
/// `HTTPS_PROXY`/`https_proxy`, `http_proxy` and `NO_PROXY`, which libcurl reads itself.
public final class CurlECDTransport: ECDTransport {
    private let client: CurlClient

    public init(client: CurlClient = .shared) {
        self.client = client
    }

    public func send(_ request: ECDHTTPRequest) async throws(ECDTransportFailure) -> ECDHTTPResponse {
        let exchange = CurlRequest(
            url: request.url.absoluteString, method: request.method, headers: request.headers,
            timeout: request.timeout, connectTimeout: request.connectTimeout)
        do {
            return try await client.perform(exchange)
        } catch {
            throw Self.failure(error)
        }
    }

    static func failure(_ failure: CurlFailure) -> ECDTransportFailure {
        let kind: ECDTransportFailure.Kind =
            switch failure.kind {
            case .timedOut: .timedOut
            case .connectionLost: .connectionReset
            case .cannotConnect: .cannotConnect
            case .unknownHost: .unknownHost
            case .tls: .tls
            case .tooLarge, .cancelled, .other: .other
            }
        return ECDTransportFailure(kind: kind, maybeDelivered: failure.requestSent, detail: failure.detail)
    }
}
