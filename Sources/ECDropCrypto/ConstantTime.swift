internal import CCrypto
public import Foundation

/// Comparisons whose duration does not depend on where the inputs differ.
public enum ConstantTime {
    /// True when both are equal. Different lengths compare unequal at once; the length of a
    /// signature is not a secret.
    public static func equals(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { left in
            b.withUnsafeBytes { right in
                CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
            }
        }
    }

    public static func equals(_ a: String, _ b: String) -> Bool {
        equals(Data(a.utf8), Data(b.utf8))
    }
}
