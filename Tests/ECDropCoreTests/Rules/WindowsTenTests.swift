import Foundation
import Testing

@testable import ECDropCore

@Suite("Spotting Windows 10 in names")
struct WindowsTenTests {
    static let pattern = #"(?i)win(dows)?[ _-]?10(?![0-9])"#

    @Test(
        "names that say Windows 10 are spotted, others are not",
        arguments: [
            ("win10", true), ("Windows 10", true), ("windows-10-ltsc", true), ("WIN_10", true), ("darwin10", true),
            ("win100", false), ("win11", false), ("windows 11", false), ("win 1 0", false), ("wi n10", false),
            ("win--10", false), ("windows", false), ("", false), ("golden-win10", true), ("win10x", true),
        ])
    func spots(_ name: String, _ expected: Bool) {
        #expect(WindowsTen.isMentioned(in: name) == expected)
    }

    @Test("the scanner agrees with the regular expression it replaces on 5,000 random names")
    func agreesWithThePattern() {
        var generator = SeededGenerator(seed: 42)
        let pieces = ["win", "WIN", "dows", "Dows", " ", "_", "-", "1", "0", "10", "2", "x", "é"]
        for _ in 0..<5_000 {
            let name = (0..<Int.random(in: 1...7, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let expected = name.range(of: Self.pattern, options: .regularExpression) != nil
            #expect(WindowsTen.isMentioned(in: name) == expected, "\(name)")
        }
    }
}

/// SplitMix64: the same names on every run.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
