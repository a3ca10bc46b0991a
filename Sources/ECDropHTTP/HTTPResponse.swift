import ECDropCore
import Foundation

/// What a handler answers.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// When true the server closes the connection without answering (simulates a reset).
    public var dropConnection: Bool

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
        self.dropConnection = false
    }

    /// A JSON answer: `Content-Type: application/json` and the given body.
    public static func json(
        _ status: Int, _ body: Data, headers: [(name: String, value: String)] = []
    ) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
    }

    /// Closes the connection without an answer.
    public static var drop: HTTPResponse {
        var response = HTTPResponse(status: 0)
        response.dropConnection = true
        return response
    }

    /// `{"error":{"code":…,"message":…}}` with the given status. Written directly: refusals are
    /// what a flood of bad requests costs, and JSONSerialization took a third of that.
    public static func error(_ status: Int, code: String, message: String) -> HTTPResponse {
        let text = "{\"error\":{\"code\":\(JSONText.quoted(code)),\"message\":\(JSONText.quoted(message))}}"
        return .json(status, Data(text.utf8))
    }
}
