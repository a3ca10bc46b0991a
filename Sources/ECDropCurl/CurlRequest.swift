import Foundation

/// One HTTP exchange for `CurlClient`.
public struct CurlRequest: Sendable {
    public var url: String
    public var method: String
    /// Sent as given; libcurl derives Host from the URL, so a Host header here is left out.
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// The whole exchange, from the first connection attempt to the last byte of the answer.
    public var timeout: TimeInterval
    /// The connection alone (DNS, TCP, TLS); capped at `timeout`.
    public var connectTimeout: TimeInterval

    public init(
        url: String, method: String, headers: [(name: String, value: String)] = [], body: Data = Data(),
        timeout: TimeInterval, connectTimeout: TimeInterval = 10
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }
}

/// The answer to a `CurlRequest`.
public struct CurlResponse: Sendable {
    public var status: Int
    /// Names lowercased; of a repeated header, the last value.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
