/// Tells a JSON document that stops early (Packer is still writing it) from one that is wrong.
enum JSONPrefix {
    /// True when `bytes` could be the start of a valid document: empty, or brackets and strings
    /// still open at the end without a mismatched closing bracket on the way.
    static func isTruncated(_ bytes: some Sequence<UInt8>) -> Bool {
        var stack: [UInt8] = []
        var inString = false
        var escaped = false
        var sawValue = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): stack.append(byte)
            case UInt8(ascii: "}"):
                guard stack.popLast() == UInt8(ascii: "{") else { return false }
            case UInt8(ascii: "]"):
                guard stack.popLast() == UInt8(ascii: "[") else { return false }
            default: break
            }
            sawValue = sawValue || !isSpace(byte)
        }
        // Nothing but blanks, or a string or bracket still open: the writer has not finished.
        // Balanced text that still failed to parse is wrong, whatever comes next.
        return !sawValue || inString || !stack.isEmpty
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
