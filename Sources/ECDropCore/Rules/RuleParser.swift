import Foundation

/// Reads rules from YAML trees, collecting every diagnostic instead of stopping at the first.
struct RuleParser {
    var diagnostics: [Diagnostic] = []
    /// Every rule name seen, parsed or not, for the duplicate check.
    var names: [(name: String, location: SourceLocation)] = []

    static let fileKeys = ["rules"]
    static let ruleKeys = [
        "name", "description", "match", "action", "regions", "upload", "follow", "report", "final", "runs",
    ]

    mutating func parseFile(_ file: RulesFile) -> [Rule] {
        guard let document = file.document, !document.isNull else {
            warn(
                "rules.empty_file", "'\(file.name)' holds no rules",
                at: SourceLocation(file: file.name, line: 1, column: 1))
            return []
        }
        guard let top = mapping(document, "a rules file") else { return [] }
        checkKeys(top, allowed: Self.fileKeys, in: "a rules file")
        guard let list = document["rules"] else {
            error("rules.missing_key", "a rules file needs a 'rules:' list", at: document.location)
            return []
        }
        guard let items = sequence(list, "'rules'") else { return [] }
        return items.compactMap { parseRule($0) }
    }

    mutating func parseRule(_ node: YAMLNode) -> Rule? {
        guard let pairs = mapping(node, "a rule") else { return nil }
        checkKeys(pairs, allowed: Self.ruleKeys, in: "a rule")
        let name = parseName(node)
        if let name { names.append((name, node.location)) }
        let match = node["match"].flatMap { parseClause($0) }
        if node["match"] == nil {
            error("rules.missing_key", "rule '\(name ?? "?")' needs 'match:'", at: node.location)
        }
        let action = parseAction(node, name: name ?? "?")
        let deadline = node["follow"].flatMap { parseFollow($0) }
        let reporters = node["report"].map { parseReporters($0) } ?? ["results"]
        let isFinal = node["final"].flatMap { boolean($0, "'final'") } ?? false
        let runs = node["runs"].flatMap { parseRuns($0) }
        guard let name, let match, let action else { return nil }
        return Rule(
            name: name, location: node.location, description: node["description"]?.scalar, match: match,
            action: action, followDeadline: deadline, reporters: reporters, isFinal: isFinal, runs: runs)
    }

    mutating func checkUniqueNames() {
        var seen: [String: SourceLocation] = [:]
        for rule in names {
            if let first = seen[rule.name] {
                error(
                    "rules.duplicate_name",
                    "rule name '\(rule.name)' is already used at \(first); rule names must be unique",
                    at: rule.location)
            } else {
                seen[rule.name] = rule.location
            }
        }
    }

    private mutating func parseName(_ node: YAMLNode) -> String? {
        guard let value = node["name"] else {
            error("rules.missing_key", "a rule needs a 'name:'", at: node.location)
            return nil
        }
        guard let name = text(value, "'name'") else { return nil }
        let valid = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || "-_.:".contains($0) }
        guard valid else {
            error(
                "rules.bad_name", "rule name '\(name)' may hold only letters, digits, '-', '_', '.' and ':'",
                at: value.location)
            return nil
        }
        return name
    }

    private mutating func parseFollow(_ node: YAMLNode) -> TimeInterval? {
        guard let pairs = mapping(node, "'follow'") else { return nil }
        checkKeys(pairs, allowed: ["deadline"], in: "'follow'")
        guard let value = node["deadline"], let written = text(value, "'deadline'") else { return nil }
        guard let seconds = DurationText.parse(written), seconds > 0 else {
            error(
                "rules.bad_duration", "deadline '\(written)' is not a duration such as 90m, 6h or 1h30m",
                at: value.location)
            return nil
        }
        return seconds
    }

    private mutating func parseReporters(_ node: YAMLNode) -> [String] {
        guard let items = sequence(node, "'report'") else { return ["results"] }
        if items.isEmpty {
            error("rules.missing_key", "'report' must name at least one reporter, such as results", at: node.location)
        }
        return items.compactMap { item in
            guard let name = text(item, "a reporter name") else { return nil }
            let valid = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || "-_".contains($0) }
            if !valid { error("rules.bad_reporter", "'\(name)' is not a reporter name", at: item.location) }
            return valid ? name : nil
        }
    }

    private mutating func parseRuns(_ node: YAMLNode) -> PipelineSettings.PackerRuns? {
        guard let written = text(node, "'runs'") else { return nil }
        guard let runs = PipelineSettings.PackerRuns(rawValue: written) else {
            error(
                "rules.bad_value", "'runs' must be newest or all, not '\(written)'", at: node.location,
                suggestion: Suggestion.closest(to: written, in: ["newest", "all"]))
            return nil
        }
        return runs
    }
}
