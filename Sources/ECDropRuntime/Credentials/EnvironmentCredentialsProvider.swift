import ECDropCore

/// `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and, for STS,
/// `ALIBABA_CLOUD_SECURITY_TOKEN`.
public struct EnvironmentCredentialsProvider: CredentialsProvider {
    public static let idVariable = "ALIBABA_CLOUD_ACCESS_KEY_ID"
    public static let secretVariable = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
    public static let tokenVariable = "ALIBABA_CLOUD_SECURITY_TOKEN"

    let environment: [String: String]
    public var name: String { "environment" }

    public init(environment: [String: String]) { self.environment = environment }

    public func credentials() async throws(CredentialsError) -> ACSCredentials? {
        let id = value(Self.idVariable)
        let secret = value(Self.secretVariable)
        if id == nil && secret == nil { return nil }
        guard let id, let secret else {
            let missing = id == nil ? Self.idVariable : Self.secretVariable
            throw CredentialsError(
                code: "credentials.incomplete_environment",
                message: "\(missing) is not set although \(id == nil ? Self.secretVariable : Self.idVariable) is; "
                    + "set both, or unset both to use another credentials source")
        }
        try KeyShape.check(id: id, secret: secret, origin: "the environment")
        return ACSCredentials(
            accessKeyId: id, accessKeySecret: Secret(secret), securityToken: value(Self.tokenVariable).map(Secret.init),
            source: name)
    }

    private func value(_ name: String) -> String? {
        guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return nil
        }
        return text
    }
}

/// Catches pasted mistakes early: spaces, quotes and line breaks are never part of a key.
enum KeyShape {
    static func check(id: String, secret: String, origin: String) throws(CredentialsError) {
        let bad: (String) -> Bool = { text in
            text.contains { $0.isWhitespace || $0 == "\"" || $0 == "'" } || text.count < 3
        }
        if bad(id) {
            throw CredentialsError(
                code: "credentials.malformed",
                message: "the AccessKey id from \(origin) is malformed (too short, or holds spaces or quotes); "
                    + "copy it again from the RAM console")
        }
        if bad(secret) {
            throw CredentialsError(
                code: "credentials.malformed",
                message: "the AccessKey secret from \(origin) is malformed (too short, or holds spaces or quotes); "
                    + "copy it again from the RAM console")
        }
    }
}
