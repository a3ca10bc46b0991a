/// A rule's `match:` tree: combinators over field tests.
public indirect enum Clause: Sendable, Hashable {
    case all([Clause], at: SourceLocation)
    case any([Clause], at: SourceLocation)
    case not(Clause, at: SourceLocation)
    case test(field: String, FieldOperator, at: SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .all(_, let location), .any(_, let location), .not(_, let location), .test(_, _, let location):
            location
        }
    }

    /// The clause as a user would write it, on one line.
    public var summary: String {
        switch self {
        case .all(let items, _): "all of [\(items.map(\.summary).joined(separator: ", "))]"
        case .any(let items, _): "any of [\(items.map(\.summary).joined(separator: ", "))]"
        case .not(let inner, _): "not \(inner.summary)"
        case .test(let field, let test, _): "\(field) \(test.summary)"
        }
    }
}

/// One test of a field's value.
public enum FieldOperator: Sendable, Hashable {
    case equals(String)
    case oneOf([String])
    case glob(String)
    case regex(String)
    case exists(Bool)
    case contains(String)
    case compare(Comparison, Double, written: String)

    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case gt, gte, lt, lte
    }

    /// Every operator name a rule may use.
    public static let names = ["equals", "in", "glob", "regex", "exists", "contains", "gt", "gte", "lt", "lte"]

    public var summary: String {
        switch self {
        case .equals(let value): "equals '\(value)'"
        case .oneOf(let values): "in [\(values.map { "'\($0)'" }.joined(separator: ", "))]"
        case .glob(let pattern): "glob '\(pattern)'"
        case .regex(let pattern): "regex '\(pattern)'"
        case .exists(let wanted): "exists \(wanted)"
        case .contains(let part): "contains '\(part)'"
        case .compare(let comparison, _, let written): "\(comparison.rawValue) \(written)"
        }
    }
}
