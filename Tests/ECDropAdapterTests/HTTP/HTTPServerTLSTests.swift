import ECDropCore
import ECDropHTTP
import ECDropTesting
import Foundation
import Testing

@Suite("HTTP server: TLS")
struct HTTPServerTLSTests {
    @Test("with a certificate and key the server speaks HTTPS and curl trusts it with the CA file")
    func servesHTTPS() async throws {
        let folder = try await BlockingWork.run { try TLSMaterial.make() }
        defer { try? FileManager.default.removeItem(at: folder.directory) }
        let options: (inout HTTPServerOptions) -> Void = {
            $0.tlsCertificatePEM = folder.certificate
            $0.tlsKeyPEM = folder.key
        }
        try await withServer(configure: options) { server in
            let output = try await TLSMaterial.curl([
                "--cacert", folder.certificatePath, "-d", "tls-body", "https://127.0.0.1:\(server.port)/secure?x=1",
            ])
            let echo = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
            #expect(echo["path"] as? String == "/secure")
            #expect(echo["body"] as? String == "tls-body")
        }
    }

    @Test("a key that is not PEM is refused at start with http.tls")
    func badKey() async throws {
        let folder = try await BlockingWork.run { try TLSMaterial.make() }
        defer { try? FileManager.default.removeItem(at: folder.directory) }
        let options = HTTPServerOptions(
            listen: "127.0.0.1:0", tlsCertificatePEM: folder.certificate, tlsKeyPEM: Data("not a key".utf8))
        let server = HTTPServer(options: options, handler: EchoHandler(), logger: .disabled)
        let error = try #require(throws: HTTPServerError.self) { try server.start() }
        #expect(error.code == "http.tls")
    }
}

/// A self-signed certificate for 127.0.0.1 made with `openssl req` in a temporary folder.
struct TLSMaterial: Sendable {
    var directory: URL
    var certificatePath: String
    var certificate: Data
    var key: Data

    static func make() throws -> TLSMaterial {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecdrop-tls-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        try run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ])
        return TLSMaterial(
            directory: directory, certificatePath: certificate,
            certificate: try Data(contentsOf: URL(fileURLWithPath: certificate)),
            key: try Data(contentsOf: URL(fileURLWithPath: key)))
    }

    static func curl(_ arguments: [String]) async throws -> Data {
        try await BlockingWork.run { try run("/usr/bin/curl", ["-sS", "--max-time", "10"] + arguments) }
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TLSToolError(command: executable, status: process.terminationStatus)
        }
        return data
    }
}

struct TLSToolError: Error {
    var command: String
    var status: Int32
}
