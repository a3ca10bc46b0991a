import ECDropCore
import Testing

@Suite("Suggestion")
struct SuggestionTests {
    @Test(
        "edit distance counts insertions, deletions, substitutions and adjacent swaps",
        arguments: [
            ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("match", "match", 0), ("matchs", "match", 1),
            ("mach", "match", 1), ("mitch", "match", 1), ("mtach", "match", 1), ("kitten", "sitting", 3),
        ])
    func distance(_ a: String, _ b: String, _ expected: Int) {
        #expect(Suggestion.editDistance(a, b) == expected)
        #expect(Suggestion.editDistance(b, a) == expected)
    }

    @Test(
        "the closest candidate is chosen when it is near enough to be a typo",
        arguments: [
            ("matchs", "match"), ("regoin", "region"), ("GLOB", "glob"), ("imagename", "image_name"),
        ])
    func closest(_ input: String, _ expected: String) {
        let candidates = ["match", "region", "glob", "image_name", "description"]
        #expect(Suggestion.closest(to: input, in: candidates) == expected)
    }

    @Test("nothing is suggested for a word unlike every candidate", arguments: ["zzzzzz", "deploy", ""])
    func none(_ input: String) {
        #expect(Suggestion.closest(to: input, in: ["match", "region", "glob"]) == nil)
    }

    @Test("nothing is suggested from an empty candidate list")
    func emptyCandidates() {
        #expect(Suggestion.closest(to: "match", in: [String]()) == nil)
    }
}
