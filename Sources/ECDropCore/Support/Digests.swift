import Foundation

/// The hashing the pure core needs, provided by the libcrypto adapter (`ECDropCrypto.OpenSSLDigests`).
public protocol Digests: Sendable {
    func sha256(_ data: Data) -> Data
    func hmacSHA256(key: Data, message: Data) -> Data
}

extension Digests {
    public func sha256Hex(_ data: Data) -> String { sha256(data).hexString }
    public func sha256Hex(_ text: String) -> String { sha256(Data(text.utf8)).hexString }

    public func hmacSHA256Hex(key: String, message: String) -> String {
        hmacSHA256(key: Data(key.utf8), message: Data(message.utf8)).hexString
    }
}

extension Data {
    /// Lowercase hexadecimal, two digits a byte.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
