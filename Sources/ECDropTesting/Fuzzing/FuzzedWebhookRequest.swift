import ECDropCore
import ECDropHTTP
import Foundation

/// Fuzzer bytes as a webhook request: a request line (`POST /v1/manifests?x`), header lines
/// (`Name: value`) up to a blank line, then the body, byte for byte. Two placeholders let
/// inputs get past the signature check, which no fuzzer could forge: a timestamp header of
/// `now` becomes the current time, and a signature header of `sign` becomes the right HMAC of
/// the request for `secret`. Any other signature is the input's own, and must be refused.
public struct FuzzedWebhookRequest: Sendable {
    public static let secret = Secret("fuzz-webhook-secret")
    public static let nowPlaceholder = "now"
    public static let signPlaceholder = "sign"

    public var request: HTTPRequest
    /// Whether the request carries a signature made here with the accepted secret.
    public var isSignedCorrectly: Bool

    public init(_ bytes: Data, now: Date, digests: any Digests) {
        let (head, body) = Self.split(bytes)
        var lines = String(decoding: head, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        let requestLine = lines.isEmpty ? "" : lines.removeFirst()
        let parts = requestLine.split(separator: " ", maxSplits: 2).map(String.init)
        let target = parts.count > 1 ? parts[1] : "/v1/manifests"
        let query = target.firstIndex(of: "?")
        var headers: [(name: String, value: String)] = lines.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (
                String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            )
        }
        let timestamp = Int64(now.timeIntervalSince1970)
        for index in headers.indices where headers[index].value == Self.nowPlaceholder {
            if headers[index].name.caseInsensitiveCompare(WebhookSignature.timestampHeader) == .orderedSame {
                headers[index].value = String(timestamp)
            }
        }
        var signed = false
        let signature = WebhookSignature(digests: digests)
        let sentTimestamp = headers.first {
            $0.name.caseInsensitiveCompare(WebhookSignature.timestampHeader) == .orderedSame
        }.flatMap { Int64($0.value) }
        for index in headers.indices where headers[index].value == Self.signPlaceholder {
            let name = headers[index].name
            if name.caseInsensitiveCompare(WebhookSignature.signatureHeader) == .orderedSame, let sentTimestamp {
                headers[index].value = signature.sign(timestamp: sentTimestamp, body: body, secret: Self.secret)
                signed = true
            } else if name.caseInsensitiveCompare(WebhookSignature.githubHeader) == .orderedSame {
                headers[index].value = signature.signGitHubStyle(body: body, secret: Self.secret)
                signed = true
            }
        }
        request = HTTPRequest(
            method: parts.first ?? "", path: query.map { String(target[..<$0]) } ?? target,
            rawQuery: query.map { String(target[target.index(after: $0)...]) } ?? "", headers: headers, body: body,
            remoteAddress: "127.0.0.1:40000")
        isSignedCorrectly = signed
    }

    /// The head before the first blank line and the body after it (all head when there is none).
    static func split(_ bytes: Data) -> (head: Data, body: Data) {
        let bytes = Data(bytes)
        for separator in [Data("\r\n\r\n".utf8), Data("\n\n".utf8)] {
            if let range = bytes.range(of: separator) {
                return (bytes[..<range.lowerBound], Data(bytes[range.upperBound...]))
            }
        }
        return (bytes, Data())
    }
}
