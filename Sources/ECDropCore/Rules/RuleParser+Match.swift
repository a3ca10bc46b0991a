/// `match:` clauses: `all`, `any`, `not`, and `field: {operator: operand}` tests.
extension RuleParser {
    static let combinators = ["all", "any", "not"]

    mutating func parseClause(_ node: YAMLNode) -> Clause? {
        guard let pairs = mapping(node, "a match clause") else { return nil }
        guard !pairs.isEmpty else {
            error(
                "rules.empty_clause",
                "an empty clause would match nothing; to match every build write 'build.name: {exists: true}'",
                at: node.location)
            return nil
        }
        let clauses = pairs.map { parsePair(key: $0.key, value: $0.value) }
        guard clauses.allSatisfy({ $0 != nil }) else { return nil }
        let parsed = clauses.compactMap { $0 }
        return parsed.count == 1 ? parsed[0] : .all(parsed, at: node.location)
    }

    private mutating func parsePair(key: YAMLNode, value: YAMLNode) -> Clause? {
        let name = key.scalar ?? ""
        switch name {
        case "all", "any":
            guard let items = sequence(value, "'\(name)'") else { return nil }
            if items.isEmpty { error("rules.empty_clause", "'\(name)' needs at least one clause", at: value.location) }
            let parsed = items.map { parseClause($0) }
            guard !items.isEmpty, parsed.allSatisfy({ $0 != nil }) else { return nil }
            return name == "all"
                ? .all(parsed.compactMap { $0 }, at: key.location) : .any(parsed.compactMap { $0 }, at: key.location)
        case "not":
            return parseClause(value).map { .not($0, at: key.location) }
        default:
            return parseTest(field: name, key: key, value: value)
        }
    }

    private mutating func parseTest(field: String, key: YAMLNode, value: YAMLNode) -> Clause? {
        guard ContextField.isKnown(field, allowRegion: false) else {
            let suggestion = Suggestion.closest(
                to: field, in: ContextField.fixed + Self.combinators + ["build.custom.KEY"])
            error(
                "rules.unknown_field", "unknown field '\(field)' in a match clause", at: key.location,
                suggestion: suggestion)
            return nil
        }
        guard let pairs = mapping(value, "the test of '\(field)'") else { return nil }
        if pairs.isEmpty {
            error("rules.empty_clause", "'\(field)' needs an operator such as {equals: …}", at: value.location)
            return nil
        }
        let tests = pairs.map { parseOperator($0.key, $0.value) }
        guard tests.allSatisfy({ $0 != nil }) else { return nil }
        let clauses = tests.compactMap { $0 }.map { Clause.test(field: field, $0.0, at: $0.1) }
        return clauses.count == 1 ? clauses[0] : .all(clauses, at: key.location)
    }

    private mutating func parseOperator(_ key: YAMLNode, _ operand: YAMLNode) -> (FieldOperator, SourceLocation)? {
        let name = key.scalar ?? ""
        let location = key.location
        switch name {
        case "equals": return text(operand, "'equals'").map { (.equals($0), location) }
        case "contains": return text(operand, "'contains'").map { (.contains($0), location) }
        case "exists": return boolean(operand, "'exists'").map { (.exists($0), location) }
        case "in":
            guard let items = sequence(operand, "'in'") else { return nil }
            let values = items.map { text($0, "an 'in' value") }
            guard values.allSatisfy({ $0 != nil }) else { return nil }
            return (.oneOf(values.compactMap { $0 }), location)
        case "glob":
            guard let pattern = text(operand, "'glob'") else { return nil }
            if let problem = Glob.problem(with: pattern) {
                error("rules.bad_glob", "glob '\(pattern)': \(problem)", at: operand.location)
                return nil
            }
            return (.glob(pattern), location)
        case "regex":
            guard let pattern = text(operand, "'regex'") else { return nil }
            if let problem = RuleRegex.problem(with: pattern) {
                error("rules.bad_regex", "regex '\(pattern)' is \(problem)", at: operand.location)
                return nil
            }
            return (.regex(pattern), location)
        default:
            guard let comparison = FieldOperator.Comparison(rawValue: name) else {
                error(
                    "rules.unknown_operator", "unknown operator '\(name)'", at: location,
                    suggestion: Suggestion.closest(to: name, in: FieldOperator.names))
                return nil
            }
            guard let written = text(operand, "'\(name)'") else { return nil }
            guard let bound = Quantity.parse(written) else {
                error(
                    "rules.wrong_type", "'\(name)' needs a number or a size such as 20GiB, not '\(written)'",
                    at: operand.location)
                return nil
            }
            return (.compare(comparison, bound, written: written), location)
        }
    }
}
