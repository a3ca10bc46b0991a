import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("jobs list, show and retry")
struct JobsCommandTests {
    let folder: TemporaryFolder
    let config: String

    init() throws {
        folder = try TemporaryFolder("jobs-command")
        config = folder.path("ecdrop.yaml")
        let text = """
            state_dir: \(folder.path("state"))
            results:
              folder: \(folder.path("results"))
            webhook:
              listen: null

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: config))
    }

    /// A journal with one available job and one failed job (the upload was rejected).
    func seedJournal() async throws -> (available: Job, failed: Job) {
        try FileManager.default.createDirectory(atPath: folder.path("state"), withIntermediateDirectories: true)
        var harness = try PipelineHarness()
        let store = try SQLiteJobStore(path: folder.path("state/journal.sqlite"))
        harness.useStore(store)
        await harness.ecd.script("UploadImage", [.fail(FakeImageService.rejected("UploadImage"))])
        _ = try await harness.submit(FakeJobPlanner.manifest(rules: ["a"]))
        try await harness.drive()
        _ = try await harness.submit(FakeJobPlanner.manifest(rules: ["b"]))
        try await harness.drive()
        let failed = try #require(try await store.jobs(JobFilter(states: [.failed])).first)
        let available = try #require(try await store.jobs(JobFilter(states: [.available])).first)
        return (available, failed)
    }

    func run(_ words: [String]) async -> (Int32, String) {
        let output = BufferedOutput()
        let status = await EntryPoint.main(words + ["--config", config], output: output, environment: [:])
        return (status, output.text)
    }

    @Test("jobs list shows every job, and --state narrows it")
    func list() async throws {
        let (available, failed) = try await seedJournal()
        let (status, text) = await run(["jobs", "list"])
        #expect(status == 0)
        #expect(text.contains(available.id) && text.contains(failed.id))
        let (_, onlyFailed) = await run(["jobs", "list", "--state", "failed"])
        #expect(onlyFailed.contains(failed.id) && !onlyFailed.contains(available.id))
        let (_, json) = await run(["jobs", "list", "--json", "--state", "available"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["jobs"] as? [[String: Any]])?.first?["job_id"] as? String == available.id)
    }

    @Test("a misspelt --state is a usage error with a suggestion")
    func badState() async throws {
        _ = try await seedJournal()
        let (status, _) = await run(["jobs", "list", "--state", "faild"])
        #expect(status == ExitCode.usage.rawValue)
    }

    @Test("jobs show prints the job, its error and its history")
    func show() async throws {
        let (_, failed) = try await seedJournal()
        let (status, text) = await run(["jobs", "show", failed.id])
        #expect(status == 0)
        #expect(text.contains("state: failed"))
        #expect(text.contains("rejected ecd.InvalidParameter.OssObjectPath"))
        #expect(text.contains("pending -> uploading"))
        #expect(await run(["jobs", "show", "job-nope"]).0 == ExitCode.noInput.rawValue)
    }

    @Test("jobs retry puts a failed job back to pending as a new attempt; other jobs are refused")
    func retry() async throws {
        let (available, failed) = try await seedJournal()
        let (status, text) = await run(["jobs", "retry", failed.id])
        #expect(status == 0)
        #expect(text.contains("attempt 2"))
        let (_, shown) = await run(["jobs", "show", failed.id])
        #expect(shown.contains("state: pending"))
        #expect(await run(["jobs", "retry", available.id]).0 == ExitCode.usage.rawValue)
    }

    @Test("without a journal the jobs commands say where they looked")
    func noJournal() async {
        let (status, _) = await run(["jobs", "list"])
        #expect(status == ExitCode.noInput.rawValue)
    }
}
