import Foundation

/// Signature V3 (`ACS3-HMAC-SHA256`), the official SDKs' default, as a pure function of the
/// request: the caller supplies the date and nonce headers, so tests pin every byte.
public struct ACS3Signer: Sendable {
    public static let algorithm = "ACS3-HMAC-SHA256"
    /// SHA-256 of an empty body, the payload hash of every ECD call.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Every intermediate string, so a mismatch can be explained, not just detected.
    public struct Signature: Sendable, Hashable {
        public var canonicalQuery: String
        public var canonicalHeaders: String
        public var signedHeaders: String
        public var hashedPayload: String
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
        public var authorization: String
    }

    private let digests: any Digests

    public init(digests: any Digests) { self.digests = digests }

    /// Signs every header given (the SDKs sign every header they set; never pass Authorization).
    public func sign(
        method: String, path: String, query: [(name: String, value: String)],
        headers: [(name: String, value: String)], payloadHash: String, accessKeyId: String, secret: Secret
    ) -> Signature {
        let canonicalQuery = Self.canonicalQuery(query)
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(headers)
        let canonicalRequest = [
            method.uppercased(), path.isEmpty ? "/" : path, canonicalQuery, canonicalHeaders, signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let stringToSign = Self.algorithm + "\n" + digests.sha256Hex(canonicalRequest)
        let signature = digests.hmacSHA256Hex(key: secret.revealed, message: stringToSign)
        let authorization =
            "\(Self.algorithm) Credential=\(accessKeyId),SignedHeaders=\(signedHeaders),Signature=\(signature)"
        return Signature(
            canonicalQuery: canonicalQuery, canonicalHeaders: canonicalHeaders, signedHeaders: signedHeaders,
            hashedPayload: payloadHash, canonicalRequest: canonicalRequest, stringToSign: stringToSign,
            signature: signature, authorization: authorization)
    }

    /// Pairs sorted by name (byte order), values RFC 3986-encoded, names as they are (the SDKs
    /// leave them alone; ECD's names are plain ASCII).
    public static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            .map { "\($0.name)=\(ACSPercentEncoding.encode($0.value))" }
            .joined(separator: "&")
    }

    /// `name:value\n` lines (names lowercased, values trimmed, repeated names joined by `,` in
    /// sorted order) and the `;`-joined list of names.
    public static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (String, String) {
        var grouped: [String: [String]] = [:]
        for header in headers {
            let value = header.value.trimmingCharacters(in: .whitespaces)
            grouped[header.name.lowercased(), default: []].append(value)
        }
        let names = grouped.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let lines = names.map { "\($0):\(grouped[$0]!.sorted().joined(separator: ","))\n" }
        return (lines.joined(), names.joined(separator: ";"))
    }

    /// Reads `ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=a;b,Signature=hex`; nil when malformed.
    public static func parseAuthorization(
        _ header: String
    ) -> (accessKeyId: String, signedHeaders: [String], signature: String)? {
        let prefix = algorithm + " "
        guard header.hasPrefix(prefix) else { return nil }
        var fields: [String: String] = [:]
        for part in header.dropFirst(prefix.count).split(separator: ",") {
            let pieces = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pieces.count == 2 else { return nil }
            fields[String(pieces[0])] = String(pieces[1])
        }
        guard let id = fields["Credential"], let names = fields["SignedHeaders"], let signature = fields["Signature"],
            !id.isEmpty, !names.isEmpty, !signature.isEmpty
        else { return nil }
        return (id, names.split(separator: ";").map(String.init), signature)
    }
}
