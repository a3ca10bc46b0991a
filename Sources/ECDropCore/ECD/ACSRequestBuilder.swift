import Foundation

/// Builds one signed RPC-style call exactly as the official SDK shapes it: `POST /`, every
/// parameter in the query, an empty body, the SDK's headers in the SDK's order, all signed.
public struct ACSRequestBuilder: Sendable {
    public static let ecdVersion = "2020-09-30"

    /// The `host` header: `ecd.cn-hangzhou.aliyuncs.com`, or `127.0.0.1:9000` for an override.
    public var host: String
    public var version: String
    /// Sent and signed when set, as the SDK does with its own.
    public var userAgent: String?
    /// `x-acs-credentials-provider`, sent and signed when set (the SDK sends `static_ak` etc.).
    public var credentialsProvider: String?
    private let signer: ACS3Signer

    public init(
        host: String, digests: any Digests, version: String = ACSRequestBuilder.ecdVersion, userAgent: String? = nil,
        credentialsProvider: String? = nil
    ) {
        self.host = host
        self.version = version
        self.userAgent = userAgent
        self.credentialsProvider = credentialsProvider
        self.signer = ACS3Signer(digests: digests)
    }

    /// A fresh date and nonce must be passed for every attempt.
    public func build(
        action: String, parameters: ACSParameters, credentials: ACSCredentials, date: Date, nonce: String
    ) -> ACSSignedRequest {
        var headers: [(name: String, value: String)] = [
            ("host", host), ("x-acs-version", version), ("x-acs-action", action),
        ]
        if let userAgent { headers.append(("user-agent", userAgent)) }
        headers.append(("x-acs-date", ACSDate.format(date)))
        headers.append(("x-acs-signature-nonce", nonce))
        headers.append(("accept", "application/json"))
        headers.append(("x-acs-content-sha256", ACS3Signer.emptyPayloadHash))
        if let credentialsProvider { headers.append(("x-acs-credentials-provider", credentialsProvider)) }
        if let token = credentials.securityToken {
            headers.append(("x-acs-accesskey-id", credentials.accessKeyId))
            headers.append(("x-acs-security-token", token.revealed))
        }
        let signature = signer.sign(
            method: "POST", path: "/", query: parameters.pairs, headers: headers,
            payloadHash: ACS3Signer.emptyPayloadHash, accessKeyId: credentials.accessKeyId,
            secret: credentials.accessKeySecret)
        headers.append(("Authorization", signature.authorization))
        return ACSSignedRequest(
            action: action, query: parameters.wireQuery, headers: headers, signature: signature)
    }
}

/// A signed call ready to send: `POST /?<query>` with these headers and an empty body.
public struct ACSSignedRequest: Sendable {
    public var action: String
    public var method: String { "POST" }
    public var path: String { "/" }
    /// RFC 3986-encoded (`+` as `%2B`, space as `%20`).
    public var query: String
    /// In the SDK's order, Authorization last. Contains the STS token in clear: never log it.
    public var headers: [(name: String, value: String)]
    public var signature: ACS3Signer.Signature

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
