import Foundation
import Testing

@testable import ECDropCore

@Suite("Compiled regular expressions of rules")
struct CompiledPatternsTests {
    @Test("a pattern is compiled once and the same expression is handed out again")
    func compilesOnce() throws {
        let patterns = CompiledPatterns(limit: 4)

        let first = try #require(patterns.expression(for: "^win1[01]-"))
        let again = try #require(patterns.expression(for: "^win1[01]-"))

        #expect(first === again)
    }

    @Test("a pattern that does not compile gives nothing, every time")
    func refusesBadPatterns() {
        let patterns = CompiledPatterns(limit: 4)

        #expect(patterns.expression(for: "win([") == nil)
        #expect(patterns.expression(for: "win([") == nil)
        #expect(!RuleRegex.search("win([", in: "win(["))
    }

    @Test("past its limit the cache starts afresh and every pattern still matches as before")
    func staysBounded() throws {
        let patterns = CompiledPatterns(limit: 2)
        let first = try #require(patterns.expression(for: "a"))
        _ = patterns.expression(for: "b")
        _ = patterns.expression(for: "c")

        let recompiled = try #require(patterns.expression(for: "a"))

        #expect(recompiled !== first)
        #expect(recompiled.firstMatch(in: "xa", range: NSRange(location: 0, length: 2)) != nil)
        #expect(RuleRegex.search("^win1[01]-", in: "win10-pro"))
        #expect(!RuleRegex.search("^win1[01]-", in: "win12-pro"))
    }
}
