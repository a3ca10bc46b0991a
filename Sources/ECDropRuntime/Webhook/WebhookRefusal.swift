import ECDropCore
import ECDropHTTP
import Foundation

/// Why the webhook server refused a request: an HTTP status, a stable code and a message that
/// says what to fix. Answered as `{"error":{"code":…,"message":…}}`.
public struct WebhookRefusal: ECDropError {
    public var status: Int
    public var code: String
    public var message: String
    /// Extra headers for the answer, such as `Retry-After`.
    public var headers: [(name: String, value: String)]

    public init(_ status: Int, code: String, _ message: String, headers: [(name: String, value: String)] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var exitCode: ExitCode { .dataError }

    var response: HTTPResponse {
        var response = HTTPResponse.error(status, code: code, message: message)
        response.headers += headers
        return response
    }
}
