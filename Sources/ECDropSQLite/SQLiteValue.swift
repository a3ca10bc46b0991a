public import Foundation

/// A value SQLite stores or returns.
public enum SQLiteValue: Sendable, Hashable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
    case null

    public static func int(_ value: Int) -> SQLiteValue { .integer(Int64(value)) }

    /// `.text` for a value, `.null` for nil.
    public static func optional(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }

    /// `.integer` for a value, `.null` for nil.
    public static func optional(_ value: Int?) -> SQLiteValue { value.map { .integer(Int64($0)) } ?? .null }

    /// `.real` for a value, `.null` for nil.
    public static func optional(_ value: Double?) -> SQLiteValue { value.map { .real($0) } ?? .null }
}
