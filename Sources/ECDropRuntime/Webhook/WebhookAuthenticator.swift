import ECDropCore
import ECDropCrypto
import ECDropHTTP
import Foundation

/// Checks a request's signature against every accepted secret, in constant time.
///
/// `X-Ecdrop-Signature` (over `"<timestamp>.<body>"`) needs `X-Ecdrop-Timestamp` within the
/// replay window of now; `X-Hub-Signature-256` (over the body alone) is accepted for senders
/// that can only sign GitHub's way.
struct WebhookAuthenticator: Sendable {
    var secrets: [Secret]
    var signature: WebhookSignature
    var time: any TimeSource
    var replayWindow: TimeInterval

    func verify(_ request: HTTPRequest) throws(WebhookRefusal) {
        guard !secrets.isEmpty else {
            throw refusal("webhook.no_secret", "this server has no webhook secret configured; set webhook.secret_file")
        }
        if let sent = request.header(WebhookSignature.signatureHeader) {
            let timestamp = try checkedTimestamp(request)
            try match(sent) { signature.sign(timestamp: timestamp, body: request.body, secret: $0) }
        } else if let sent = request.header(WebhookSignature.githubHeader) {
            try match(sent) { signature.signGitHubStyle(body: request.body, secret: $0) }
        } else {
            throw refusal(
                "webhook.signature_missing",
                "the request has no \(WebhookSignature.signatureHeader) header; sign \"<timestamp>.<body>\" with "
                    + "HMAC-SHA256 and send it as sha256=<hex> with \(WebhookSignature.timestampHeader)")
        }
    }

    private func checkedTimestamp(_ request: HTTPRequest) throws(WebhookRefusal) -> Int64 {
        guard let text = request.header(WebhookSignature.timestampHeader) else {
            throw refusal(
                "webhook.timestamp_missing",
                "the request has no \(WebhookSignature.timestampHeader) header; send the unix time in seconds "
                    + "that the signature covers")
        }
        guard let timestamp = Int64(ASCIIText.trimmingBlanks(text)) else {
            throw refusal(
                "webhook.timestamp_invalid",
                "\(WebhookSignature.timestampHeader) '\(text.prefix(40))' is not a unix time in whole seconds")
        }
        let distance = abs(time.now().timeIntervalSince1970 - Double(timestamp))
        guard distance <= replayWindow else {
            throw refusal(
                "webhook.timestamp_stale",
                "\(WebhookSignature.timestampHeader) is \(Int(distance)) seconds away from this server's clock, more "
                    + "than the \(Int(replayWindow)) allowed; sign with the current time and check both clocks")
        }
        return timestamp
    }

    private func match(_ sent: String, expected: (Secret) -> String) throws(WebhookRefusal) {
        let presented = ASCIIText.trimmingBlanks(sent).lowercased()
        var matched = false
        // Every secret is tried, so the time taken does not tell which one matched.
        for secret in secrets where ConstantTime.equals(expected(secret), presented) { matched = true }
        guard matched else {
            throw refusal(
                "webhook.signature_invalid",
                "the signature does not match the body with any accepted secret; check the shared secret and "
                    + "that the exact bytes sent were signed")
        }
    }

    private func refusal(_ code: String, _ message: String) -> WebhookRefusal {
        WebhookRefusal(401, code: code, message, headers: [("WWW-Authenticate", "HMAC-SHA256")])
    }
}
