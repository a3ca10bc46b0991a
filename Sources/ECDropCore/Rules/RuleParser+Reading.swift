/// Shape checks on YAML nodes, each leaving a positioned diagnostic when the shape is wrong.
extension RuleParser {
    mutating func mapping(_ node: YAMLNode, _ what: String) -> [(key: YAMLNode, value: YAMLNode)]? {
        if let pairs = node.mapping { return pairs }
        error("rules.wrong_type", "\(what) must be a mapping, not \(node.typeDescription)", at: node.location)
        return nil
    }

    mutating func sequence(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        if let items = node.sequence { return items }
        error("rules.wrong_type", "\(what) must be a list, not \(node.typeDescription)", at: node.location)
        return nil
    }

    /// A non-null scalar's text.
    mutating func text(_ node: YAMLNode, _ what: String) -> String? {
        if let text = node.scalar, !node.isNull { return text }
        error("rules.wrong_type", "\(what) must be a value, not \(node.typeDescription)", at: node.location)
        return nil
    }

    mutating func boolean(_ node: YAMLNode, _ what: String) -> Bool? {
        guard let written = text(node, what) else { return nil }
        if let value = Bool(strictText: written) { return value }
        error("rules.wrong_type", "\(what) must be true or false, not '\(written)'", at: node.location)
        return nil
    }

    mutating func checkKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)], allowed: [String], in what: String) {
        for pair in pairs {
            let key = pair.key.scalar ?? ""
            if !allowed.contains(key) {
                error(
                    "rules.unknown_key", "unknown key '\(key)' in \(what)", at: pair.key.location,
                    suggestion: Suggestion.closest(to: key, in: allowed))
            }
        }
    }

    mutating func error(_ code: String, _ message: String, at location: SourceLocation?, suggestion: String? = nil) {
        diagnostics.append(Diagnostic(.error, code: code, message, at: location, suggestion: suggestion))
    }

    mutating func warn(_ code: String, _ message: String, at location: SourceLocation?, suggestion: String? = nil) {
        diagnostics.append(Diagnostic(.warning, code: code, message, at: location, suggestion: suggestion))
    }

    mutating func report(_ issue: UploadIssue, at location: SourceLocation) {
        diagnostics.append(
            Diagnostic(issue.severity, code: issue.code, issue.message, at: location, suggestion: issue.suggestion))
    }
}
