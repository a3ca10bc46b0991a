import ECDropCore
import ECDropCrypto
import Foundation

/// The journal, intake sink, engine and webhook delivery built from one configuration; shared by
/// `ecdrop run` and `ecdrop submit`, so both go through the same pipeline.
public struct PipelineParts: Sendable {
    public let store: SQLiteJobStore
    public let pipeline: ManifestPipeline
    public let engine: JobEngine
    public let delivery: WebhookDelivery
    public let router: ReportRouter

    public init(
        loaded: LoadedConfiguration, images: any ImageService, planner: any JobPlanner, time: any TimeSource,
        logger: Logger, transport: any WebhookTransport = CurlWebhookTransport()
    ) throws {
        let configuration = loaded.configuration
        try Self.createFolder(configuration.stateDir)
        store = try SQLiteJobStore(path: configuration.journalPath, logger: logger)
        router = ReportRouter(
            results: configuration.results.folder.map(ResultsFolder.init(folder:)),
            webhooks: try Self.targets(loaded), eventSource: "ecdrop://\(ProcessInfo.processInfo.hostName)")
        let digests = OpenSSLDigests()
        pipeline = ManifestPipeline(
            store: store, planner: planner, digests: digests, router: router, time: time,
            logger: logger.with(["part": "pipeline"]), defaultDeadline: configuration.pipeline.followDeadline)
        let machine = JobMachine(
            polling: .polling(configuration.pipeline),
            uploadLease: configuration.ecd.requestTimeout * Double(max(1, configuration.ecd.maxAttempts)) + 60)
        engine = JobEngine(
            store: store, images: images, machine: machine, router: router,
            pacer: Pacer(perSecond: configuration.ecd.requestsPerSecond, time: time), time: time,
            logger: logger.with(["part": "dispatcher"]), concurrency: configuration.ecd.concurrency)
        delivery = WebhookDelivery(
            store: store, targets: router.webhooks, transport: transport,
            signature: WebhookSignature(digests: digests), time: time, logger: logger.with(["part": "reporter"]))
    }

    /// What resumes after a start: plan manifests left unplanned, rewrite stale result files.
    public func resume() async throws {
        try await pipeline.planUnplanned()
        try await engine.flushResults()
    }

    /// The long-lived parts for the daemon: the dispatcher and follower, and the webhook delivery.
    public func services(idle: TimeInterval = 1) -> [any DaemonService] {
        let engine = self.engine
        let delivery = self.delivery
        let time = engine.time
        let logger = engine.logger
        return [
            TaskService(name: "dispatcher", onFailure: { logger.error("dispatcher stopped", error: $0) }) {
                try await resume()
                await engine.run(idle: idle)
            },
            TaskService(name: "reporter", onFailure: { logger.error("reporter stopped", error: $0) }) {
                while !Task.isCancelled {
                    do {
                        try await delivery.deliverDue()
                    } catch {
                        logger.error("report delivery round failed", error: error)
                    }
                    try await time.sleep(for: idle)
                }
            },
        ]
    }

    static func targets(_ loaded: LoadedConfiguration) throws -> [String: WebhookTarget] {
        var targets: [String: WebhookTarget] = [:]
        for (name, settings) in loaded.configuration.reporters {
            guard let url = URL(string: settings.url), url.scheme == "http" || url.scheme == "https" else {
                throw GeneralError(
                    code: "config.reporter_url",
                    message:
                        "reporter '\(name)' has url '\(settings.url)', which is not an http(s) URL; fix reporters.\(name).url",
                    exitCode: .config)
            }
            targets[name] = WebhookTarget(
                name: name, url: url, secret: loaded.secrets.reporters[name], retryFor: settings.retryFor)
        }
        return targets
    }

    static func createFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw JournalError(.unavailable, path: path, detail: "the state folder cannot be created", cause: error)
        }
    }
}
