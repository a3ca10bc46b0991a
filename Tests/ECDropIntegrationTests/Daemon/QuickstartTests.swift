import ECDropTesting
import Foundation
import Testing

@Suite("The quickstart, headless")
struct QuickstartTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test("scripts/quickstart turns the seeded Packer manifest into an available image and a result file")
    func quickstartReachesAvailable() throws {
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "ECDROP_BIN": try BuiltBinary.path(), "QUICKSTART_EXIT_WHEN_DONE": "1",
            "QUICKSTART_SIMULATOR": "127.0.0.1:0", "QUICKSTART_WEBHOOK": "127.0.0.1:0",
            "QUICKSTART_IMPORT_SECONDS": "3",
        ]
        let result = try ProcessRunner.run(
            Self.root + "/scripts/quickstart", [], environment: environment, currentDirectory: Self.root, timeout: 150)
        #expect(result.status == 0, "quickstart failed:\n\(result.standardError)")
        for fragment in [
            "msg=\"ecdrop serving\"", "msg=\"manifest received\"", "job.state=importing", "job.state=available",
            "msg=\"import progress\"", "msg=\"result file written\"", "the seeded image is available",
            "msg=\"ecdrop stopped\"",
        ] {
            #expect(result.standardError.contains(fragment), "the quickstart log lacks \(fragment)")
        }
        let results = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/.quickstart/results")
        #expect(results.contains { $0.hasPrefix("job-") })
    }
}
