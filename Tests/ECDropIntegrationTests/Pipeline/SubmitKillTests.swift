import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

/// `ecdrop submit --wait` killed with SIGKILL while its jobs are in each state, then run again:
/// no job is lost and no image is uploaded twice.
@Suite("ecdrop submit killed and restarted", .serialized)
struct SubmitKillTests {
    struct Case: Sendable, CustomStringConvertible {
        var description: String
        var importSeconds: Int
        var fault: String?
        /// When the process is killed, judged from the journal.
        var ready: @Sendable ([Job]) -> Bool
    }

    static func some(_ state: JobState, others: Set<JobState>) -> @Sendable ([Job]) -> Bool {
        { jobs in
            jobs.count == 4 && jobs.contains { $0.state == state }
                && jobs.filter { $0.state != state }.allSatisfy { others.contains($0.state) }
                && jobs.contains { $0.state != state }
        }
    }

    static let cases: [Case] = [
        Case(
            description: "pending, while its look-before-upload hangs", importSeconds: 3,
            fault: #"{"kind":"hang_before","count":1,"action":"DescribeImages","hang_seconds":60}"#,
            ready: some(.pending, others: [.importing, .available])),
        Case(
            description: "uploading, before UploadImage was carried out", importSeconds: 3,
            fault: #"{"kind":"hang_before","count":1,"action":"UploadImage","hang_seconds":60}"#,
            ready: some(.uploading, others: [.importing, .available])),
        Case(
            description: "uploading, after UploadImage was carried out", importSeconds: 3,
            fault: #"{"kind":"hang_after","count":1,"action":"UploadImage","hang_seconds":60}"#,
            ready: some(.uploading, others: [.importing, .available])),
        Case(
            description: "importing", importSeconds: 20, fault: nil,
            ready: { jobs in jobs.count == 4 && jobs.allSatisfy { $0.state == .importing } }),
    ]

    @Test(
        "killed while a job is in each state, the next submit finishes every job with one upload each",
        arguments: cases)
    func killAndResume(_ scenarioCase: Case) async throws {
        let scenario = try SubmitScenario(importSeconds: scenarioCase.importSeconds)
        if let fault = scenarioCase.fault { try await scenario.fault(fault) }
        let first = try scenario.start()
        let missed = try await scenario.waitFor(scenarioCase.ready)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(
            missed == nil,
            "the journal never showed the state to kill in; last seen: \(missed ?? ""); \(scenario.firstProcessErrors)")
        #expect(first.terminationReason == .uncaughtSignal)

        try await scenario.clearFaults()
        let second = try scenario.submit(timeout: 180)
        #expect(second.status == 0, "\(second.standardError)")
        let jobs = try await scenario.jobs()
        #expect(jobs.count == 4)
        #expect(jobs.allSatisfy { $0.state == .available })
        #expect(
            try await scenario.uploads() == Dictionary(uniqueKeysWithValues: SubmitScenario.imageNames.map { ($0, 2) }))
    }
}
