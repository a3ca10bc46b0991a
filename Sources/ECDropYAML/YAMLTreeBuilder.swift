import ECDropCore

/// Folds libyaml's events into one `YAMLNode`, refusing what rule and configuration files must
/// not contain: anchors, aliases, merge keys, custom tags, bad keys, deep nesting, extra documents.
struct YAMLTreeBuilder {
    private enum Frame {
        case sequence(start: SourceLocation, items: [YAMLNode])
        case mapping(start: SourceLocation, pairs: [(key: YAMLNode, value: YAMLNode)], pendingKey: YAMLNode?)
    }

    private let file: String
    private let maxDepth: Int
    private var stack: [Frame] = []
    /// For each open mapping, the line where each key was first seen.
    private var keyLines: [[String: Int]] = []
    private var root: YAMLNode?
    private var documents = 0

    init(file: String, maxDepth: Int) {
        self.file = file
        self.maxDepth = maxDepth
    }

    mutating func build(from parser: LibYAMLParser) throws(YAMLError) -> YAMLNode? {
        while true {
            let event = try parser.next()
            if event.kind == .streamEnd { break }
            try take(event)
        }
        guard let root, !(root.isNull && root.scalar == "") else { return nil }
        return root
    }

    private mutating func take(_ event: YAMLEvent) throws(YAMLError) {
        let location = SourceLocation(file: file, line: event.line, column: event.column)
        try refuseReferences(event, at: location)
        switch event.kind {
        case .documentStart:
            documents += 1
            guard documents == 1 else {
                throw YAMLError(
                    .multipleDocuments,
                    "a second YAML document starts here; put one document in each file", at: location)
            }
        case .scalar(let text, let plain):
            let textTagged = try Self.isTextTag(event.tag, at: location)
            let quoted = !plain || textTagged
            try attach(YAMLNode(.scalar(text, quoted: quoted), at: location))
        case .sequenceStart:
            try open(.sequence(start: location, items: []), tag: event.tag, at: location)
        case .mappingStart:
            try open(.mapping(start: location, pairs: [], pendingKey: nil), tag: event.tag, at: location)
        case .sequenceEnd, .mappingEnd:
            try close()
        case .streamStart, .streamEnd, .documentEnd, .alias:
            break
        }
    }

    private func refuseReferences(_ event: YAMLEvent, at location: SourceLocation) throws(YAMLError) {
        if let anchor = event.anchor {
            throw YAMLError(
                .anchor, "anchors ('&\(anchor)') are not supported; write the value out where it is used",
                at: location)
        }
        if case .alias(let name) = event.kind {
            throw YAMLError(
                .alias, "aliases ('*\(name)') are not supported; write the value out where it is used",
                at: location)
        }
    }

    /// True when the tag says "text" (`!!str`, or the bare `!` that YAML resolves to text);
    /// no tag and the core schema's tags are accepted, others refused.
    private static func isTextTag(_ tag: String?, at location: SourceLocation) throws(YAMLError) -> Bool {
        guard let tag else { return false }
        if tag == "!" { return true }
        guard tag.hasPrefix("tag:yaml.org,2002:") else {
            throw YAMLError(
                .unsupportedTag, "the tag '\(tag)' is not supported; remove it and write a plain value",
                at: location)
        }
        return tag == "tag:yaml.org,2002:str"
    }

    private mutating func open(_ frame: Frame, tag: String?, at location: SourceLocation) throws(YAMLError) {
        _ = try Self.isTextTag(tag, at: location)
        if case .mapping(_, _, pendingKey: nil)? = stack.last {
            throw YAMLError(
                .nonScalarKey, "a mapping key must be a plain value, not a list or mapping; use a text key",
                at: location)
        }
        guard stack.count < maxDepth else {
            throw YAMLError(
                .tooDeep, "nesting is deeper than \(maxDepth) levels; flatten the structure", at: location)
        }
        stack.append(frame)
        keyLines.append([:])
    }

    private mutating func close() throws(YAMLError) {
        guard let frame = stack.popLast() else { return }
        keyLines.removeLast()
        switch frame {
        case .sequence(let start, let items):
            try attach(YAMLNode(.sequence(items), at: start))
        case .mapping(let start, let pairs, _):
            try attach(YAMLNode(.mapping(pairs), at: start))
        }
    }

    private mutating func attach(_ node: YAMLNode) throws(YAMLError) {
        switch stack.popLast() {
        case nil:
            root = node
        case .sequence(let start, var items)?:
            items.append(node)
            stack.append(.sequence(start: start, items: items))
        case .mapping(let start, var pairs, let pendingKey?)?:
            pairs.append((key: pendingKey, value: node))
            stack.append(.mapping(start: start, pairs: pairs, pendingKey: nil))
        case .mapping(let start, let pairs, nil)?:
            stack.append(.mapping(start: start, pairs: pairs, pendingKey: node))
            try checkKey(node)
        }
    }

    private mutating func checkKey(_ key: YAMLNode) throws(YAMLError) {
        guard case .scalar(let text, let quoted) = key.kind else { return }
        if text == "<<", !quoted {
            throw YAMLError(
                .mergeKey, "merge keys ('<<') are not supported; write the merged keys out", at: key.location)
        }
        if let firstLine = keyLines[keyLines.count - 1][text] {
            throw YAMLError(
                .duplicateKey,
                "duplicate key '\(text)'; it was first set on line \(firstLine); remove one of them",
                at: key.location)
        }
        keyLines[keyLines.count - 1][text] = key.location.line
    }
}
