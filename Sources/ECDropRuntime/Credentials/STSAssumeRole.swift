import ECDropCore
import ECDropCrypto
import Foundation

/// STS AssumeRole (2015-04-01), signed with RPC V1 by the source credentials, as the SDKs do
/// for the CLI profile's `RamRoleArn` mode.
struct STSAssumeRole: Sendable {
    var roleArn: String
    var sessionName: String
    var durationSeconds: Int
    var policy: String?
    var externalId: String?
    var stsRegion: String?
    var http: any CredentialsHTTP
    var environment: [String: String]

    func assume(with source: ACSCredentials, label: String) async throws(CredentialsError) -> ACSCredentials {
        var parameters = ACS1Signer.commonParameters(
            action: "AssumeRole", version: "2015-04-01", timestamp: Date(), nonce: ECDClient.freshNonce(),
            accessKeyId: source.accessKeyId, securityToken: source.securityToken)
        parameters += [
            ("RoleArn", roleArn), ("RoleSessionName", sessionName), ("DurationSeconds", "\(durationSeconds)"),
        ]
        if let policy { parameters.append(("Policy", policy)) }
        if let externalId { parameters.append(("ExternalId", externalId)) }
        let signed = ACS1Signer(digests: OpenSSLDigests()).sign(
            method: "GET", parameters: parameters, secret: source.accessKeySecret)
        let host =
            environment["ECDROP_STS_ENDPOINT"] ?? "https://"
            + (stsRegion.map { "sts.\($0).aliyuncs.com" } ?? "sts.aliyuncs.com")
        guard let url = URL(string: "\(host)/?\(signed.wireQuery)") else {
            throw CredentialsError(
                code: "credentials.bad_sts_endpoint", message: "the STS endpoint '\(host)' is not a URL")
        }
        let answer: (status: Int, body: Data)
        do { answer = try await http.fetch(url, method: "GET", headers: [:], timeout: 10) } catch {
            throw CredentialsError(
                code: "credentials.sts_unreachable", message: "STS at \(host) did not answer AssumeRole for \(roleArn)",
                transient: true, cause: error)
        }
        guard answer.status == 200 else {
            let service = ECDResponseDecoder.serviceError(answer.body)
            throw CredentialsError(
                code: "credentials.sts_refused",
                message: "STS refused AssumeRole for \(roleArn): \(service?.code ?? "HTTP \(answer.status)")"
                    + (service.map { ": \($0.message)" } ?? ""),
                transient: answer.status >= 500)
        }
        return try TemporaryCredentialsJSON.parse(answer.body, source: label, origin: "STS AssumeRole")
    }
}
