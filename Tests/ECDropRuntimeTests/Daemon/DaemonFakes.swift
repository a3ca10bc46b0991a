import ECDropCore
import Foundation
import Synchronization

@testable import ECDropRuntime

/// What happened, in order, across fake parts.
final class EventRecord: Sendable {
    private let events = Mutex<[String]>([])

    func add(_ event: String) { events.withLock { $0.append(event) } }
    var all: [String] { events.withLock { $0 } }

    /// Waits (bounded: up to `seconds`) until `condition` holds over the events.
    func wait(seconds: Double = 10, until condition: ([String]) -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(all) { return true }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return condition(all)
    }
}

/// A part that records its start and stop; can refuse to start or be slow to stop.
struct FakePart: DaemonService {
    var name: String
    var record: EventRecord
    var failsToStart = false
    var stopDelay: Double = 0

    func start() async throws {
        if failsToStart {
            record.add("start-failed \(name)")
            throw GeneralError(code: "test.start", message: "\(name) cannot start")
        }
        record.add("start \(name)")
    }

    func stop(grace: TimeInterval) async {
        if stopDelay > 0 { try? await Task.sleep(nanoseconds: UInt64(stopDelay * 1_000_000_000)) }
        record.add("stop \(name) grace=\(grace)")
    }
}

/// Rules that reload as scripted: each reload takes the next outcome, refusing when it is false.
final class FakeRules: RuleSetReloading {
    let folder: String
    let record: EventRecord
    private let accept = Mutex(true)

    init(folder: String, record: EventRecord) {
        self.folder = folder
        self.record = record
    }

    func setAccepting(_ value: Bool) { accept.withLock { $0 = value } }

    func reload() throws(RulesReloadError) -> RulesSummary {
        guard accept.withLock({ $0 }) else {
            record.add("reload refused")
            let location = SourceLocation(file: "\(folder)/bad.yaml", line: 3, column: 5)
            throw RulesReloadError(
                folder: folder,
                diagnostics: [Diagnostic(.error, code: "rules.unknown_key", "unknown key 'mach'", at: location)])
        }
        record.add("reload")
        return RulesSummary(ruleCount: 2, fileCount: 1)
    }
}
