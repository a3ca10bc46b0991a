import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

/// `ecdrop submit` as a real process against `ecdrop simulator` on loopback.
@Suite("ecdrop submit against the simulator", .serialized)
struct SubmitBinaryTests {
    @Test("two rules and two regions give four jobs and four available images; a repeat gives none")
    func fourImagesThenRepeat() async throws {
        let scenario = try SubmitScenario()
        let first = try scenario.submit()
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.split(separator: "\n").filter { $0.contains(" available ") }.count == 4)
        let uploads = try await scenario.uploads()
        #expect(uploads == Dictionary(uniqueKeysWithValues: SubmitScenario.imageNames.map { ($0, 2) }))
        let again = try scenario.submit()
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("seen before"))
        #expect(try await scenario.uploads() == uploads)
        #expect(try await scenario.jobs().count == 4)
    }

    @Test("result files match the journal, and the manifest summary names all four jobs")
    func resultFilesMatchJournal() async throws {
        let scenario = try SubmitScenario()
        #expect(try scenario.submit().status == 0)
        let jobs = try await scenario.jobs()
        let store = try SQLiteJobStore(path: scenario.journal)
        for job in jobs {
            let path = (scenario.results as NSString).appendingPathComponent("\(job.id).json")
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let document = try JSONDecoder().decode(ResultDocument.self, from: data)
            #expect(document == ResultDocument(job: job, manifest: try await store.manifest(id: job.manifestId)))
            #expect(document.state == job.state.rawValue)
            #expect(document.image_id == job.imageId)
            #expect(document.request_ids == job.requestIds)
            #expect(document.manifest.source == "submit")
        }
        let summaries = try FileManager.default.contentsOfDirectory(atPath: scenario.results).filter {
            $0.hasPrefix("man-")
        }
        #expect(summaries.count == 1)
    }

    @Test("throttling and 5xx answers are absorbed: exit 0, one upload per job")
    func absorbsFaults() async throws {
        let scenario = try SubmitScenario()
        try await scenario.fault(#"{"kind":"throttle","count":3}"#)
        try await scenario.fault(#"{"kind":"unavailable","count":2}"#)
        try await scenario.fault(#"{"kind":"internal","count":1,"action":"UploadImage"}"#)
        let result = try scenario.submit()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(try await scenario.uploads().values.reduce(0, +) == 4)
    }

    @Test("a hang after UploadImage was carried out ends with one image per job, not two")
    func hangAfterUpload() async throws {
        let scenario = try SubmitScenario(requestTimeout: "2s")
        try await scenario.fault(#"{"kind":"hang_after","count":1,"action":"UploadImage","hang_seconds":5}"#)
        let result = try scenario.submit()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            try await scenario.uploads() == Dictionary(uniqueKeysWithValues: SubmitScenario.imageNames.map { ($0, 2) }))
        let jobs = try await scenario.jobs()
        #expect(jobs.allSatisfy { $0.state == .available })
        let store = try SQLiteJobStore(path: scenario.journal)
        var adopted = 0
        for job in jobs where try await store.transitions(jobId: job.id).contains(where: { $0.note == "image adopted" })
        {
            adopted += 1
        }
        #expect(adopted == 1)
    }

    @Test("a deadline that passes fails the jobs cleanly: exit 1, reason deadline_passed in the result")
    func deadlinePasses() async throws {
        let scenario = try SubmitScenario(importSeconds: 600, deadline: "3s")
        let result = try scenario.submit()
        #expect(result.status == ExitCode.jobsFailed.rawValue)
        let jobs = try await scenario.jobs()
        #expect(jobs.count == 4)
        #expect(jobs.allSatisfy { $0.failure?.reason == .deadlinePassed })
        #expect(result.standardOutput.contains("deadline_passed"))
    }

    @Test("a manifest no rule matches exits 2; an unreadable one exits 65; --dry-run records nothing")
    func exitStatuses() async throws {
        let scenario = try SubmitScenario()
        try scenario.write(
            "manifest.json", SubmitScenario.manifest.replacingOccurrences(of: "\"golden\"", with: "\"other\""))
        #expect(try scenario.submit().status == ExitCode.noMatchingRule.rawValue)
        try scenario.write("manifest.json", "{\"builds\": 12}")
        #expect(try scenario.submit().status == ExitCode.dataError.rawValue)
        try scenario.write("manifest.json", SubmitScenario.manifest)
        let dry = try scenario.submit(extra: ["--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.standardOutput.contains("\"ImageName\" : \"alpha-win11-golden\""))
        #expect(try await scenario.uploads().isEmpty)
    }
}
