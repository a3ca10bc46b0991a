import ECDropCore
import Foundation
import Testing

@testable import ECDropRuntime

@Suite("Daemon lifecycle with fake parts")
struct DaemonTests {
    func daemon(
        pipeline: [any DaemonService], intake: [any DaemonService], rules: (any RuleSetReloading)? = nil,
        sink: MemoryLogSink, notifier: SystemdNotifier? = nil
    ) -> Daemon {
        var daemon = Daemon(
            pipeline: pipeline, intake: intake, rules: rules, shutdownGrace: 0.2,
            serving: ["webhook.listen": "127.0.0.1:1"], logger: Logger(level: .debug, sink: sink), notifier: notifier)
        daemon.rulesSettle = 0.1
        return daemon
    }

    @Test("parts start pipeline first and stop intake first, then the run returns")
    func startAndStopOrder() async throws {
        let record = EventRecord()
        let sink = MemoryLogSink()
        let (signals, send) = AsyncStream.makeStream(of: DaemonSignal.self)
        let subject = daemon(
            pipeline: [FakePart(name: "dispatcher", record: record), FakePart(name: "follower", record: record)],
            intake: [FakePart(name: "drop", record: record), FakePart(name: "webhook", record: record)], sink: sink)
        let run = Task { try await subject.run(signals: signals) }

        #expect(await record.wait { $0.count == 4 })
        #expect(
            sink.entries.contains { $0.message == "ecdrop serving" && $0.metadata["webhook.listen"] == "127.0.0.1:1" })
        send.yield(.stop(SIGTERM))
        try await run.value
        #expect(
            record.all == [
                "start dispatcher", "start follower", "start drop", "start webhook",
                "stop webhook grace=0.0", "stop drop grace=0.0", "stop follower grace=0.2", "stop dispatcher grace=0.2",
            ])
        #expect(sink.entries.contains { $0.message == "ecdrop stopping" && $0.metadata["signal"] == "SIGTERM" })
    }

    @Test("a part that cannot start stops the parts already started and fails the run")
    func failedStart() async throws {
        let record = EventRecord()
        let (signals, _) = AsyncStream.makeStream(of: DaemonSignal.self)
        let subject = daemon(
            pipeline: [FakePart(name: "pipeline", record: record)],
            intake: [FakePart(name: "webhook", record: record, failsToStart: true)], sink: MemoryLogSink())
        await #expect(throws: GeneralError.self) { try await subject.run(signals: signals) }
        #expect(record.all == ["start pipeline", "start-failed webhook", "stop pipeline grace=0.0"])
    }

    @Test("a pipeline part slower than the grace period does not hold the exit")
    func graceIsBounded() async throws {
        let record = EventRecord()
        let sink = MemoryLogSink()
        let (signals, send) = AsyncStream.makeStream(of: DaemonSignal.self)
        let subject = daemon(
            pipeline: [FakePart(name: "slow", record: record, stopDelay: 30)], intake: [], sink: sink)
        let run = Task { try await subject.run(signals: signals) }
        #expect(await record.wait { $0 == ["start slow"] })
        send.yield(.stop(SIGINT))
        try await run.value
        #expect(!record.all.contains { $0.hasPrefix("stop slow") })
        #expect(sink.entries.contains { $0.message == "part did not stop within the grace period" })
    }

    @Test("SIGHUP reloads the rules; a refused set is logged with every diagnostic and the old set stays")
    func reloadOnHangup() async throws {
        let record = EventRecord()
        let sink = MemoryLogSink()
        let folder = try ConfigTestFolder()
        let rules = FakeRules(folder: folder.path, record: record)
        let (signals, send) = AsyncStream.makeStream(of: DaemonSignal.self)
        let subject = daemon(pipeline: [], intake: [], rules: rules, sink: sink)
        let run = Task { try await subject.run(signals: signals) }
        #expect(await sink.wait { $0.contains { $0.message == "ecdrop serving" } })

        send.yield(.reload)
        #expect(await record.wait { $0 == ["reload"] })
        rules.setAccepting(false)
        send.yield(.reload)
        #expect(await record.wait { $0 == ["reload", "reload refused"] })
        #expect(
            await sink.wait { entries in
                entries.contains { $0.metadata["rules.diagnostic"]?.description.contains("bad.yaml:3:5") == true }
                    && entries.contains { $0.message == "rules reload refused; previous rules kept" }
            })
        send.yield(.stop(SIGTERM))
        try await run.value
    }

    @Test("a rename-save in the rules folder triggers a reload once the folder is quiet")
    func reloadOnRenameSave() async throws {
        let record = EventRecord()
        let sink = MemoryLogSink()
        let folder = try ConfigTestFolder()
        try folder.write("rules/a.yaml", "rules: []\n")
        let rules = FakeRules(folder: folder.path + "/rules", record: record)
        let (signals, send) = AsyncStream.makeStream(of: DaemonSignal.self)
        let subject = daemon(pipeline: [], intake: [], rules: rules, sink: sink)
        let run = Task { try await subject.run(signals: signals) }
        #expect(await sink.wait { $0.contains { $0.message == "ecdrop serving" } })
        // Give the watch a moment to be in place before the edit.
        try await Task.sleep(nanoseconds: 200_000_000)

        try folder.write("rules/.a.yaml.swp", "rules: [x]\n")
        try FileManager.default.moveItem(
            atPath: folder.path + "/rules/.a.yaml.swp", toPath: folder.path + "/rules/b.yaml")
        #expect(await record.wait { $0.contains("reload") })
        #expect(
            sink.entries.contains { $0.message == "rules reloaded" && $0.metadata["reason"] == "rules folder changed" })
        send.yield(.stop(SIGTERM))
        try await run.value
    }

    @Test("a symlinked rules folder swapped to a new target is noticed and reloaded")
    func reloadOnSymlinkSwap() async throws {
        let record = EventRecord()
        let sink = MemoryLogSink()
        let folder = try ConfigTestFolder()
        try folder.write("v1/a.yaml", "rules: []\n")
        try folder.write("v2/a.yaml", "rules: []\n")
        let link = folder.path + "/current"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder.path + "/v1")
        let rules = FakeRules(folder: link, record: record)
        let (signals, send) = AsyncStream.makeStream(of: DaemonSignal.self)
        let subject = daemon(pipeline: [], intake: [], rules: rules, sink: sink)
        let run = Task { try await subject.run(signals: signals) }
        #expect(await sink.wait { $0.contains { $0.message == "ecdrop serving" } })
        try await Task.sleep(nanoseconds: 200_000_000)

        // The atomic swap tools do: a new link beside the old, renamed over it.
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/next", withDestinationPath: folder.path + "/v2")
        #expect(rename(folder.path + "/next", link) == 0)
        #expect(await record.wait { $0.contains("reload") })
        let reloads = record.all.count

        // The watch now follows the new target.
        try folder.write("v2/b.yaml", "rules: []\n")
        #expect(await record.wait { $0.count > reloads })
        send.yield(.stop(SIGTERM))
        try await run.value
    }
}

extension MemoryLogSink {
    /// Waits (bounded) until the entries satisfy `condition`.
    func wait(seconds: Double = 10, until condition: ([LogEntry]) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(entries) { return true }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return condition(entries)
    }
}
