import ECDropTesting
import Foundation
import Testing

/// The CI-sized reliability suite: a few kill -9 rounds while manifests flow through the
/// webhook and a drop folder, the same with 30% simulator faults, hostile clients, and a secrets
/// scan, run by chaos/chaos.py against the built binary and the real simulator. Disk trouble
/// runs as DiskTroubleTests here; `chaos/run` is the long variant with every section.
@Suite("Reliability suite (CI size)", .serialized)
struct ReliabilitySuiteTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let python = "/usr/bin/python3"

    struct Report: Decodable {
        struct Crash: Decodable {
            var manifests: Int
            var posted: Int
            var dropped: Int
            var answered: Int
            var jobs: Int
            var final: Int
            var doubled: [String: Int]
            var not_uploaded: [String]
            var without_job: [String]
            var unknown_uploads: [String]
            var left_in_drop: [String]
            var set_aside: [String]
            var ok: Bool
        }
        struct Hostile: Decodable {
            var checks: [String: Bool]
        }
        var crash: Crash
        var faults: Crash
        var hostile: Hostile
        var leaks: [String]
    }

    static func runSuite() throws -> Report {
        let binary = try BuiltBinary.path()
        let script = repository.appendingPathComponent("chaos/chaos.py").path
        let result = try ProcessRunner.run(
            python,
            [
                script, "--ecdrop", binary, "--rounds", "4", "--manifests", "6", "--fault-rate", "0.3", "--seed", "7",
                "--only", "crash,faults,hostile", "--json",
            ], timeout: 900)
        let line = result.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        guard let report = try? JSONDecoder().decode(Report.self, from: Data(line.utf8)) else {
            Issue.record("chaos.py printed no report; status \(result.status): \(result.standardError.suffix(800))")
            throw CancellationError()
        }
        return report
    }

    @Test(
        "after kill -9 rounds and faults, manifests posted and dropped all have a final job, one upload each, no leak",
        .enabled(if: FileManager.default.isExecutableFile(atPath: python)))
    func suite() throws {
        let report = try Self.runSuite()
        for (name, run) in [("crash", report.crash), ("faults", report.faults)] {
            #expect(
                run.posted > 0 && run.dropped > 0, "\(name): both ways in: \(run.posted) posted, \(run.dropped) dropped"
            )
            #expect(run.answered == run.manifests, "\(name): manifests never accepted")
            #expect(run.jobs == run.manifests, "\(name): one job per manifest")
            #expect(run.without_job.isEmpty, "\(name): manifests without a job: \(run.without_job)")
            #expect(run.unknown_uploads.isEmpty, "\(name): uploads no job asked for: \(run.unknown_uploads)")
            #expect(run.left_in_drop.isEmpty, "\(name): files never taken from the drop folder: \(run.left_in_drop)")
            #expect(run.set_aside.isEmpty, "\(name): dropped manifests refused: \(run.set_aside)")
            #expect(run.final == run.jobs, "\(name): jobs left unfinished")
            #expect(run.doubled.isEmpty, "\(name): uploaded twice: \(run.doubled)")
            #expect(run.not_uploaded.isEmpty, "\(name): never uploaded: \(run.not_uploaded)")
            #expect(run.ok, "\(name): chaos.py's own verdict")
        }
        for (check, passed) in report.hostile.checks.sorted(by: { $0.key < $1.key }) {
            #expect(passed, "hostile clients: \(check)")
        }
        #expect(report.hostile.checks.count >= 7)
        #expect(report.leaks.isEmpty, "secrets found: \(report.leaks)")
    }
}
