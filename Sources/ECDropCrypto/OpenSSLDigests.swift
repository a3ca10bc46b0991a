internal import CCrypto
public import ECDropCore
public import Foundation

/// SHA-256 and HMAC-SHA256 from OpenSSL's libcrypto, for the core's `Digests`.
public struct OpenSSLDigests: Digests {
    public init() {}

    public func sha256(_ data: Data) -> Data {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { bytes in
            EVP_Digest(bytes.baseAddress, bytes.count, &digest, &length, EVP_sha256(), nil)
        }
        // EVP_Digest with SHA-256 fails only when the library itself is broken.
        precondition(ok == 1, "libcrypto EVP_Digest(SHA-256) failed: \(CryptoFailure.lastLibraryMessage())")
        return Data(digest.prefix(Int(length)))
    }

    public func hmacSHA256(key: Data, message: Data) -> Data {
        Self.hmac(EVP_sha256(), name: "SHA-256", key: key, message: message)
    }

    /// One HMAC with the digest `kind`; fails only when the library itself is broken.
    static func hmac(_ kind: OpaquePointer?, name: String, key: Data, message: Data) -> Data {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                HMAC(
                    kind, keyBytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(keyBytes.count),
                    messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count, &digest,
                    &length)
            }
        }
        precondition(result != nil, "libcrypto HMAC(\(name)) failed: \(CryptoFailure.lastLibraryMessage())")
        return Data(digest.prefix(Int(length)))
    }
}
