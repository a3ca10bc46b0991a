import ECDropCrypto
import Foundation
import Testing

@Suite("ConstantTime comparison")
struct ConstantTimeTests {
    struct Case: Sendable {
        var a: [UInt8]
        var b: [UInt8]
        var equal: Bool
    }

    static let cases: [Case] = [
        Case(a: [], b: [], equal: true),
        Case(a: [1, 2, 3], b: [1, 2, 3], equal: true),
        Case(a: [1, 2, 3], b: [1, 2, 4], equal: false),
        Case(a: [9, 2, 3], b: [1, 2, 3], equal: false),
        Case(a: [1, 2, 3], b: [1, 2], equal: false),
        Case(a: [], b: [0], equal: false),
        Case(a: [UInt8](repeating: 7, count: 4096), b: [UInt8](repeating: 7, count: 4096), equal: true),
        Case(a: [UInt8](repeating: 7, count: 4096), b: [UInt8](repeating: 7, count: 4095) + [8], equal: false),
    ]

    @Test("bytes compare equal only when length and every byte match", arguments: cases)
    func bytes(_ testCase: Case) {
        #expect(ConstantTime.equals(Data(testCase.a), Data(testCase.b)) == testCase.equal)
        #expect(ConstantTime.equals(Data(testCase.b), Data(testCase.a)) == testCase.equal)
    }

    @Test("strings compare by their UTF-8 bytes")
    func strings() {
        #expect(ConstantTime.equals("sha256=abc", "sha256=abc"))
        #expect(!ConstantTime.equals("sha256=abc", "sha256=abd"))
        #expect(!ConstantTime.equals("é", "e\u{301}"))
    }

    @Test("slices with a non-zero start compare by content")
    func slices() {
        let left = Data([0, 0, 5, 6])
        #expect(ConstantTime.equals(left[2...], Data([5, 6])))
    }
}
