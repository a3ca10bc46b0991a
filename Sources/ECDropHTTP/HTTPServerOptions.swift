import Foundation

/// How an `HTTPServer` listens and what it tolerates from clients.
public struct HTTPServerOptions: Sendable {
    /// `127.0.0.1:8787`, `[::1]:0`, `0.0.0.0:80`, `localhost:8080`; port 0 picks a free one.
    public var listen: String
    /// Past this many body bytes the server answers 413 without calling the handler.
    public var maxBodyBytes: Int
    /// Connections open at once; more are refused at accept.
    public var maxConnections: Int
    /// Idle or slow clients are cut off after this many seconds without progress (rounded up).
    public var connectionTimeout: TimeInterval
    /// A request (its headers and body) must arrive within this many seconds of the previous
    /// answer on its connection (or of connecting), however steadily it trickles in.
    public var requestTimeout: TimeInterval = 30
    /// Both set: HTTPS with this certificate chain and key, PEM encoded.
    public var tlsCertificatePEM: Data?
    public var tlsKeyPEM: Data?

    public init(
        listen: String, maxBodyBytes: Int = 1 << 20, maxConnections: Int = 256,
        connectionTimeout: TimeInterval = 10, tlsCertificatePEM: Data? = nil, tlsKeyPEM: Data? = nil
    ) {
        self.listen = listen
        self.maxBodyBytes = maxBodyBytes
        self.maxConnections = maxConnections
        self.connectionTimeout = connectionTimeout
        self.tlsCertificatePEM = tlsCertificatePEM
        self.tlsKeyPEM = tlsKeyPEM
    }

    var usesTLS: Bool { tlsCertificatePEM != nil && tlsKeyPEM != nil }
}
