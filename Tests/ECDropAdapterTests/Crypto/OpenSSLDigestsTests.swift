import ECDropCore
import ECDropCrypto
import Foundation
import Testing

@Suite("OpenSSLDigests against published test vectors")
struct OpenSSLDigestsTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var key: [UInt8]
        var message: [UInt8]
        var digest: String
        var testDescription: String { name }
    }

    /// FIPS 180-2, appendix B.
    static let sha256Vectors: [Vector] = [
        Vector(
            name: "\"abc\"", key: [], message: Array("abc".utf8),
            digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        Vector(
            name: "the empty message", key: [], message: [],
            digest: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        Vector(
            name: "the 448-bit message", key: [],
            message: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
            digest: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        Vector(
            name: "one million 'a'", key: [], message: [UInt8](repeating: 0x61, count: 1_000_000),
            digest: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ]

    /// RFC 4231, test cases 1-4, 6 and 7 (case 5 truncates the output, which ecdrop never does).
    static let hmacVectors: [Vector] = [
        Vector(
            name: "RFC 4231 case 1", key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8),
            digest: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Vector(
            name: "RFC 4231 case 2", key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8),
            digest: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Vector(
            name: "RFC 4231 case 3", key: [UInt8](repeating: 0xaa, count: 20),
            message: [UInt8](repeating: 0xdd, count: 50),
            digest: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Vector(
            name: "RFC 4231 case 4", key: Array(1...25), message: [UInt8](repeating: 0xcd, count: 50),
            digest: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Vector(
            name: "RFC 4231 case 6", key: [UInt8](repeating: 0xaa, count: 131),
            message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            digest: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Vector(
            name: "RFC 4231 case 7", key: [UInt8](repeating: 0xaa, count: 131),
            message: Array(
                ("This is a test using a larger than block-size key and a larger than block-size data. "
                    + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
            digest: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test("SHA-256 matches the FIPS 180-2 examples", arguments: sha256Vectors)
    func sha256(_ vector: Vector) {
        let digests = OpenSSLDigests()
        #expect(digests.sha256(Data(vector.message)).hexString == vector.digest)
        #expect(digests.sha256Hex(Data(vector.message)) == vector.digest)
    }

    @Test("HMAC-SHA256 matches the RFC 4231 test cases", arguments: hmacVectors)
    func hmac(_ vector: Vector) {
        let result = OpenSSLDigests().hmacSHA256(key: Data(vector.key), message: Data(vector.message))
        #expect(result.count == 32)
        #expect(result.hexString == vector.digest)
    }

    @Test("an empty HMAC key and message still give the known digest")
    func emptyKey() {
        let result = OpenSSLDigests().hmacSHA256Hex(key: "", message: "")
        #expect(result == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test("a digest of a slice hashes only the slice")
    func slice() {
        let whole = Data("xxabcxx".utf8)
        let digest = OpenSSLDigests().sha256(whole[2..<5])
        #expect(digest.hexString == Self.sha256Vectors[0].digest)
    }
}
