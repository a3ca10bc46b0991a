import ECDropCore
import Foundation
import Testing

@Suite("JSON written by hand")
struct JSONTextTests {
    @Test(
        "a quoted string reads back as the same text",
        arguments: [
            "plain", "quote \" and \\ backslash", "line\nbreak\r\ttab", "\u{0}\u{1F}bell\u{7}\u{7F}", "é 中 😀", "",
        ])
    func roundTrips(_ text: String) throws {
        let document = Data(("[" + JSONText.quoted(text) + "]").utf8)
        let read = try #require(try JSONSerialization.jsonObject(with: document) as? [String])
        #expect(read == [text])
    }

    @Test("a list of strings is a JSON array of them, in order")
    func list() throws {
        let read = try JSONSerialization.jsonObject(with: Data(JSONText.list(["b", "a\"", ""]).utf8)) as? [String]
        #expect(read == ["b", "a\"", ""])
        #expect(JSONText.list([]) == "[]")
    }

    @Test("control characters and DEL are escaped, so a JSON log line holds no terminal control")
    func escapesControls() {
        #expect(JSONText.quoted("a\u{7F}b\u{1B}c") == #""a\u007fb\u001bc""#)
    }
}
