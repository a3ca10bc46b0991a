/// Whether a clause held for a context, and the test that decided it: for a clause that failed,
/// the first test that failed and the value it saw.
public struct ClauseOutcome: Sendable, Hashable, Codable {
    public var matched: Bool
    /// The deciding test as written, such as `build.name glob 'win11-*'`; for a failed `not`,
    /// prefixed with `not`.
    public var clause: String
    public var location: SourceLocation
    /// The field's value; nil when the manifest has no such field.
    public var seen: String?

    public init(matched: Bool, clause: String, location: SourceLocation, seen: String?) {
        self.matched = matched
        self.clause = clause
        self.location = location
        self.seen = seen
    }

    /// `rules/a.yaml:7:11: build.name glob 'win11-*' saw 'win10-ltsc'`.
    public var explanation: String {
        let value = seen.map { "saw '\($0)'" } ?? "saw no such field"
        return "\(location): \(clause) \(value)"
    }
}

extension Clause {
    /// Evaluates the clause; `all` stops at the first failure, `any` at the first success.
    public func evaluate(in context: MatchContext) -> ClauseOutcome {
        switch self {
        case .test(let field, let test, let location):
            let value = context[field]
            return ClauseOutcome(
                matched: test.holds(for: value), clause: "\(field) \(test.summary)", location: location,
                seen: value)
        case .all(let items, let location):
            var last = ClauseOutcome(matched: true, clause: "all", location: location, seen: nil)
            for item in items {
                last = item.evaluate(in: context)
                if !last.matched { return last }
            }
            return last
        case .any(let items, let location):
            var first: ClauseOutcome?
            for item in items {
                let outcome = item.evaluate(in: context)
                if outcome.matched { return outcome }
                first = first ?? outcome
            }
            var failed = first ?? ClauseOutcome(matched: false, clause: "any", location: location, seen: nil)
            failed.clause = "none of \(summary) held, the first: \(failed.clause)"
            return failed
        case .not(let inner, _):
            var outcome = inner.evaluate(in: context)
            outcome.matched.toggle()
            if !outcome.matched { outcome.clause = "not (\(outcome.clause))" }
            return outcome
        }
    }
}
