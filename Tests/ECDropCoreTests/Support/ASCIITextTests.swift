import ECDropCore
import Testing

@Suite("Header text compared and trimmed byte by byte")
struct ASCIITextTests {
    @Test(
        "names equal apart from ASCII case match; anything else does not",
        arguments: [
            ("Content-Type", "content-type", true), ("X-ECDROP-SIGNATURE", "x-ecdrop-signature", true),
            ("Content-Type", "Content-Typ", false), ("Straße", "STRASSE", false), ("é", "É", false), ("", "", true),
        ])
    func comparesCaseBlind(_ a: String, _ b: String, _ expected: Bool) {
        #expect(ASCIIText.equalsIgnoringCase(a, b) == expected)
    }

    @Test(
        "spaces and tabs are trimmed from both ends, nothing else",
        arguments: [
            ("  1767225600\t", "1767225600"), ("sha256=ab cd", "sha256=ab cd"), (" \t ", ""), ("", ""),
            ("\u{A0}x\u{A0}", "\u{A0}x\u{A0}"), (" é ", "é"),
        ])
    func trims(_ text: String, _ expected: String) {
        #expect(ASCIIText.trimmingBlanks(text) == expected)
    }
}
