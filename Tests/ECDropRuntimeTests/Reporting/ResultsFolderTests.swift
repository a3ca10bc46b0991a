import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("Results folder")
struct ResultsFolderTests {
    func document(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("each job's result file matches the journal, and the manifest summary names every job")
    func filesMatchJournal() async throws {
        let harness = try PipelineHarness()
        let receipt = try await harness.submit(FakeJobPlanner.manifest(rules: ["a", "b"]), origin: "/drop/w.json")
        try await harness.drive()
        let folder = ResultsFolder(folder: harness.resultsFolder)
        for job in try await harness.jobs() {
            let result = try document(folder.path(forJob: job.id))
            #expect(result["schema"] as? String == "ecdrop.result/v1")
            #expect(result["state"] as? String == job.state.rawValue)
            #expect(result["image_id"] as? String == job.imageId)
            #expect(result["progress"] as? Int == 100)
            #expect((result["manifest"] as? [String: Any])?["path"] as? String == "/drop/w.json")
            #expect((result["build"] as? [String: Any])?["run_id"] as? String == "r1")
            #expect((result["request_ids"] as? [String])?.isEmpty == false)
        }
        let summary = try document(folder.path(forManifest: receipt.manifestId))
        let lines = try #require(summary["jobs"] as? [[String: Any]])
        #expect(Set(lines.compactMap { $0["job_id"] as? String }) == Set(receipt.jobIds))
        #expect(lines.allSatisfy { $0["state"] as? String == "available" })
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: harness.resultsFolder).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    @Test("a failed job's result file carries the error's reason, code and message")
    func failedJob() async throws {
        let harness = try PipelineHarness()
        await harness.ecd.script("UploadImage", [.fail(FakeImageService.rejected("UploadImage"))])
        _ = try await harness.submit(FakeJobPlanner.manifest())
        try await harness.drive()
        let job = try #require(try await harness.jobs().first)
        let error = try #require(
            try document(ResultsFolder(folder: harness.resultsFolder).path(forJob: job.id))["error"] as? [String: Any])
        #expect(error["reason"] as? String == "rejected")
        #expect(error["code"] as? String == "ecd.InvalidParameter.OssObjectPath")
        #expect((error["message"] as? String)?.contains("OSS object") == true)
    }

    @Test("a result file the agent did not get to write is written by the next start")
    func staleFilesRewritten() async throws {
        let harness = try PipelineHarness()
        _ = try await harness.submit(FakeJobPlanner.manifest())
        let job = try #require(try await harness.jobs().first)
        let path = ResultsFolder(folder: harness.resultsFolder).path(forJob: job.id)
        #expect(!FileManager.default.fileExists(atPath: path))
        try await harness.engine().flushResults()
        #expect(try document(path)["state"] as? String == "pending")
        #expect(try await harness.store.jobsWithStaleResults(limit: 10).isEmpty)
    }

    @Test("writing into a folder that cannot exist fails with the path and the failed call")
    func unwritable() throws {
        let error = #expect(throws: FileWriteError.self) {
            try AtomicFile.write(Data("x".utf8), to: "/proc/ecdrop-no-such/x.json")
        }
        #expect(error?.code == "file.write_failed")
        #expect(error?.message.contains("/proc/ecdrop-no-such/x.json") == true)
    }

    @Test("files written together all land whole, with no temporary file left beside them")
    func writesTogether() throws {
        let folder = try TemporaryFolder("atomic")
        try AtomicFile.write([(Data("one".utf8), folder.path("a.json")), (Data("two".utf8), folder.path("b.json"))])
        #expect(try String(contentsOfFile: folder.path("a.json"), encoding: .utf8) == "one")
        #expect(try String(contentsOfFile: folder.path("b.json"), encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.json", "b.json"])
    }

    @Test("when a later file of a batch fails, the error names it and the earlier file is in place")
    func laterFileFails() throws {
        let folder = try TemporaryFolder("atomic")
        let missing = folder.path("no-such-folder/b.json")
        let error = #expect(throws: FileWriteError.self) {
            try AtomicFile.write([(Data("one".utf8), folder.path("a.json")), (Data("two".utf8), missing)])
        }
        #expect(error?.path == missing)
        #expect(try String(contentsOfFile: folder.path("a.json"), encoding: .utf8) == "one")
    }
}
