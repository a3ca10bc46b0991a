import ECDropCore
import ECDropYAML
import Foundation
import Testing

@Suite("YAMLLoader on well-formed documents")
struct YAMLLoaderGoodDocumentTests {
    /// A path through the tree: a mapping key or a list index.
    enum Step: CustomStringConvertible, Sendable {
        case key(String)
        case index(Int)

        var description: String {
            switch self {
            case .key(let key): key
            case .index(let index): "[\(index)]"
            }
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var path: [Step]
        var scalar: String?
        var quoted: Bool?
        var line: Int
        var column: Int
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "root mapping", text: "name: win11\nregion: cn-hangzhou\n", path: [], line: 1, column: 1),
        Case(
            name: "second key's value", text: "name: win11\nregion: cn-hangzhou\n", path: [.key("region")],
            scalar: "cn-hangzhou", quoted: false, line: 2, column: 9),
        Case(
            name: "list item", text: "- a\n- b\n", path: [.index(1)], scalar: "b", quoted: false, line: 2,
            column: 3),
        Case(
            name: "nested mapping start", text: "rule:\n  match:\n    name: \"win*\"\n",
            path: [.key("rule"), .key("match")], line: 3, column: 5),
        Case(
            name: "double-quoted value", text: "rule:\n  match:\n    name: \"win*\"\n",
            path: [.key("rule"), .key("match"), .key("name")], scalar: "win*", quoted: true, line: 3,
            column: 11),
        Case(
            name: "flow list inside flow mapping", text: "{a: [1, 22]}", path: [.key("a"), .index(1)],
            scalar: "22", quoted: false, line: 1, column: 9),
        Case(
            name: "literal block scalar", text: "script: |\n  echo hi\n  exit 0\n", path: [.key("script")],
            scalar: "echo hi\nexit 0\n", quoted: true, line: 1, column: 9),
        Case(
            name: "columns count characters, not bytes", text: "名前: 値\n", path: [.key("名前")], scalar: "値",
            quoted: false, line: 1, column: 5),
        Case(
            name: "single-quoted number stays text", text: "port: '80'\n", path: [.key("port")], scalar: "80",
            quoted: true, line: 1, column: 7),
        Case(
            name: "plain number", text: "port: 80\n", path: [.key("port")], scalar: "80", quoted: false, line: 1,
            column: 7),
        Case(
            name: "explicit string tag counts as quoted", text: "port: !!str 80\n", path: [.key("port")],
            scalar: "80", quoted: true, line: 1, column: 7),
        Case(
            name: "the bare ! tag makes a plain scalar text", text: "port: ! 80\n", path: [.key("port")],
            scalar: "80", quoted: true, line: 1, column: 7),
        Case(
            name: "tab after the colon separates", text: "a:\tb\n", path: [.key("a")], scalar: "b",
            quoted: false, line: 1, column: 4),
        Case(
            name: "CRLF line ends", text: "a: 1\r\nb: 2\r\n", path: [.key("b")], scalar: "2", quoted: false,
            line: 2, column: 4),
        Case(
            name: "explicit document markers", text: "---\na: 1\n...\n", path: [.key("a")], scalar: "1",
            quoted: false, line: 2, column: 4),
        Case(
            name: "same key in two mappings", text: "x:\n  k: 1\ny:\n  k: 2\n", path: [.key("y"), .key("k")],
            scalar: "2", quoted: false, line: 4, column: 6),
        Case(
            name: "empty value is null", text: "a:\nb: 2\n", path: [.key("a")], scalar: "", quoted: false,
            line: 1, column: 3),
        Case(
            name: "byte-order mark is skipped", text: "\u{FEFF}a: 1\n", path: [.key("a")], scalar: "1",
            quoted: false, line: 1, column: 4),
    ]

    @Test("every node carries its 1-based line and column and its text", arguments: cases)
    func positions(_ testCase: Case) throws {
        let root = try #require(try YAMLLoader.load(Data(testCase.text.utf8), file: "rules/a.yaml"))
        let node = try #require(Self.follow(testCase.path, from: root), "no node at \(testCase.path)")

        #expect(node.location == SourceLocation(file: "rules/a.yaml", line: testCase.line, column: testCase.column))
        if let scalar = testCase.scalar {
            #expect(node.kind == .scalar(scalar, quoted: testCase.quoted ?? false))
        }
    }

    @Test("a document's structure and key order are kept")
    func structure() throws {
        let text = "b: 1\na: [x, 'y']\nc:\n  - k: v\n"
        let root = try #require(try YAMLLoader.load(Data(text.utf8), file: "f.yaml"))

        let keys = root.mapping?.map { $0.key.scalar }
        #expect(keys == ["b", "a", "c"])
        #expect(root["a"]?.sequence?.map(\.kind) == [.scalar("x", quoted: false), .scalar("y", quoted: true)])
        #expect(root["c"]?.sequence?.first?["k"]?.scalar == "v")
        #expect(root["a"]?.mapping == nil)
    }

    @Test("input without a document gives nil", arguments: ["", "# only a comment\n", "---\n", "\n\n  \n"])
    func empty(_ text: String) throws {
        #expect(try YAMLLoader.load(Data(text.utf8), file: "f.yaml") == nil)
    }

    @Test("an explicit null document is kept as a null node")
    func explicitNull() throws {
        let node = try YAMLLoader.load(Data("~\n".utf8), file: "f.yaml")
        #expect(node?.isNull == true)
    }

    @Test("nesting exactly at the limit is accepted")
    func depthAtLimit() throws {
        let text = String(repeating: "[", count: 64) + "x" + String(repeating: "]", count: 64)
        var node = try #require(try YAMLLoader.load(Data(text.utf8), file: "f.yaml"))
        var depth = 0
        while let first = node.sequence?.first {
            node = first
            depth += 1
        }
        #expect(depth == 64)
        #expect(node.scalar == "x")
    }

    @Test("a file on disk is read and located by its path")
    func fromFile() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecdrop-yaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("rule.yaml").path
        try Data("name: win11\n".utf8).write(to: URL(fileURLWithPath: path))

        let root = try YAMLLoader.load(contentsOf: path)
        #expect(root?["name"]?.location == SourceLocation(file: path, line: 1, column: 7))
    }

    static func follow(_ path: [Step], from root: YAMLNode) -> YAMLNode? {
        var node: YAMLNode? = root
        for step in path {
            switch step {
            case .key(let key): node = node?[key]
            case .index(let index):
                guard let items = node?.sequence, items.indices.contains(index) else { return nil }
                node = items[index]
            }
        }
        return node
    }
}
