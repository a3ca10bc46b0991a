import ECDropCore
import ECDropYAML
import Foundation
import Testing

@Suite("YAMLLoader on documents it must refuse")
struct YAMLLoaderErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var kind: YAMLError.Kind
        var line: Int
        var column: Int
        /// A fact the message must state.
        var mentions: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ kind: YAMLError.Kind, _ line: Int, _ column: Int, _ mentions: String) {
            self.init(name, Array(text.utf8), kind, line, column, mentions)
        }

        init(_ name: String, _ bytes: [UInt8], _ kind: YAMLError.Kind, _ line: Int, _ column: Int, _ mentions: String) {
            self.name = name
            self.bytes = bytes
            self.kind = kind
            self.line = line
            self.column = column
            self.mentions = mentions
        }
    }

    static let cases: [Case] = [
        Case("a value where a key belongs", "a: b: c\n", .syntax, 1, 5, "mapping values are not allowed"),
        Case("an unclosed quote", "a: \"abc\nb: 1\n", .syntax, 3, 1, "quoted scalar at line 1, column 4"),
        Case("a key indented less than its siblings", "a:\n    b: 1\n  c: 2\n", .syntax, 3, 3, "expected"),
        Case("an unclosed flow list", "a: [1, 2\nb: 3\n", .syntax, 2, 2, "flow sequence at line 1, column 4"),
        Case("a tab as the whole indentation", "a:\n\tb: 1\n", .tabIndentation, 2, 1, "tab"),
        Case("a tab after spaces", "a:\n  b: 1\n  \tc: 2\n", .tabIndentation, 3, 3, "spaces"),
        Case("a tab before a list item", "a:\n\t- 1\n", .tabIndentation, 2, 1, "tab"),
        Case("a duplicate key", "a: 1\nb: 2\na: 3\n", .duplicateKey, 3, 1, "first set on line 1"),
        Case("a duplicate key in a nested mapping", "x:\n  k: 1\n\n  k: 2\n", .duplicateKey, 4, 3, "line 2"),
        Case("a duplicate key spelled once quoted", "k: 1\n'k': 2\n", .duplicateKey, 2, 1, "'k'"),
        Case("a duplicate key in a flow mapping", "{a: 1, a: 2}", .duplicateKey, 1, 8, "line 1"),
        Case("an anchor", "a: &x 1\nb: 2\n", .anchor, 1, 4, "&x"),
        Case("an alias", "a: 1\nb: *x\n", .alias, 2, 4, "*x"),
        Case("a billion-laughs bomb", "a: &a [x, x]\nb: &b [*a, *a]\n", .anchor, 1, 4, "write the value out"),
        Case("a merge key", "base: {x: 1}\nchild:\n  <<: {y: 2}\n", .mergeKey, 3, 3, "<<"),
        Case("a list as a key", "? [a, b]\n: 1\n", .nonScalarKey, 1, 3, "mapping key"),
        Case("a mapping as a key", "? {a: 1}\n: 1\n", .nonScalarKey, 1, 3, "mapping key"),
        Case("a custom tag", "a: !ruby/object x\n", .unsupportedTag, 1, 4, "!ruby/object"),
        Case("a second document", "a: 1\n---\nb: 2\n", .multipleDocuments, 2, 1, "one document"),
        Case("an invalid leading byte", [0x61, 0x3A, 0x20, 0xFF, 0x0A], .invalidUTF8, 1, 4, "byte offset 3"),
        Case("a broken sequence on line 2", Array("a: 1\nb: ".utf8) + [0xC3, 0x28], .invalidUTF8, 2, 5, "0x28"),
        Case("a truncated sequence at the end", Array("a: 1\nb: x".utf8) + [0xE2, 0x82], .invalidUTF8, 2, 5, "UTF-8"),
        Case("a control character", Array("a: x".utf8) + [0x01, 0x0A], .invalidCharacter, 1, 5, "U+0001"),
        Case("a NUL byte", Array("a: x".utf8) + [0x00, 0x0A], .invalidCharacter, 1, 5, "U+0000"),
    ]

    @Test("each refusal has its code, position and an actionable message", arguments: cases)
    func refusal(_ testCase: Case) {
        let error = #expect(throws: YAMLError.self) {
            try YAMLLoader.load(Data(testCase.bytes), file: "rules/r.yaml")
        }
        guard let error else { return }

        #expect(error.kind == testCase.kind, "\(error)")
        #expect(error.code == "yaml.\(testCase.kind.rawValue)")
        #expect(error.location == SourceLocation(file: "rules/r.yaml", line: testCase.line, column: testCase.column))
        #expect(error.message.contains(testCase.mentions), "\(error.message)")
        #expect(error.exitCode == .config)
        #expect(error.description.hasPrefix("rules/r.yaml:\(testCase.line):\(testCase.column): error: "))
    }

    @Test("the rendered error shows the offending line and a caret under the column")
    func rendered() {
        let error = #expect(throws: YAMLError.self) {
            try YAMLLoader.load(Data("name: a\nname: b\n".utf8), file: "r.yaml")
        }
        let lines = error?.rendered.split(separator: "\n", omittingEmptySubsequences: false) ?? []
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("r.yaml:2:1: error: duplicate key 'name'") == true)
        #expect(lines.dropFirst().first == "    name: b")
        #expect(lines.last == "    ^")
    }

    @Test("nesting one level past the limit is refused where it starts")
    func tooDeep() {
        let text = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = #expect(throws: YAMLError.self) { try YAMLLoader.load(Data(text.utf8), file: "d.yaml") }
        #expect(error?.kind == .tooDeep)
        #expect(error?.location == SourceLocation(file: "d.yaml", line: 1, column: 65))
        #expect(error?.message.contains("64") == true)
    }

    @Test("a very deep document gives an error, not a crash")
    func veryDeep() {
        let text = String(repeating: "- ", count: 50_000) + "x\n"
        let error = #expect(throws: YAMLError.self) { try YAMLLoader.load(Data(text.utf8), file: "d.yaml") }
        #expect(error?.kind == .tooDeep)
    }

    @Test("the depth limit can be lowered for block mappings")
    func customDepth() {
        let text = "a:\n  b:\n    c: 1\n"
        let error = #expect(throws: YAMLError.self) {
            try YAMLLoader.load(Data(text.utf8), file: "d.yaml", limits: YAMLLimits(maxDepth: 2))
        }
        #expect(error?.kind == .tooDeep)
        #expect(error?.location == SourceLocation(file: "d.yaml", line: 3, column: 5))
    }

    @Test("input over the size limit is refused before parsing")
    func tooLarge() throws {
        // Unparseable beyond the limit, so only the size check can explain the error.
        let text = Data("a: [".utf8) + Data(repeating: 0xFF, count: YAMLLimits.default.maxBytes)
        let error = #expect(throws: YAMLError.self) { try YAMLLoader.load(text, file: "big.yaml") }
        #expect(error?.kind == .tooLarge)
        #expect(error?.location == SourceLocation(file: "big.yaml", line: 1, column: 1))
        #expect(error?.message.contains("\(YAMLLimits.default.maxBytes)-byte limit") == true)

        let small = Data("a: 12345\n".utf8)
        #expect(throws: YAMLError.self) { try YAMLLoader.load(small, file: "s.yaml", limits: YAMLLimits(maxBytes: 8)) }
        #expect(try YAMLLoader.load(small, file: "s.yaml", limits: YAMLLimits(maxBytes: 9)) != nil)
    }

    @Test("a file over the size limit is refused before it is read")
    func tooLargeFile() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecdrop-yaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("big.yaml").path
        try Data(repeating: 0x61, count: 100).write(to: URL(fileURLWithPath: path))

        let error = #expect(throws: YAMLError.self) {
            try YAMLLoader.load(contentsOf: path, limits: YAMLLimits(maxBytes: 99))
        }
        #expect(error?.kind == .tooLarge)
        #expect(error?.location?.file == path)
    }

    @Test("a missing file is reported with its path and a no-input exit code")
    func missingFile() {
        let path = "/nonexistent-\(UUID().uuidString)/rules.yaml"
        let error = #expect(throws: YAMLError.self) { try YAMLLoader.load(contentsOf: path) }
        #expect(error?.kind == .unreadable)
        #expect(error?.message.contains(path) == true)
        #expect(error?.exitCode == .noInput)
    }

    @Test("random mixes of YAML punctuation either load or give a positioned error")
    func randomInputs() {
        let alphabet = Array("ab1 :-?,[]{}&*!|>'\"#%@\\\t\n\r~<=.".utf8) + [0xC3, 0xA9, 0xFF, 0x00]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for round in 0..<2000 {
            let bytes = (0..<next(48)).map { _ in alphabet[next(alphabet.count)] }
            do {
                _ = try YAMLLoader.load(Data(bytes), file: "r.yaml")
            } catch {
                #expect(error.location != nil, "round \(round), input \(bytes): \(error)")
            }
        }
    }

    @Test("every prefix of a document either loads or gives a positioned error")
    func truncations() {
        let text = Array("rule:\n  name: \"win 11\"\n  match: [a, {b: 'c'}]\n  script: |\n    run\n# end\n".utf8)
        for length in 0...text.count {
            do {
                _ = try YAMLLoader.load(Data(text[0..<length]), file: "t.yaml")
            } catch {
                #expect(error.location != nil, "prefix \(length): \(error)")
                #expect(error.location.map { $0.line >= 1 && $0.column >= 1 } ?? false)
            }
        }
    }
}
