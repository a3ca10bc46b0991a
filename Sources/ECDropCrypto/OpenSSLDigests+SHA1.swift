internal import CCrypto
public import ECDropCore
public import Foundation

/// HMAC-SHA1 for the RPC V1 signature (STS AssumeRole).
extension OpenSSLDigests: SHA1Digests {
    public func hmacSHA1(key: Data, message: Data) -> Data {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                HMAC(
                    EVP_sha1(), keyBytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(keyBytes.count),
                    messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count, &digest,
                    &length)
            }
        }
        precondition(result != nil, "libcrypto HMAC(SHA-1) failed: \(CryptoFailure.lastLibraryMessage())")
        return Data(digest.prefix(Int(length)))
    }
}
