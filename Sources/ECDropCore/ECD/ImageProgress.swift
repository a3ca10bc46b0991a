/// Reads DescribeImages' `Progress`, a string whose form is not documented: `"45%"`, `"45"`,
/// `"45.5%"` or a JSON number all give 45; anything else gives nil. Values are kept in 0...100.
public enum ImageProgress {
    public static func parse(_ value: Any?) -> Int? {
        switch value {
        case let number as Int: return clamp(number)
        case let number as Double: return clamp(number)
        case let text as String: return parse(text: text)
        default: return nil
        }
    }

    public static func parse(text: String) -> Int? {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        if digits.hasSuffix("%") { digits = digits.dropLast() }
        digits = Substring(digits.trimmingCharacters(in: .whitespaces))
        if let whole = Int(digits) { return clamp(whole) }
        if let number = Double(digits) { return clamp(number) }
        return nil
    }

    private static func clamp(_ value: Int) -> Int { min(max(value, 0), 100) }

    /// Clamped before it becomes an Int: a value past Int's range (`"6666…5.5%"`) would trap.
    private static func clamp(_ value: Double) -> Int? {
        value.isFinite ? Int(min(max(value, 0), 100)) : nil
    }
}
