import ECDropCore
import Foundation

/// JSON views of jobs for `GET /v1/jobs/{id}` and `GET /v1/jobs?state=`: the same documents as
/// the result files, so every way of asking gives the same answer.
public struct JobViews: Sendable {
    public let store: any JobStore

    public init(store: any JobStore) { self.store = store }

    /// The job's result document; nil when no job has that id.
    public func jobJSON(id: String) async throws -> Data? {
        guard let job = try await store.job(id: id) else { return nil }
        let manifest = try await store.manifest(id: job.manifestId)
        return ResultDocument(job: job, manifest: manifest).encoded()
    }

    /// `{"jobs": [...]}`, newest first, optionally only jobs in `state`.
    public func jobsJSON(state: JobState?, limit: Int = 500) async throws -> Data {
        let jobs = try await store.jobs(JobFilter(states: state.map { [$0] }, limit: limit))
        var documents: [ResultDocument] = []
        for job in jobs {
            documents.append(ResultDocument(job: job, manifest: try await store.manifest(id: job.manifestId)))
        }
        return Timestamp.encode(["jobs": documents])
    }
}
