import ECDropCore
import ECDropCurl
import Foundation

/// The small HTTP exchanges credentials need (metadata service, credentials URI, STS).
public protocol CredentialsHTTP: Sendable {
    func fetch(
        _ url: URL, method: String, headers: [String: String], timeout: TimeInterval
    ) async throws
        -> (status: Int, body: Data)
}

/// The real exchanges, over the process's libcurl client.
public struct CurlCredentialsHTTP: CredentialsHTTP {
    private let client: CurlClient

    public init(client: CurlClient = .shared) { self.client = client }

    public func fetch(
        _ url: URL, method: String, headers: [String: String], timeout: TimeInterval
    ) async throws
        -> (status: Int, body: Data)
    {
        let request = CurlRequest(
            url: url.absoluteString, method: method,
            headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            timeout: timeout)
        let response = try await client.perform(request)
        return (response.status, response.body)
    }
}

/// Reads the `{AccessKeyId, AccessKeySecret, SecurityToken, Expiration}` object that the
/// metadata service, credentials URIs and STS (inside `Credentials`) all answer with.
enum TemporaryCredentialsJSON {
    static func parse(_ body: Data, source: String, origin: String) throws(CredentialsError) -> ACSCredentials {
        let root = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        let object = (root?["Credentials"] as? [String: Any]) ?? root
        if let code = object?["Code"] as? String, code != "Success" {
            throw CredentialsError(
                code: "credentials.refused", message: "\(origin) answered Code '\(code)' instead of credentials")
        }
        guard let object, let id = object["AccessKeyId"] as? String, let secret = object["AccessKeySecret"] as? String,
            !id.isEmpty, !secret.isEmpty
        else {
            throw CredentialsError(
                code: "credentials.bad_answer",
                message: "\(origin) did not answer with AccessKeyId and AccessKeySecret", transient: true)
        }
        let expiration = (object["Expiration"] as? String).flatMap(ACSDate.parse)
        let token = (object["SecurityToken"] as? String).map(Secret.init)
        return ACSCredentials(
            accessKeyId: id, accessKeySecret: Secret(secret), securityToken: token, expiration: expiration,
            source: source)
    }
}
