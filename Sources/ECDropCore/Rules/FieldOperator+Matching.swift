import Foundation

extension FieldOperator {
    /// True when the field's value (nil: the field is missing) passes the test.
    public func holds(for value: String?) -> Bool {
        if case .exists(let wanted) = self { return (value != nil) == wanted }
        guard let value else { return false }
        switch self {
        case .equals(let expected): return value == expected
        case .oneOf(let candidates): return candidates.contains(value)
        case .glob(let pattern): return Glob.matches(value, pattern: pattern)
        case .regex(let pattern): return RuleRegex.search(pattern, in: value)
        case .contains(let part): return value.contains(part)
        case .compare(let comparison, let bound, _):
            guard let number = Quantity.parse(value) else { return false }
            return comparison.holds(number, bound)
        case .exists: return true
        }
    }
}

extension FieldOperator.Comparison {
    func holds(_ value: Double, _ bound: Double) -> Bool {
        switch self {
        case .gt: value > bound
        case .gte: value >= bound
        case .lt: value < bound
        case .lte: value <= bound
        }
    }
}

/// Regular expressions as rules write them: searched anywhere in the value unless anchored.
enum RuleRegex {
    /// Nil when the pattern is valid; otherwise the reason it is not.
    static func problem(with pattern: String) -> String? {
        do {
            _ = try NSRegularExpression(pattern: pattern)
            return nil
        } catch {
            return "not a valid regular expression"
        }
    }

    static func search(_ pattern: String, in value: String) -> Bool {
        guard let expression = compiled.expression(for: pattern) else { return false }
        let range = NSRange(value.startIndex..., in: value)
        return expression.firstMatch(in: value, range: range) != nil
    }

    /// Patterns come from rule files only, so a small cache holds every one in use.
    private static let compiled = CompiledPatterns(limit: 512)
}

/// Compiled regular expressions by pattern: compiling one cost more than matching a manifest's
/// field against it. `NSRegularExpression` is immutable and safe to share once compiled.
final class CompiledPatterns: @unchecked Sendable {
    private let lock = NSLock()
    private var expressions: [String: NSRegularExpression] = [:]
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    /// The pattern compiled, or nil when it does not compile (rule loading reports that).
    func expression(for pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let known = expressions[pattern] { return known }
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return nil }
        // Rules reloaded many times with new patterns start the cache afresh instead of growing it.
        if expressions.count >= limit { expressions.removeAll(keepingCapacity: true) }
        expressions[pattern] = expression
        return expression
    }
}
