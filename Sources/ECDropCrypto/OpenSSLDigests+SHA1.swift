internal import CCrypto
public import ECDropCore
public import Foundation

/// HMAC-SHA1 for the RPC V1 signature (STS AssumeRole).
extension OpenSSLDigests: SHA1Digests {
    public func hmacSHA1(key: Data, message: Data) -> Data {
        Self.hmac(EVP_sha1(), name: "SHA-1", key: key, message: message)
    }
}
