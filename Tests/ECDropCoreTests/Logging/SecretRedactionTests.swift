import ECDropCore
import Foundation
import Testing

@Suite("Secret redaction")
struct SecretRedactionTests {
    static let secret = Secret("s3cr3t-AccessKeySecret")

    @Test("a secret in log metadata renders as *** in every format", arguments: LogFormat.allCases)
    func inLogs(_ format: LogFormat) {
        let sink = MemoryLogSink()
        Logger(sink: sink).with(["ecd.access_key_secret": LogValue(Self.secret)]).info(
            "signed", ["k": LogValue(Self.secret)])
        let line = sink.rendered(format).joined()
        #expect(!line.contains(Self.secret.revealed))
        #expect(line.contains("***"))
    }

    @Test("a secret never prints through description, reflection, dump or encoding")
    func everywhere() throws {
        var dumped = ""
        dump(Self.secret, to: &dumped)
        let encoded = String(decoding: try JSONEncoder().encode(["key": Self.secret]), as: UTF8.self)
        let renderings = [
            "\(Self.secret)", String(describing: Self.secret), String(reflecting: Self.secret),
            "\([Self.secret])", "\(Optional(Self.secret) as Any)", dumped, encoded,
        ]
        for text in renderings {
            #expect(!text.contains(Self.secret.revealed), "leaked in: \(text)")
        }
        #expect(Self.secret.revealed == "s3cr3t-AccessKeySecret")
    }
}
