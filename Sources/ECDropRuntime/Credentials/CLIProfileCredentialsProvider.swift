import ECDropCore
import Foundation

/// A profile of the aliyun CLI's `~/.aliyun/config.json`: `$ALIBABA_CLOUD_PROFILE` or the file's
/// `current`. Modes `AK`, `StsToken`, `RamRoleArn` (STS AssumeRole) and `EcsRamRole`.
public struct CLIProfileCredentialsProvider: CredentialsProvider {
    public static let supportedModes = ["AK", "StsToken", "RamRoleArn", "EcsRamRole"]

    let environment: [String: String]
    let logger: Logger
    let http: any CredentialsHTTP
    public var name: String { "cli-profile" }

    public init(environment: [String: String], logger: Logger, http: any CredentialsHTTP = CurlCredentialsHTTP()) {
        self.environment = environment
        self.logger = logger
        self.http = http
    }

    var path: String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".aliyun/config.json")
    }

    public func credentials() async throws(CredentialsError) -> ACSCredentials? {
        if environment["ALIBABA_CLOUD_CLI_PROFILE_DISABLED"]?.lowercased() == "true" { return nil }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let text = try SecretFile.read(path, what: "aliyun CLI configuration", logger: logger)
        guard let root = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else {
            throw CredentialsError(
                code: "credentials.bad_cli_config",
                message: "'\(path)' is not valid JSON; fix it or run 'aliyun configure'")
        }
        let profiles = root["profiles"] as? [[String: Any]] ?? []
        let wanted =
            environment["ALIBABA_CLOUD_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? root["current"] as? String ?? "default"
        guard let profile = profiles.first(where: { $0["name"] as? String == wanted }) else {
            let names = profiles.compactMap { $0["name"] as? String }
            throw CredentialsError(
                code: "credentials.no_profile",
                message: "'\(path)' has no profile '\(wanted)' (it has: \(names.joined(separator: ", ")))"
                    + (Suggestion.closest(to: wanted, in: names).map { "; did you mean '\($0)'?" } ?? ""))
        }
        return try await credentials(from: profile, named: wanted)
    }

    private func credentials(
        from profile: [String: Any], named profileName: String
    ) async throws(CredentialsError)
        -> ACSCredentials
    {
        let mode = profile["mode"] as? String ?? "AK"
        let label = "\(name):\(profileName)"
        let origin = "profile '\(profileName)' of '\(path)'"
        func field(_ key: String) -> String? { (profile[key] as? String).flatMap { $0.isEmpty ? nil : $0 } }
        func required(_ key: String) throws(CredentialsError) -> String {
            guard let value = field(key) else {
                throw CredentialsError(
                    code: "credentials.incomplete_profile",
                    message: "\(origin) (mode \(mode)) has no '\(key)'; run 'aliyun configure --profile \(profileName)'"
                )
            }
            return value
        }
        switch mode {
        case "AK", "StsToken", "RamRoleArn":
            let id = try required("access_key_id")
            let secret = try required("access_key_secret")
            try KeyShape.check(id: id, secret: secret, origin: origin)
            let token = mode == "StsToken" ? Secret(try required("sts_token")) : nil
            let base = ACSCredentials(
                accessKeyId: id, accessKeySecret: Secret(secret), securityToken: token, source: label)
            guard mode == "RamRoleArn" else { return base }
            let assume = STSAssumeRole(
                roleArn: try required("ram_role_arn"), sessionName: field("ram_session_name") ?? "ecdrop",
                durationSeconds: profile["expired_seconds"] as? Int ?? 3600, policy: field("policy"),
                externalId: field("external_id"), stsRegion: field("sts_region"), http: http, environment: environment)
            return try await assume.assume(with: base, label: label)
        case "EcsRamRole":
            let provider = ECSRAMRoleCredentialsProvider(
                environment: environment, roleName: try required("ram_role_name"), http: http, optional: false)
            guard let found = try await provider.credentials() else { throw CredentialsError.none }
            return found
        default:
            throw CredentialsError(
                code: "credentials.unsupported_mode",
                message: "\(origin) uses mode '\(mode)', which ecdrop does not support; use one of "
                    + Self.supportedModes.joined(separator: ", ") + ", or set ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET")
        }
    }
}
