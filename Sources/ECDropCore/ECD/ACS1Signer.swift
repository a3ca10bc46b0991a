import Foundation

/// HMAC-SHA1, which the older RPC signature (V1) needs; provided by the libcrypto adapter.
public protocol SHA1Digests: Sendable {
    func hmacSHA1(key: Data, message: Data) -> Data
}

/// RPC signature V1 (`HMAC-SHA1`, `SignatureVersion=1.0`): what STS AssumeRole is signed with,
/// and what the SDKs use for ECD when asked for the `v2` algorithm. Pure: the caller supplies
/// `Timestamp` and `SignatureNonce`.
public struct ACS1Signer: Sendable {
    public struct Signature: Sendable, Hashable {
        public var canonicalizedQuery: String
        public var stringToSign: String
        public var signature: String
        /// Every parameter, `Signature` last, RFC 3986-encoded: the query to send.
        public var wireQuery: String
    }

    private let digests: any SHA1Digests

    public init(digests: any SHA1Digests) { self.digests = digests }

    /// The common parameters V1 adds to an operation's own, in the SDK's order.
    public static func commonParameters(
        action: String, version: String, timestamp: Date, nonce: String, accessKeyId: String,
        securityToken: Secret?
    ) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = [
            ("Action", action), ("Format", "json"), ("Version", version),
            ("Timestamp", ACSDate.format(timestamp)), ("SignatureNonce", nonce),
        ]
        if let securityToken { pairs.append(("SecurityToken", securityToken.revealed)) }
        pairs += [("SignatureMethod", "HMAC-SHA1"), ("SignatureVersion", "1.0"), ("AccessKeyId", accessKeyId)]
        return pairs
    }

    /// Signs `parameters` (common and operation parameters together, `Signature` excluded).
    public func sign(method: String, parameters: [(name: String, value: String)], secret: Secret) -> Signature {
        let canonical = parameters.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            .map { "\(ACSPercentEncoding.encode($0.name))=\(ACSPercentEncoding.encode($0.value))" }
            .joined(separator: "&")
        let stringToSign = "\(method.uppercased())&%2F&\(ACSPercentEncoding.encode(canonical))"
        let mac = digests.hmacSHA1(key: Data((secret.revealed + "&").utf8), message: Data(stringToSign.utf8))
        let signature = mac.base64EncodedString()
        let wire = (parameters + [("Signature", signature)])
            .map { "\(ACSPercentEncoding.encode($0.name))=\(ACSPercentEncoding.encode($0.value))" }
            .joined(separator: "&")
        return Signature(
            canonicalizedQuery: canonical, stringToSign: stringToSign, signature: signature, wireQuery: wire)
    }
}
