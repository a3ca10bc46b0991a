import ECDropCore
import Foundation
import Testing

@Suite("Durations, sizes and listen addresses in configuration")
struct DurationTextTests {
    @Test(
        "durations parse from the units people write",
        arguments: [
            ("2s", 2.0), ("500ms", 0.5), ("5m", 300), ("6h", 21_600), ("1d", 86_400), ("1h30m", 5_400),
            ("1.5s", 1.5), ("30", 30), ("0s", 0),
        ] as [(String, Double)])
    func parsesDurations(text: String, seconds: Double) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test("text that is not a duration is refused", arguments: ["", "s", "2x", "two seconds", "-1s", "5 m", "1h-2m"])
    func refusesNonDurations(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test(
        "durations print in their shortest exact form",
        arguments: [(90.0, "1m30s"), (0.25, "250ms"), (21_600, "6h"), (0, "0s"), (86_401, "1d1s")] as [(Double, String)]
    )
    func formatsDurations(seconds: Double, text: String) {
        #expect(DurationText.format(seconds) == text)
    }

    @Test(
        "sizes parse with binary and decimal units",
        arguments: [
            ("65536", 65_536), ("512KiB", 524_288), ("1MiB", 1_048_576), ("2MB", 2_000_000), ("1 GiB", 1 << 30),
        ]
            as [(String, Int)])
    func parsesSizes(text: String, bytes: Int) {
        #expect(ByteSizeText.parse(text) == bytes)
    }

    @Test("sizes with unknown units are refused", arguments: ["1mb", "MiB", "1.5MiB", "", "99999999999999999999GiB"])
    func refusesBadSizes(text: String) {
        #expect(ByteSizeText.parse(text) == nil)
    }

    @Test(
        "listen addresses accept host:port and bracketed IPv6",
        arguments: [("127.0.0.1:8787", "127.0.0.1", 8787), ("[::1]:0", "::1", 0), ("localhost:80", "localhost", 80)]
            as [(String, String, Int)])
    func parsesListenAddresses(text: String, host: String, port: Int) {
        let address = ListenAddress(text)
        #expect(address?.host == host)
        #expect(address?.port == port)
        #expect(address?.description == text)
    }

    @Test(
        "malformed listen addresses are refused", arguments: ["8787", ":8787", "host:", "::1:80", "h:70000", "[::1]80"])
    func refusesBadListenAddresses(text: String) {
        #expect(ListenAddress(text) == nil)
    }
}
