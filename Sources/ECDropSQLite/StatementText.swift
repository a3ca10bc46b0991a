/// A statement's text as the key of the prepared-statement cache.
///
/// Hashing reads the length and 16 bytes spread over the text, not all of it: the journal runs
/// statements of a few hundred bytes thousands of times a second, and hashing each whole text
/// twice per run (take out, put back) cost more CPU than the statement's own bookkeeping.
/// Equality still compares the whole text, so texts that hash alike are told apart.
struct StatementText: Hashable {
    let text: String

    static func == (lhs: StatementText, rhs: StatementText) -> Bool { lhs.text == rhs.text }

    func hash(into hasher: inout Hasher) {
        let sampled = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            hasher.combine(bytes.count)
            guard !bytes.isEmpty else { return true }
            let step = max(1, bytes.count / 16)
            var mixed: UInt64 = 0
            for index in stride(from: 0, to: bytes.count, by: step) {
                mixed = mixed &* 0x100_0000_01b3 ^ UInt64(bytes[index])
            }
            hasher.combine(mixed)
            return true
        }
        // A bridged or otherwise non-contiguous text is hashed whole.
        if sampled == nil { hasher.combine(text) }
    }
}
