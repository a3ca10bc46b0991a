import Foundation

/// A JSON document as a plain tree, so the decoders can walk it and name the exact field that
/// has the wrong shape. `JSONParser` builds it.
enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    var object: [String: JSONValue]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    /// A name for the value's type in messages.
    var typeDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }

    /// Scalars as text, the way rules compare them: `true`, `42`, `1.5`, the string itself.
    var text: String? {
        switch self {
        case .bool(let value): value ? "true" : "false"
        case .integer(let value): String(value)
        case .number(let value): String(value)
        case .string(let value): value
        case .null, .array, .object: nil
        }
    }
}
