import ECDropCore
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The small HTTP exchanges credentials need (metadata service, credentials URI, STS).
public protocol CredentialsHTTP: Sendable {
    func fetch(
        _ url: URL, method: String, headers: [String: String], timeout: TimeInterval
    ) async throws
        -> (status: Int, body: Data)
}

public struct URLSessionCredentialsHTTP: CredentialsHTTP {
    public init() {}

    public func fetch(
        _ url: URL, method: String, headers: [String: String], timeout: TimeInterval
    ) async throws
        -> (status: Int, body: Data)
    {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
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
