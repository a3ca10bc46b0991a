import ECDropCore
import Foundation

/// Job status for the webhook server's `GET /v1/jobs…`, read from the journal in the result
/// document form (the same JSON as the results folder), and readiness for `/readyz`.
struct JournalStatusSource: JobStatusSource, ReadinessSource {
    var store: any JobStore
    var rules: RuleSetStore

    func job(id: String) async throws -> Data? {
        guard let job = try await store.job(id: id) else { return nil }
        return ResultDocument(job: job, manifest: try await store.manifest(id: job.manifestId)).encoded()
    }

    func jobs(state: String?) async throws -> Data {
        let states = state.flatMap(JobState.init(rawValue:)).map { Set([$0]) }
        let jobs = try await store.jobs(JobFilter(states: states, limit: 1000))
        var body = Data("[".utf8)
        for (index, job) in jobs.enumerated() {
            if index > 0 { body.append(Data(",".utf8)) }
            body.append(ResultDocument(job: job, manifest: nil).encoded())
        }
        body.append(Data("]".utf8))
        return body
    }

    func readinessChecks() async -> [(name: String, ready: Bool)] {
        var journal = (try? await store.jobs(JobFilter(limit: 1))) != nil
        // The daemon's journal can also be readable from its open copy after its file was removed.
        if journal, let kept = store as? KeptJournal { journal = await kept.isInPlace() }
        return [("journal", journal), ("rules", !rules.current.rules.isEmpty)]
    }
}
