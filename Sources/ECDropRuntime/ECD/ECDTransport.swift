import ECDropCurl
import Foundation

/// One HTTP exchange with the endpoint. The real one is `CurlECDTransport`; tests may
/// substitute their own.
public protocol ECDTransport: Sendable {
    func send(_ request: ECDHTTPRequest) async throws(ECDTransportFailure) -> ECDHTTPResponse
}

public struct ECDHTTPRequest: Sendable {
    public var url: URL
    public var method: String
    /// Contains the Authorization header and possibly an STS token: never log it.
    public var headers: [(name: String, value: String)]
    /// The whole exchange.
    public var timeout: TimeInterval
    /// The connection alone (DNS, TCP, TLS), within `timeout`.
    public var connectTimeout: TimeInterval

    public init(
        url: URL, method: String, headers: [(name: String, value: String)], timeout: TimeInterval,
        connectTimeout: TimeInterval? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.timeout = timeout
        self.connectTimeout = min(connectTimeout ?? timeout, timeout)
    }
}

/// The endpoint's answer: status, headers by lowercased name, body; the HTTP client's own type.
public typealias ECDHTTPResponse = CurlResponse

/// Why no answer came back, and whether the request may have reached the server.
public struct ECDTransportFailure: Error, Sendable {
    public enum Kind: String, Sendable {
        case timedOut = "Timeout"
        case connectionReset = "ConnectionReset"
        case cannotConnect = "ConnectionFailed"
        case unknownHost = "UnknownHost"
        case tls = "TLSFailed"
        case other = "NetworkError"
    }

    public var kind: Kind
    /// False only when the request certainly never left (no connection was made).
    public var maybeDelivered: Bool
    public var detail: String

    public init(kind: Kind, maybeDelivered: Bool, detail: String) {
        self.kind = kind
        self.maybeDelivered = maybeDelivered
        self.detail = detail
    }
}
