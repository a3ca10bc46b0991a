import ECDropCore
import Foundation

/// A named webhook reporter from the configuration, with its signing secret.
public struct WebhookTarget: Sendable {
    public var name: String
    public var url: URL
    public var secret: Secret?
    public var retryFor: TimeInterval

    public init(name: String, url: URL, secret: Secret?, retryFor: TimeInterval) {
        self.name = name
        self.url = url
        self.secret = secret
        self.retryFor = retryFor
    }
}

/// Chooses each job's reporters by the rule's `report:` names: `results` is the results folder,
/// any other name a webhook target. Builds outbox items when a job's notice is due.
public struct ReportRouter: Sendable {
    public static let resultsName = "results"

    public var results: ResultsFolder?
    public var webhooks: [String: WebhookTarget]
    /// The CloudEvents `source` of every event this agent sends.
    public var eventSource: String

    public init(results: ResultsFolder?, webhooks: [String: WebhookTarget], eventSource: String = "ecdrop://agent") {
        self.results = results
        self.webhooks = webhooks
        self.eventSource = eventSource
    }

    /// The outbox items for `notice`, one per webhook reporter the job names.
    public func outboxItems(for notice: JobNotice, job: Job, manifest: ManifestRecord?, at now: Date) -> [OutboxItem] {
        job.reporters.compactMap { name -> OutboxItem? in
            guard let target = webhooks[name] else { return nil }
            let event = CloudEvent(notice: notice, job: job, manifest: manifest, source: eventSource, at: now)
            return OutboxItem(
                reporter: target.name, jobId: job.id, notice: notice, payload: event.encoded(), createdAt: now,
                giveUpAt: now.addingTimeInterval(target.retryFor))
        }
    }

    /// Reporter names a job asks for that nothing is configured for.
    public func unknownReporters(in names: [String]) -> [String] {
        names.filter { $0 != Self.resultsName && webhooks[$0] == nil }
    }

    /// Whether the job's result file should be written.
    public func writesResults(for job: Job) -> Bool {
        results != nil && job.reporters.contains(Self.resultsName)
    }
}
