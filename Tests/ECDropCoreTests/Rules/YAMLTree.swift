import ECDropCore

/// Builds `YAMLNode` trees in core tests, which load no YAML text. Nodes sit at line 1,
/// column 1 of `t.yaml` unless placed with `at:`.
enum Y {
    static func at(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: "t.yaml", line: line, column: column)
    }

    static func s(_ text: String, quoted: Bool = false, at location: SourceLocation = at(1, 1)) -> YAMLNode {
        YAMLNode(.scalar(text, quoted: quoted), at: location)
    }

    static func list(_ items: [YAMLNode], at location: SourceLocation = at(1, 1)) -> YAMLNode {
        YAMLNode(.sequence(items), at: location)
    }

    static func map(_ pairs: [(String, YAMLNode)], at location: SourceLocation = at(1, 1)) -> YAMLNode {
        YAMLNode(.mapping(pairs.map { (key: s($0.0, at: location), value: $0.1) }), at: location)
    }

    /// A mapping whose keys have their own positions.
    static func map(keyed pairs: [(YAMLNode, YAMLNode)], at location: SourceLocation = at(1, 1)) -> YAMLNode {
        YAMLNode(.mapping(pairs.map { (key: $0.0, value: $0.1) }), at: location)
    }

    static func strings(_ items: [String]) -> YAMLNode { list(items.map { s($0) }) }

    /// `{field: {op: operand}}`.
    static func test(_ field: String, _ op: String, _ operand: YAMLNode) -> YAMLNode {
        map([(field, map([(op, operand)]))])
    }

    /// A rules file with these rules.
    static func file(_ rules: [YAMLNode]) -> YAMLNode { map([("rules", list(rules))]) }

    /// The upload block every valid rule in the tests starts from.
    static func upload(_ overrides: [(String, String)] = []) -> YAMLNode {
        var values: [(String, String)] = [
            ("OssObjectPath", "https://golden.oss-{{ region }}.aliyuncs.com/{{ build.custom.oss_key }}"),
            ("ImageName", "{{ build.name | image_name }}-{{ build.time | date: '%Y%m%d' }}"),
            ("GpuCategory", "false"),
            ("LicenseType", "BYOL"),
        ]
        for (key, value) in overrides {
            values.removeAll { $0.0 == key }
            if !value.isEmpty { values.append((key, value)) }
        }
        return map(values.map { ($0.0, s($0.1)) })
    }

    static func rule(
        _ name: String, match: YAMLNode = test("build.name", "exists", s("true")), regions: [String] = ["cn-hangzhou"],
        upload: YAMLNode = upload(), extra: [(String, YAMLNode)] = []
    ) -> YAMLNode {
        map([("name", s(name)), ("match", match), ("regions", strings(regions)), ("upload", upload)] + extra)
    }
}
