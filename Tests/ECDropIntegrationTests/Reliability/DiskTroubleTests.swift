import ECDropTesting
import Foundation
import Testing

/// Disk trouble while the real daemon runs: a results folder that is read-only or full, and a
/// state folder removed from under it. Each time the daemon must log one clear error naming
/// the path and the fix, keep running, lose no manifest, and recover once the disk is fixed.
@Suite("Disk trouble (ecdrop run)", .serialized)
struct DiskTroubleTests {
    /// Manifests in by both ways, jobs finished although no result file can be written, one
    /// error line, then the files once `fix` has run.
    func resultsRecover(
        _ scenario: DiskTroubleScenario, reason: String, hint: String, fix: () throws -> Void
    ) async throws {
        try await scenario.start()
        #expect(try await scenario.post("posted").status == 202)
        try scenario.drop("dropped")
        #expect(try await scenario.waitUntilAvailable(["posted", "dropped"]), "jobs unfinished: \(scenario.log)")
        #expect(scenario.exists("drop/processed/dropped.json"), "the dropped manifest was not taken")

        let errors = scenario.logLines("level=error", "msg=\"result file not written\"")
        #expect(errors.count == 1, "one error line for the whole outage, not one per file: \(errors)")
        let line = errors.first ?? ""
        #expect(line.contains("results.folder=\(scenario.path(scenario.results))"))
        #expect(line.contains(reason), "the system's reason is named: \(line)")
        #expect(line.contains(hint), "the fix is named: \(line)")
        #expect(scenario.resultState("posted") == nil)
        #expect(scenario.daemon?.process.isRunning == true)

        try fix()
        #expect(
            try await scenario.eventually {
                scenario.resultState("posted") == "available" && scenario.resultState("dropped") == "available"
            }, "no result files after the folder was fixed: \(scenario.log)")
        #expect(await scenario.daemon?.waitForLog("msg=\"results folder writable again\"") == true)
        let uploads = try await scenario.uploads()
        #expect(uploads == ["disk-posted": 1, "disk-dropped": 1])
        #expect(await scenario.stop() == 0)
    }

    @Test(
        "a read-only results folder (read-only mount) is logged once, and its files appear once it is writable",
        .enabled(if: ScratchMount.permitted, ScratchMount.skipReason))
    func readOnlyResults() async throws {
        let scenario = try await DiskTroubleScenario("ecdrop-results-ro")
        let mount = try ScratchMount(tmpfsAt: scenario.path("results"), size: "1m")
        defer { try? mount.unmount() }
        try mount.remount(readOnly: true)
        try await resultsRecover(scenario, reason: "Read-only file system", hint: "remount") {
            try mount.remount(readOnly: false)
        }
    }

    @Test(
        "a full results folder (a 64 KiB tmpfs) is logged once, and its files appear once there is space",
        .enabled(if: ScratchMount.permitted, ScratchMount.skipReason))
    func fullResults() async throws {
        let scenario = try await DiskTroubleScenario("ecdrop-results-full")
        let mount = try ScratchMount(tmpfsAt: scenario.path("results"), size: "64k")
        defer { try? mount.unmount() }
        #expect(mount.fill("filler") > 0)
        try await resultsRecover(scenario, reason: "No space left on device", hint: "free space") {
            try FileManager.default.removeItem(atPath: scenario.path("results/filler"))
        }
    }

    @Test("a results folder whose parent is a plain file is logged once, and its files appear once it can be made")
    func resultsUnderAFile() async throws {
        let scenario = try await DiskTroubleScenario("ecdrop-results-enotdir", results: "blocker/results")
        try Data("a file, not a folder\n".utf8).write(to: URL(fileURLWithPath: scenario.path("blocker")))
        try await resultsRecover(scenario, reason: "Not a directory", hint: "not a folder") {
            try FileManager.default.removeItem(atPath: scenario.path("blocker"))
        }
    }

    @Test("a removed state folder is written back from the open journal, and intake goes on")
    func removedStateWrittenBack() async throws {
        let scenario = try await DiskTroubleScenario("ecdrop-state-removed")
        try await scenario.start()
        #expect(try await scenario.post("before").status == 202)
        #expect(try await scenario.waitUntilAvailable(["before"]))

        try FileManager.default.removeItem(atPath: scenario.path("state"))
        #expect(try await scenario.post("after").status == 202)
        try scenario.drop("dropped-after")
        #expect(try await scenario.waitUntilAvailable(["before", "after", "dropped-after"]), "\(scenario.log)")
        #expect(scenario.exists("state/journal.sqlite"))
        let warned = scenario.logLines("msg=\"journal removed, written back\"")
        #expect(warned.count == 1)
        #expect(warned.first?.contains("journal.path=\(scenario.path("state/journal.sqlite"))") == true)

        // The file written back is the journal from now on: a restart finds every job in it.
        #expect(await scenario.stop() == 0)
        try await scenario.start()
        #expect(try await scenario.jobStates().count == 3)
        #expect(try await scenario.uploads() == ["disk-before": 1, "disk-after": 1, "disk-dropped-after": 1])
        #expect(await scenario.stop() == 0)
    }

    @Test(
        "while the state folder cannot be made again, the webhook answers 503 with Retry-After and dropped files wait"
    )
    func stateBlockedRefusesIntake() async throws {
        let scenario = try await DiskTroubleScenario("ecdrop-state-blocked")
        try await scenario.start()
        #expect(try await scenario.post("before").status == 202)
        #expect(try await scenario.waitUntilAvailable(["before"]))

        // A plain file where state_dir was: the folder cannot be created again.
        try FileManager.default.removeItem(atPath: scenario.path("state"))
        try Data("not a folder\n".utf8).write(to: URL(fileURLWithPath: scenario.path("state")))
        let refused = try await scenario.post("blocked-posted")
        #expect(refused.status == 503)
        #expect(refused.headers["Retry-After"] as? String == "30")
        let error = refused.body["error"] as? [String: Any]
        #expect(error?["code"] as? String == "manifest.journal")
        #expect((error?["message"] as? String)?.contains(scenario.path("state/journal.sqlite")) == true)
        try scenario.drop("blocked-dropped")
        #expect(
            await scenario.daemon?.waitForLog(
                "msg=\"drop manifest not taken, will retry\"", "blocked-dropped.json") == true)
        #expect(scenario.exists("drop/blocked-dropped.json"), "the dropped file stays until it can be journaled")
        #expect(try await scenario.readiness() == 503)
        let errors = scenario.logLines("level=error", "msg=\"journal not in place\"")
        #expect(errors.count == 1, "logged once: \(errors)")
        #expect(errors.first?.contains("state_dir a writable folder again") == true)
        #expect(scenario.daemon?.process.isRunning == true)

        try FileManager.default.removeItem(atPath: scenario.path("state"))
        #expect(
            try await scenario.eventually { try await scenario.post("blocked-posted").status == 202 },
            "the webhook did not accept again: \(scenario.log)")
        #expect(
            try await scenario.waitUntilAvailable(["before", "blocked-posted", "blocked-dropped"]), "\(scenario.log)")
        #expect(scenario.exists("drop/processed/blocked-dropped.json"))
        #expect(try await scenario.readiness() == 200)
        #expect(
            try await scenario.uploads() == ["disk-before": 1, "disk-blocked-posted": 1, "disk-blocked-dropped": 1])
        #expect(await scenario.stop() == 0)
        try await scenario.start()
        #expect(try await scenario.jobStates().count == 3)
        #expect(await scenario.stop() == 0)
    }

    @Test("an import that ends while the state folder cannot be made is recorded once it can, with one upload")
    func stateBlockedDuringImport() async throws {
        let scenario = try await DiskTroubleScenario("ecdrop-state-import", importSeconds: 3)
        try await scenario.start()
        #expect(try await scenario.post("importing").status == 202)
        #expect(await scenario.daemon?.waitForLog("msg=\"job moved\"", "job.state=importing") == true)

        try FileManager.default.removeItem(atPath: scenario.path("state"))
        try Data("not a folder\n".utf8).write(to: URL(fileURLWithPath: scenario.path("state")))
        // The follower keeps polling; what it learns cannot be saved yet.
        #expect(await scenario.daemon?.waitForLog("level=error", "msg=\"journal not in place\"") == true)
        #expect(
            try await scenario.eventually { try await scenario.uploads()["disk-importing"] == 1 },
            "the upload itself happened before the trouble")
        #expect(try await scenario.jobStates()["disk-importing"] == "importing")

        try FileManager.default.removeItem(atPath: scenario.path("state"))
        #expect(try await scenario.waitUntilAvailable(["importing"]), "\(scenario.log)")
        #expect(scenario.logLines("level=error", "msg=\"journal not in place\"").count == 1)
        #expect(scenario.logLines("level=error", "msg=\"job not saved\"").isEmpty, "logged once, by the journal")
        #expect(try await scenario.uploads() == ["disk-importing": 1])
        #expect(await scenario.stop() == 0)
        try await scenario.start()
        #expect(try await scenario.jobStates() == ["disk-importing": "available"])
        #expect(await scenario.stop() == 0)
    }

    @Test("another file put where the journal was is not written into; once it is moved away the journal comes back")
    func journalReplaced() async throws {
        let scenario = try await DiskTroubleScenario("ecdrop-journal-replaced")
        try await scenario.start()
        #expect(try await scenario.post("before").status == 202)
        #expect(try await scenario.waitUntilAvailable(["before"]))

        let journal = scenario.path("state/journal.sqlite")
        #expect(rename(journal, scenario.path("state/moved-aside.sqlite")) == 0)
        try Data("someone else's file\n".utf8).write(to: URL(fileURLWithPath: journal))
        let refused = try await scenario.post("replaced")
        #expect(refused.status == 503)
        let message = (refused.body["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message.contains(journal) && message.contains("move that file away"), "\(message)")
        #expect(try String(contentsOfFile: journal, encoding: .utf8) == "someone else's file\n")

        try FileManager.default.removeItem(atPath: journal)
        #expect(try await scenario.eventually { try await scenario.post("replaced").status == 202 })
        #expect(try await scenario.waitUntilAvailable(["before", "replaced"]), "\(scenario.log)")
        #expect(scenario.logLines("level=error", "msg=\"journal not in place\"").count == 1)
        #expect(await scenario.stop() == 0)
        try await scenario.start()
        #expect(try await scenario.jobStates().count == 2)
        #expect(try await scenario.uploads() == ["disk-before": 1, "disk-replaced": 1])
        #expect(await scenario.stop() == 0)
    }
}
