import Foundation

/// Where the webhook server reads job status from; the journal implements it.
public protocol JobStatusSource: Sendable {
    /// One job as a JSON document, or nil when no job has this id.
    func job(id: String) async throws -> Data?
    /// The jobs in `state` (every job when nil) as a JSON array.
    func jobs(state: String?) async throws -> Data
}

/// What `/readyz` asks: is each part the agent needs ready (journal open, rules loaded, …)?
public protocol ReadinessSource: Sendable {
    /// Named checks, each true when ready.
    func readinessChecks() async -> [(name: String, ready: Bool)]
}
