import ECDropCore
import Testing

@Suite("Clauses and their explanations")
struct ClauseTests {
    static let context = MatchContext(values: [
        "build.name": "win10-ltsc", "build.custom.channel": "nightly", "artifact.size": "2048",
    ])

    static func test(_ field: String, _ op: FieldOperator, line: Int) -> Clause {
        .test(field: field, op, at: Y.at(line, 11))
    }

    @Test("all reports the first test that failed and the value it saw")
    func allFirstFailure() {
        let clause = Clause.all(
            [
                Self.test("build.custom.channel", .equals("nightly"), line: 5),
                Self.test("build.name", .glob("win11-*"), line: 6),
                Self.test("artifact.size", .compare(.gt, 1, written: "1"), line: 7),
            ], at: Y.at(4, 7))
        let outcome = clause.evaluate(in: Self.context)
        #expect(!outcome.matched)
        #expect(outcome.clause == "build.name glob 'win11-*'")
        #expect(outcome.seen == "win10-ltsc")
        #expect(outcome.location == Y.at(6, 11))
        #expect(outcome.explanation == "t.yaml:6:11: build.name glob 'win11-*' saw 'win10-ltsc'")
    }

    @Test("a missing field is explained as such")
    func missing() {
        let outcome = Self.test("artifact.name", .glob("*.vhd"), line: 3).evaluate(in: Self.context)
        #expect(!outcome.matched)
        #expect(outcome.seen == nil)
        #expect(outcome.explanation.hasSuffix("saw no such field"))
    }

    @Test("any holds when one item holds, and otherwise names the first failure")
    func any() {
        let holds = Clause.any(
            [Self.test("build.name", .equals("x"), line: 2), Self.test("build.name", .contains("ltsc"), line: 3)],
            at: Y.at(1, 1))
        #expect(holds.evaluate(in: Self.context).matched)
        let fails = Clause.any(
            [Self.test("build.name", .equals("x"), line: 2), Self.test("build.name", .equals("y"), line: 3)],
            at: Y.at(1, 1))
        let outcome = fails.evaluate(in: Self.context)
        #expect(!outcome.matched)
        #expect(outcome.location == Y.at(2, 11))
        #expect(outcome.clause.hasPrefix("none of any of"))
    }

    @Test("not inverts, and a failed not names the inner test that held")
    func not() {
        let clause = Clause.not(Self.test("build.custom.channel", .equals("nightly"), line: 9), at: Y.at(9, 9))
        let outcome = clause.evaluate(in: Self.context)
        #expect(!outcome.matched)
        #expect(outcome.clause == "not (build.custom.channel equals 'nightly')")
        #expect(outcome.seen == "nightly")
        let other = Clause.not(Self.test("build.custom.channel", .equals("weekly"), line: 9), at: Y.at(9, 9))
        #expect(other.evaluate(in: Self.context).matched)
    }
}
