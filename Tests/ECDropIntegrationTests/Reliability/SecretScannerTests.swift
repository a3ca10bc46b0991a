import Foundation
import Testing

@Suite("Secret scanner used by the reliability suite")
struct SecretScannerTests {
    let scanner = SecretScanner(secrets: [("access key secret", "AKSECRET-123456"), ("webhook secret", "hook-s3cret")])

    @Test("a secret inside a log line is reported with its line")
    func findsSecretInText() {
        let text = "level=info msg=ok\nlevel=error msg=\"failed\" key=AKSECRET-123456\n"
        #expect(
            scanner.scan(text: text, place: "daemon.log") == [
                .init(secretName: "access key secret", place: "daemon.log", line: 2)
            ])
    }

    @Test("masked values are not leaks")
    func maskedIsClean() {
        #expect(scanner.scan(text: "secret=*** token=***", place: "log").isEmpty)
    }

    @Test("secrets inside files of a folder tree, binary ones included, are found")
    func findsSecretInFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("results"), withIntermediateDirectories: true)
        var row = Data([0, 1, 2, 255])
        row.append(Data("hook-s3cret".utf8))
        try row.write(to: root.appendingPathComponent("journal.sqlite"))
        try Data("{\"ok\":true}".utf8).write(to: root.appendingPathComponent("results/job.json"))

        let leaks = scanner.scan(directory: root)
        #expect(leaks.map(\.secretName) == ["webhook secret"])
        #expect(leaks.first?.place.hasSuffix("journal.sqlite") == true)
    }
}
