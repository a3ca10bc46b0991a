import Foundation
import Testing

@testable import ECDropCore

@Suite("The manifest JSON parser")
struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try parse(Array(text.utf8))
    }

    private func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { try JSONParser.parse($0) }
    }

    @Test("scalars, lists and objects come out as the tree they spell")
    func readsEveryKind() throws {
        let value = try parse(#" {"a": [1, -2.5, 3e2, true, false, null, "x"], "b": {}} "#)
        #expect(
            value
                == .object([
                    "a": .array([
                        .integer(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null, .string("x"),
                    ]),
                    "b": .object([:]),
                ]))
    }

    @Test(
        "escapes become the characters they name",
        arguments: [
            (#""a\"b\\c\/d""#, "a\"b\\c/d"), (#""\b\f\n\r\t""#, "\u{8}\u{C}\n\r\t"), (#""\u00e9\u4e2d""#, "é中"),
            (#""\ud83d\ude00!""#, "😀!"), (#""plain é 中""#, "plain é 中"),
        ])
    func unescapes(_ source: String, _ expected: String) throws {
        #expect(try parse(source) == .string(expected))
    }

    @Test("integers that fit 64 bits stay integers; larger ones become doubles")
    func numbers() throws {
        #expect(try parse("9223372036854775807") == .integer(Int64.max))
        #expect(try parse("-9223372036854775808") == .integer(Int64.min))
        #expect(try parse("9223372036854775808") == .number(9_223_372_036_854_775_808))
        #expect(try parse("0") == .integer(0))
        #expect(try parse("-0.0") == .number(-0.0))
    }

    @Test("a repeated key keeps its last value, and a byte-order mark is skipped")
    func lenientWhereTheStandardAllows() throws {
        #expect(try parse(#"{"k": 1, "k": 2}"#) == .object(["k": .integer(2)]))
        #expect(try parse([0xEF, 0xBB, 0xBF] + Array("[]".utf8)) == .array([]))
    }

    @Test(
        "text the standard refuses is refused, with the reason",
        arguments: [
            ("", "ends where a value"), ("[1,]", "value should start"), ("{\"a\":1,}", "quoted key"),
            ("01", "may not start with 0"), ("1.", "decimal point"), ("1e", "exponent"), ("+1", "value should start"),
            ("[1 2]", "expected ','"), ("{\"a\" 1}", "expected ':'"), ("\"tab\there\"", "control character"),
            ("\"\\x\"", "unknown escape"), ("\"\\u12zz\"", "four hex digits"), ("\"\\ud800\"", "high surrogate"),
            ("\"\\udc00\"", "lone low surrogate"), ("tru", "inside a literal"), ("nul!", "unknown literal"),
            ("{} {}", "after the document"), ("\"open", "inside a string"), ("1e999", "out of range"),
            ("NaN", "value should start"), ("'single'", "value should start"),
        ])
    func refuses(_ source: String, _ reason: String) {
        #expect {
            try parse(source)
        } throws: { error in
            (error as? JSONSyntaxError)?.problem.contains(reason) == true
        }
    }

    @Test("bytes that are not UTF-8 inside a string are refused")
    func invalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { try parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try parse([0x22, 0xFF, 0x22]) }
    }

    @Test("the error names the line and the column where the document goes wrong")
    func position() {
        #expect {
            try parse("{\n  \"a\": 1,\n  \"b\" 2\n}")
        } throws: { error in
            let syntax = error as? JSONSyntaxError
            return syntax?.line == 3 && syntax?.column == 7
        }
    }

    @Test("nesting past the depth limit is refused instead of recursed into")
    func depthLimit() throws {
        let deep =
            String(repeating: "[", count: JSONParser.maxDepth + 1)
            + String(repeating: "]", count: JSONParser.maxDepth + 1)
        #expect(throws: JSONSyntaxError.self) { try parse(deep) }
        let fine =
            String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        #expect(try parse(fine) != .null)
    }

    @Test("every fixture manifest parses to the same tree as Foundation's JSONSerialization reads")
    func agreesWithFoundation() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
        let files =
            FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" } ?? []
        #expect(files.count >= 5)
        for file in files {
            let data = try Data(contentsOf: file)
            guard let reference = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
                #expect(throws: JSONSyntaxError.self) { try parse(Array(data)) }
                continue
            }
            #expect(try Self.plain(parse(Array(data))) == Self.plain(reference), "\(file.lastPathComponent)")
        }
    }

    /// Both trees as canonical text, so numbers and nesting compare without their Swift types.
    private static func plain(_ value: Any) -> String {
        switch value {
        case let value as JSONValue:
            switch value {
            case .null: return "null"
            // Foundation reads booleans as numbers here, so both sides spell them 1 and 0.
            case .bool(let flag): return flag ? "1.0" : "0.0"
            case .integer(let number): return String(Double(number))
            case .number(let number): return String(number)
            case .string(let text): return "\"\(text)\""
            case .array(let items): return "[" + items.map(plain).joined(separator: ",") + "]"
            case .object(let fields):
                return "{" + fields.keys.sorted().map { "\($0):" + plain(fields[$0]!) }.joined(separator: ",") + "}"
            }
        case is NSNull: return "null"
        case let flag as Bool: return flag ? "1.0" : "0.0"
        case let number as NSNumber: return String(number.doubleValue)
        case let text as String: return "\"\(text)\""
        case let items as [Any]: return "[" + items.map(plain).joined(separator: ",") + "]"
        case let fields as [String: Any]:
            return "{" + fields.keys.sorted().map { "\($0):" + plain(fields[$0]!) }.joined(separator: ",") + "}"
        default: return "?"
        }
    }
}
