import ECDropCore
import Foundation

/// The RAM role of the ECS instance this runs on, from the instance metadata service: an IMDSv2
/// token first (falling back to IMDSv1 unless `ALIBABA_CLOUD_IMDSV1_DISABLED=true`), then the role's
/// temporary credentials. Off with `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`.
public struct ECSRAMRoleCredentialsProvider: CredentialsProvider {
    public static let defaultEndpoint = "http://100.100.100.200"

    let environment: [String: String]
    let roleName: String?
    let http: any CredentialsHTTP
    /// Only when the chain asks: on a machine that is not ECS, an unreachable service means "not here".
    let optional: Bool
    public var name: String { "ecs-ram-role" }

    public init(
        environment: [String: String], roleName: String? = nil, http: any CredentialsHTTP = CurlCredentialsHTTP(),
        optional: Bool = true
    ) {
        self.environment = environment
        self.roleName = roleName ?? environment["ALIBABA_CLOUD_ECS_METADATA"].flatMap { $0.isEmpty ? nil : $0 }
        self.http = http
        self.optional = optional
    }

    /// `ECDROP_ECS_METADATA_ENDPOINT` points tests at a local stand-in.
    var base: String { environment["ECDROP_ECS_METADATA_ENDPOINT"] ?? Self.defaultEndpoint }

    public func credentials() async throws(CredentialsError) -> ACSCredentials? {
        if environment["ALIBABA_CLOUD_ECS_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        let token = await sessionToken()
        if token == nil && environment["ALIBABA_CLOUD_IMDSV1_DISABLED"]?.lowercased() == "true" {
            if optional { return nil }
            throw CredentialsError(
                code: "credentials.imds_token", message: "the ECS metadata service gave no IMDSv2 token",
                transient: true)
        }
        var headers: [String: String] = [:]
        if let token { headers["X-aliyun-ecs-metadata-token"] = token }
        let path = "/latest/meta-data/ram/security-credentials/"
        let role: String
        if let roleName {
            role = roleName
        } else {
            guard let answer = await get(path, headers: headers), answer.status == 200,
                let first = String(decoding: answer.body, as: UTF8.self).split(whereSeparator: \.isNewline).first
            else {
                if optional { return nil }
                throw CredentialsError(
                    code: "credentials.no_ram_role", message: "this ECS instance has no RAM role attached",
                    transient: true)
            }
            role = String(first).trimmingCharacters(in: .whitespaces)
        }
        guard let answer = await get(path + role, headers: headers), answer.status == 200 else {
            throw CredentialsError(
                code: "credentials.imds_unreachable",
                message: "the ECS metadata service did not give credentials for RAM role '\(role)'", transient: true)
        }
        return try TemporaryCredentialsJSON.parse(
            answer.body, source: "\(name):\(role)", origin: "the ECS metadata service")
    }

    private func sessionToken() async -> String? {
        guard let url = URL(string: base + "/latest/api/token"),
            let answer = try? await http.fetch(
                url, method: "PUT", headers: ["X-aliyun-ecs-metadata-token-ttl-seconds": "21600"], timeout: 1),
            answer.status == 200
        else { return nil }
        let token = String(decoding: answer.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }

    private func get(_ path: String, headers: [String: String]) async -> (status: Int, body: Data)? {
        guard let url = URL(string: base + path) else { return nil }
        return try? await http.fetch(url, method: "GET", headers: headers, timeout: 1)
    }
}
