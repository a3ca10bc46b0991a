import Foundation

/// The HMAC scheme shared by the intake webhook and the webhook reporters:
/// `X-Ecdrop-Timestamp: <unix seconds>` and `X-Ecdrop-Signature: sha256=<hex HMAC-SHA256 of
/// "<timestamp>.<body>" keyed with the shared secret>`. Senders that can only sign the body use
/// GitHub's `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
public struct WebhookSignature: Sendable {
    public static let timestampHeader = "X-Ecdrop-Timestamp"
    public static let signatureHeader = "X-Ecdrop-Signature"
    public static let githubHeader = "X-Hub-Signature-256"

    private let digests: any Digests

    public init(digests: any Digests) { self.digests = digests }

    /// `sha256=<hex>` over `"<timestamp>.<body>"`.
    public func sign(timestamp: Int64, body: Data, secret: Secret) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(body)
        return "sha256=" + digests.hmacSHA256(key: Data(secret.revealed.utf8), message: message).hexString
    }

    /// `sha256=<hex>` over the body alone, as GitHub sends it.
    public func signGitHubStyle(body: Data, secret: Secret) -> String {
        "sha256=" + digests.hmacSHA256(key: Data(secret.revealed.utf8), message: body).hexString
    }
}
