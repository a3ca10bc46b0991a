import ECDropCrypto
import Foundation
import Testing

@Suite("SecureRandom from libcrypto")
struct SecureRandomTests {
    @Test("returns exactly the number of bytes asked for", arguments: [0, 1, 16, 32, 1000])
    func length(_ count: Int) throws {
        #expect(try SecureRandom.bytes(count).count == count)
        #expect(try SecureRandom.hex(count).count == count * 2)
    }

    @Test("never repeats a 16-byte value across many draws")
    func noRepeats() throws {
        var seen = Set<Data>()
        for _ in 0..<1000 { seen.insert(try SecureRandom.bytes(16)) }
        #expect(seen.count == 1000)
    }

    @Test("uses every byte value over a large sample")
    func coverage() throws {
        let sample = try SecureRandom.bytes(64 * 1024)
        #expect(Set(sample).count == 256)
        // 64 KiB of uniform bytes has about 256 of each value; a stuck generator would not.
        let zeros = sample.filter { $0 == 0 }.count
        #expect(zeros > 64 && zeros < 1024)
    }

    @Test("hex output is lowercase hexadecimal")
    func hexDigits() throws {
        let text = try SecureRandom.hex(64)
        #expect(text.allSatisfy { "0123456789abcdef".contains($0) })
    }
}
