import ECDropHTTP
import Foundation
import Testing

@Suite("HTTP error answers")
struct HTTPResponseTests {
    static let messages = [
        "plain text",
        "say \"hi\" to C:\\path",
        "line one\nline two\ttabbed\r",
        "bell \u{7} and escape \u{1B}[31m and delete \u{7F}",
        "POST /v1/manifests only; see https://example.com/docs",
        "名前 ünïcödé \u{2028} 🙂",
        "",
    ]

    @Test("an error body is JSON holding exactly the code and message given", arguments: messages)
    func errorBodyRoundTrips(_ message: String) throws {
        let response = HTTPResponse.error(418, code: "webhook.\"odd\"", message: message)
        #expect(response.status == 418)
        #expect(response.headers.contains { $0.name == "Content-Type" && $0.value == "application/json" })
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["code"] as? String == "webhook.\"odd\"")
        #expect(error["message"] as? String == message)
        #expect(object.count == 1 && error.count == 2)
    }

    @Test("an error body is one line: control characters are escaped")
    func errorBodyIsOneLine() {
        let response = HTTPResponse.error(400, code: "c", message: "a\nb\r\u{0}")
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text == #"{"error":{"code":"c","message":"a\nb\r\u0000"}}"#)
    }
}
