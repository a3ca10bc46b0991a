/// Header names and values compared and trimmed byte by byte: on every webhook request,
/// Foundation's locale-aware comparison and trimming cost more than the HMAC.
public enum ASCIIText {
    /// True when `a` and `b` are the same apart from the case of ASCII letters.
    public static func equalsIgnoringCase(_ a: String, _ b: String) -> Bool {
        let left = a.utf8
        let right = b.utf8
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { lowered($0) == lowered($1) }
    }

    /// `text` without leading and trailing spaces and tabs.
    public static func trimmingBlanks(_ text: some StringProtocol) -> String {
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(where: { !isBlank($0) }),
            let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}
