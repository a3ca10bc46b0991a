import ECDropCore
import Foundation

/// A job notice as a CloudEvents 1.0 event in structured JSON mode; `data` is the result document.
public struct CloudEvent: Codable, Sendable, Hashable {
    public static let contentType = "application/cloudevents+json"

    public var specversion: String
    public var id: String
    public var source: String
    public var type: String
    public var subject: String
    public var time: String
    public var datacontenttype: String
    public var data: ResultDocument

    /// `id` is stable per job, attempt and notice, so a receiver can drop a repeated delivery.
    public init(notice: JobNotice, job: Job, manifest: ManifestRecord?, source: String, at time: Date) {
        specversion = "1.0"
        id = "\(job.id)/\(job.attempt)/\(notice.rawValue)"
        self.source = source
        type = "com.ecdrop.job.\(notice.rawValue)"
        subject = job.id
        self.time = Timestamp.string(time)
        datacontenttype = "application/json"
        data = ResultDocument(job: job, manifest: manifest)
    }

    public func encoded() -> Data { Timestamp.encode(self) }
}
