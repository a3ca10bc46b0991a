import Foundation

/// One line of a job's history: a change of state, or a step worth an audit line (an upload
/// committed, an image adopted).
public struct JobTransition: Sendable, Hashable, Codable {
    public var jobId: String
    public var from: JobState
    public var to: JobState
    public var at: Date
    public var attempt: Int
    /// Short and stable, such as `upload committed`, `image adopted`, `import failed`.
    public var note: String

    public init(jobId: String, from: JobState, to: JobState, at: Date, attempt: Int, note: String) {
        self.jobId = jobId
        self.from = from
        self.to = to
        self.at = at
        self.attempt = attempt
        self.note = note
    }
}
