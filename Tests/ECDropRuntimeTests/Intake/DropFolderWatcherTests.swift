import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("The drop-folder watcher, on real folders")
struct DropFolderWatcherTests {
    @Test("a file closed after writing is delivered once and moved to processed/")
    func closeWrite() async throws {
        let harness = try DropFolderHarness()
        try await withTestDeadline(20) {
            await harness.watcher.waitUntilWatching()
            try harness.write("build.json", manifest)
            await harness.sink.waitForAccepted(1)
            await harness.watcher.waitUntilIdle()
        }
        #expect(await harness.sink.acceptedOrigins == [harness.path("build.json")])
        #expect(await harness.sink.accepted.first?.source == .drop)
        #expect(harness.names() == [])
        #expect(harness.names(in: "processed") == ["build.json"])
        let taken = harness.logs.entries.first { $0.message == "manifest taken" }
        #expect(taken?.level == .info)
        #expect(taken?.metadata["manifest.id"] == "m-1")
        #expect(taken?.metadata["drop.path"] == .string(harness.path("build.json")))
        #expect(taken?.metadata["jobs"] == 1)
        await harness.stop()
    }

    @Test("a file renamed into the folder is delivered")
    func moveIn() async throws {
        let harness = try DropFolderHarness()
        try await withTestDeadline(20) {
            await harness.watcher.waitUntilWatching()
            try harness.moveIn("moved.json", manifest)
            await harness.sink.waitForAccepted(1)
        }
        #expect(await harness.sink.acceptedOrigins == [harness.path("moved.json")])
        await harness.stop()
    }

    @Test("hidden files, temporary names and other extensions are left alone")
    func ignoredNames() async throws {
        let harness = try DropFolderHarness()
        let ignored = [".hidden.json", "a.json.tmp", "b.json.part", "c.json~", "notes.txt"]
        try await withTestDeadline(20) {
            await harness.watcher.waitUntilWatching()
            for name in ignored { try harness.write(name, manifest) }
            // Events come in order: once the last file is delivered, the others were seen.
            try harness.write("real.json", manifest)
            await harness.sink.waitForAccepted(1)
            await harness.watcher.waitUntilIdle()
        }
        #expect(await harness.sink.calls == 1)
        #expect(await harness.sink.acceptedOrigins == [harness.path("real.json")])
        #expect(harness.names() == ignored.sorted())
        await harness.stop()
    }

    @Test("a Packer-style rewrite in place within the settle delay ends as one delivery of the last version")
    func rewriteInPlace() async throws {
        let harness = try DropFolderHarness(settle: 1.0)
        let final = manifest.replacingOccurrences(of: "r1", with: "r2")
        try await withTestDeadline(20) {
            await harness.watcher.waitUntilWatching()
            try harness.write("packer-manifest.json", manifest)
            try harness.write("packer-manifest.json", final)
            await harness.sink.waitForAccepted(1)
            await harness.watcher.waitUntilIdle()
        }
        let delivered = await harness.sink.accepted
        #expect(delivered.count == 1)
        #expect(delivered.first.map { String(decoding: $0.bytes, as: UTF8.self) } == final)
        await harness.stop()
    }

    @Test("files already in the folder at start are delivered")
    func presentAtStart() async throws {
        let harness = try DropFolderHarness { folder in
            for index in 0..<3 {
                try Data(manifest.utf8).write(to: URL(fileURLWithPath: folder + "/old\(index).json"))
            }
        }
        try await withTestDeadline(20) { await harness.sink.waitForAccepted(3) }
        #expect(Set(await harness.sink.acceptedOrigins) == Set((0..<3).map { harness.path("old\($0).json") }))
        await harness.stop()
    }

    @Test("an overflow makes the watcher list the folder again and find what no event announced")
    func overflowRescan() async throws {
        let harness = try DropFolderHarness()
        try await withTestDeadline(20) {
            await harness.watcher.waitUntilWatching()
            // A hard link raises only `create`, which does not count: only a rescan can find it.
            let staging = harness.root + "/linked.json"
            try Data(manifest.utf8).write(to: URL(fileURLWithPath: staging))
            try FileManager.default.linkItem(atPath: staging, toPath: harness.path("linked.json"))
            await harness.watcher.watch?.simulate(.overflow)
            await harness.sink.waitForAccepted(1)
        }
        #expect(await harness.sink.acceptedOrigins == [harness.path("linked.json")])
        #expect(await harness.watcher.rescanCount == 1)
        #expect(harness.logged("drop folder events overflowed, rescanning"))
        await harness.stop()
    }

    @Test("a truncated document waits for the next write and is delivered once complete")
    func incompleteThenComplete() async throws {
        let harness = try DropFolderHarness()
        try await withTestDeadline(20) {
            await harness.watcher.waitUntilWatching()
            try harness.write("slow.json", String(manifest.prefix(20)))
            while await harness.sink.calls < 1 { try await Task.sleep(nanoseconds: 20_000_000) }
            await harness.watcher.waitUntilIdle()
            try harness.write("slow.json", manifest)
            await harness.sink.waitForAccepted(1)
            await harness.watcher.waitUntilIdle()
        }
        #expect(await harness.sink.calls == 2)
        #expect(harness.names(in: "processed") == ["slow.json"])
        #expect(harness.names(in: "failed") == [])
        await harness.stop()
    }

    @Test("a document still truncated after the incomplete timeout goes to failed/ with its error document")
    func incompleteTimesOut() async throws {
        let harness = try DropFolderHarness(incompleteTimeout: 0.5)
        let report = try await withTestDeadline(20) {
            await harness.watcher.waitUntilWatching()
            try harness.write("stuck.json", "{\"builds\": [")
            let reportPath = harness.folder + "/failed/stuck.json.error.json"
            while !FileManager.default.fileExists(atPath: reportPath) {
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            return try DropFolderHarness.report(reportPath)
        }
        #expect(report.code == "drop.incomplete_timeout")
        #expect(report.message.contains("stuck.json"))
        #expect(report.hint.contains("temporary name"))
        #expect(report.file == harness.path("stuck.json"))
        #expect(harness.names(in: "failed") == ["stuck.json", "stuck.json.error.json"])
        #expect(await harness.sink.accepted.isEmpty)
        await harness.stop()
    }

    @Test("an invalid manifest goes to failed/ with an error document naming the problem and the fix")
    func invalidToFailed() async throws {
        let harness = try DropFolderHarness()
        let report = try await withTestDeadline(20) {
            await harness.watcher.waitUntilWatching()
            try harness.write("bad.json", "not json at all")
            let reportPath = harness.folder + "/failed/bad.json.error.json"
            while !FileManager.default.fileExists(atPath: reportPath) {
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            return try DropFolderHarness.report(reportPath)
        }
        #expect(report.code == "manifest.invalid")
        #expect(report.message.contains("not JSON"))
        #expect(report.hint.contains("fix the JSON"))
        #expect(!report.at.isEmpty)
        #expect(harness.names() == [])
        #expect(harness.logs.entries.contains { $0.message == "manifest refused" && $0.level == .warning })
        await harness.stop()
    }

    @Test("after: delete removes the delivered file; after: keep leaves it and a rescan does not repeat it")
    func afterActions() async throws {
        let deleting = try DropFolderHarness(after: .delete)
        try await withTestDeadline(20) {
            await deleting.watcher.waitUntilWatching()
            try deleting.write("gone.json", manifest)
            await deleting.sink.waitForAccepted(1)
            await deleting.watcher.waitUntilIdle()
        }
        #expect(deleting.names() == [])
        #expect(deleting.names(in: "processed") == [])
        await deleting.stop()

        let keeping = try DropFolderHarness(after: .keep)
        try await withTestDeadline(20) {
            await keeping.watcher.waitUntilWatching()
            try keeping.write("kept.json", manifest)
            await keeping.sink.waitForAccepted(1)
            await keeping.watcher.waitUntilIdle()
            await keeping.watcher.watch?.simulate(.overflow)
            try keeping.write("next.json", manifest)
            await keeping.sink.waitForAccepted(2)
        }
        #expect(await keeping.sink.acceptedOrigins == [keeping.path("kept.json"), keeping.path("next.json")])
        #expect(keeping.names() == ["kept.json", "next.json"])
        await keeping.stop()
    }

    @Test("a name already taken in processed/ is not overwritten")
    func processedCollision() async throws {
        let harness = try DropFolderHarness { folder in
            try FileManager.default.createDirectory(atPath: folder + "/processed", withIntermediateDirectories: true)
            try Data("earlier".utf8).write(to: URL(fileURLWithPath: folder + "/processed/build.json"))
        }
        try await withTestDeadline(20) {
            await harness.watcher.waitUntilWatching()
            try harness.write("build.json", manifest)
            await harness.sink.waitForAccepted(1)
            await harness.watcher.waitUntilIdle()
        }
        #expect(harness.names(in: "processed") == ["build-2.json", "build.json"])
        #expect(harness.text(harness.folder + "/processed/build.json") == "earlier")
        #expect(harness.text(harness.folder + "/processed/build-2.json") == manifest)
        await harness.stop()
    }

    @Test(
        "a busy or failing sink leaves the file in place and it is delivered on a later try",
        arguments: [
            IntakeError(.queueFull, "the queue is full") as any Error,
            IntakeError(.journal, "the journal is locked"),
            GeneralError(code: "journal.io", message: "disk I/O error"),
        ])
    func retries(error: any Error) async throws {
        let sink = RecordingManifestSink()
        await sink.failNext([error, error])
        let harness = try DropFolderHarness(sink: sink)
        try await withTestDeadline(20) {
            await harness.watcher.waitUntilWatching()
            try harness.write("later.json", manifest)
            await harness.sink.waitForAccepted(1)
        }
        #expect(await sink.calls == 3)
        #expect(harness.logs.entries.filter { $0.level == .warning }.count == 2)
        #expect(harness.names(in: "failed") == [])
        await harness.stop()
    }

    @Test("a deleted and recreated folder is watched again, and its files delivered")
    func folderDeletedAndRecreated() async throws {
        let harness = try DropFolderHarness()
        try await withTestDeadline(20) {
            await harness.watcher.waitUntilWatching()
            try FileManager.default.removeItem(atPath: harness.folder)
            while !harness.logged("drop folder watch lost, retrying") {
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            try FileManager.default.createDirectory(atPath: harness.folder, withIntermediateDirectories: true)
            try harness.write("after.json", manifest)
            await harness.sink.waitForAccepted(1)
        }
        #expect(await harness.sink.acceptedOrigins == [harness.path("after.json")])
        #expect(harness.logged("drop folder watch restored"))
        let lost = harness.logs.entries.first { $0.message == "drop folder watch lost, retrying" }
        #expect(lost?.metadata["reason"]?.description.contains("delete_self") == true)
        await harness.stop()
    }

    @Test("a folder missing at start is reported and watched once it exists")
    func missingAtStart() async throws {
        let harness = try DropFolderHarness(createFolder: false)
        try await withTestDeadline(20) {
            while !harness.logged("drop folder watch failed, retrying") {
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            try FileManager.default.createDirectory(atPath: harness.folder, withIntermediateDirectories: true)
            try harness.write("first.json", manifest)
            await harness.sink.waitForAccepted(1)
        }
        let failure = harness.logs.entries.first { $0.message == "drop folder watch failed, retrying" }
        #expect(failure?.level == .warning)
        #expect(failure?.metadata["error.code"] == "inotify.not_found")
        await harness.stop()
    }
}

extension DropFolderHarness {
    static func report(_ path: String) throws -> DropFolderFailureReport {
        try JSONDecoder().decode(DropFolderFailureReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
