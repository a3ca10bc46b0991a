import ECDropCore
import Foundation
import Testing

@Suite("Diagnostic")
struct DiagnosticTests {
    let location = SourceLocation(file: "rules/win11.yaml", line: 2, column: 3)

    @Test("the one-line form reads like a compiler's, with the suggestion last")
    func oneLine() {
        let diagnostic = Diagnostic(
            .error, code: "rules.unknown_key", "unknown key 'matchs'", at: location, suggestion: "match")
        #expect(diagnostic.description == "rules/win11.yaml:2:3: error: unknown key 'matchs'; did you mean 'match'?")
        #expect(Diagnostic(.warning, code: "x", "no file", at: nil).description == "warning: no file")
    }

    @Test("rendering adds the source line and a caret under the column")
    func caret() {
        let source = "name: a\n\tmatchs: b\nother: c"
        let text = Diagnostic(.error, code: "c", "bad", at: location).rendered(source: source)
        #expect(text == "rules/win11.yaml:2:3: error: bad\n     matchs: b\n      ^")
    }

    @Test("rendering falls back to one line when the position is outside the source", arguments: [0, 4, 99])
    func outside(_ line: Int) {
        let diagnostic = Diagnostic(.error, code: "c", "bad", at: SourceLocation(file: "f", line: line, column: 1))
        #expect(diagnostic.rendered(source: "a\nb\nc") == diagnostic.description)
        #expect(diagnostic.rendered(source: nil) == diagnostic.description)
    }

    @Test("a diagnostic survives a JSON round trip")
    func codable() throws {
        let diagnostic = Diagnostic(.note, code: "c", "see here", at: location, suggestion: "s")
        let decoded = try JSONDecoder().decode(Diagnostic.self, from: JSONEncoder().encode(diagnostic))
        #expect(decoded == diagnostic)
    }
}
