import ECDropCore
import ECDropCrypto
import Foundation

/// Signing as the agent does it on every request: the intake webhook's HMAC over timestamp and
/// a 1 KiB body (checked on every POST, made on every report).
enum SigningBenchmarks {
    static let body = Data((0..<1024).map { UInt8(ascii: "a") + UInt8($0 % 26) })

    static var all: [BenchmarkCase] {
        [webhookSignature]
    }

    static let webhookSignature = BenchmarkCase(name: "webhook.sign", unit: "signature") {
        let signer = WebhookSignature(digests: OpenSSLDigests())
        let secret = Secret("bench-webhook-secret-0123456789")
        let body = Self.body
        return {
            signer.sign(timestamp: 1_767_225_600, body: body, secret: secret).utf8.count
        }
    }
}
