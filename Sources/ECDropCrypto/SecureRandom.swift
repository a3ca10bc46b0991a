internal import CCrypto
public import Foundation

/// Cryptographically secure random bytes from libcrypto's RAND_bytes.
public enum SecureRandom {
    public static func bytes(_ count: Int) throws(CryptoFailure) -> Data {
        var buffer = [UInt8](repeating: 0, count: count)
        guard count == 0 || RAND_bytes(&buffer, Int32(count)) == 1 else {
            throw CryptoFailure(call: "RAND_bytes", detail: CryptoFailure.lastLibraryMessage())
        }
        return Data(buffer)
    }

    /// `count` random bytes as lowercase hex: nonces, ids.
    public static func hex(_ count: Int) throws(CryptoFailure) -> String {
        try bytes(count).map { String(format: "%02x", $0) }.joined()
    }
}
