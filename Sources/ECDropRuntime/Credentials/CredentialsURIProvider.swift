import ECDropCore
import Foundation

/// `ALIBABA_CLOUD_CREDENTIALS_URI`: a local service that answers with temporary credentials.
public struct CredentialsURIProvider: CredentialsProvider {
    let environment: [String: String]
    let http: any CredentialsHTTP
    public var name: String { "credentials-uri" }

    public init(environment: [String: String], http: any CredentialsHTTP = CurlCredentialsHTTP()) {
        self.environment = environment
        self.http = http
    }

    public func credentials() async throws(CredentialsError) -> ACSCredentials? {
        guard let text = environment["ALIBABA_CLOUD_CREDENTIALS_URI"], !text.isEmpty else { return nil }
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https" else {
            throw CredentialsError(
                code: "credentials.bad_uri",
                message: "ALIBABA_CLOUD_CREDENTIALS_URI '\(text)' is not an http(s) URL; fix or unset it")
        }
        let answer: (status: Int, body: Data)
        do { answer = try await http.fetch(url, method: "GET", headers: [:], timeout: 5) } catch {
            throw CredentialsError(
                code: "credentials.uri_unreachable",
                message: "the credentials URI \(text) did not answer (\(error.localizedDescription))", transient: true,
                cause: error)
        }
        guard answer.status == 200 else {
            throw CredentialsError(
                code: "credentials.uri_refused", message: "the credentials URI \(text) answered HTTP \(answer.status)",
                transient: answer.status >= 500)
        }
        return try TemporaryCredentialsJSON.parse(answer.body, source: name, origin: "the credentials URI \(text)")
    }
}
