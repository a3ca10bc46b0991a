import ECDropCore
import ECDropHTTP
import Foundation

/// The webhook server as the daemon runs it: `WebhookSettings` turned into an `HTTPServer`
/// answering with a `WebhookServer`.
public final class WebhookService: DaemonService {
    public var name: String { "webhook" }

    public let handler: WebhookServer
    private let server: HTTPServer

    /// Reads the TLS files named in `settings`; throws a `config.*` error naming the file.
    public init(settings: WebhookSettings, listen: String, handler: WebhookServer, logger: Logger) throws {
        var options = HTTPServerOptions(
            listen: listen, maxBodyBytes: settings.maxBodyBytes, maxConnections: settings.maxConnections,
            connectionTimeout: settings.connectionTimeout)
        options.tlsCertificatePEM = try settings.tlsCertificateFile.map {
            try Self.read($0, key: "tls_certificate_file")
        }
        options.tlsKeyPEM = try settings.tlsKeyFile.map { try Self.read($0, key: "tls_key_file") }
        self.handler = handler
        self.server = HTTPServer(options: options, handler: handler, logger: logger)
    }

    public func start() throws { try server.start() }

    /// `127.0.0.1:PORT` once started.
    public var address: String { server.address }

    public var port: Int { server.port }

    /// Refuses new manifests with 503, lets requests in flight finish for up to `gracePeriod`
    /// seconds (then cancels their handlers), and closes.
    public func stop(gracePeriod: TimeInterval = 10) async {
        handler.beginShutdown()
        await server.stop(gracePeriod: gracePeriod)
    }

    public func stop(grace: TimeInterval) async { await stop(gracePeriod: grace) }

    private static func read(_ path: String, key: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GeneralError(
                code: "config.unreadable_file",
                message: "cannot read webhook.\(key) '\(path)': \(error.localizedDescription); "
                    + "check the path and that the agent may read it",
                cause: error, exitCode: .config)
        }
    }
}
