import ECDropCore
import ECDropCrypto
import Foundation

/// Builds the daemon's parts from a loaded configuration: rules, journal, pipeline, intake.
struct DaemonAssembly {
    var loaded: LoadedConfiguration
    var logger: Logger
    var environment: [String: String]
    var time: any TimeSource = SystemTimeSource()
    /// The rule set in force, shared by the planner and the reloads.
    let ruleStore = RuleSetStore()
    let metrics = ECDropMetrics()

    var configuration: Configuration { loaded.configuration }

    /// The rules in the configured folder; loaded at start and on every reload.
    func rules() -> any RuleSetReloading {
        FolderRules(folder: configuration.rulesDir, store: ruleStore)
    }

    /// The planner over the rules in force.
    func planner() -> any JobPlanner {
        RulesPlanner(store: ruleStore, settings: configuration.pipeline)
    }

    func makeDaemon(rules: any RuleSetReloading) throws -> Daemon {
        let pipeline = try makePipeline(planner: planner())
        var intake: [any DaemonService] = []
        if !configuration.drop.isEmpty { intake.append(try makeDropFolders(pipeline)) }
        if let webhook = try makeWebhook(pipeline) { intake.append(webhook) }
        return Daemon(
            pipeline: [pipeline], intake: intake, rules: rules, shutdownGrace: configuration.pipeline.shutdownGrace,
            serving: serving, logger: logger, notifier: SystemdNotifier(environment: environment))
    }

    /// The journal, the ECD client, the dispatcher and follower, and the reporters.
    func makePipeline(planner: any JobPlanner) throws -> PipelineService {
        try createFolder(configuration.stateDir, key: "state_dir")
        let store = try KeptJournal(path: configuration.journalPath, logger: logger)
        let digests = OpenSSLDigests()
        let router = ReportRouter(results: configuration.results.folder.map(ResultsFolder.init), webhooks: webhooks)
        let engine = JobEngine(
            store: store, images: imageService(), machine: JobMachine(polling: .polling(configuration.pipeline)),
            router: router, pacer: Pacer(perSecond: configuration.ecd.requestsPerSecond, time: time), time: time,
            logger: logger, concurrency: configuration.ecd.concurrency)
        let intake = ManifestPipeline(
            store: store, planner: planner, digests: digests, router: router, time: time, logger: logger,
            defaultDeadline: configuration.pipeline.followDeadline)
        let delivery =
            webhooks.isEmpty
            ? nil
            : WebhookDelivery(
                store: store, targets: webhooks, transport: CurlWebhookTransport(),
                signature: WebhookSignature(digests: digests), time: time, logger: logger)
        return PipelineService(
            store: store, engine: engine, intake: intake, delivery: delivery, logger: logger,
            onStopped: { await store.close() })
    }

    /// One watcher per drop folder, delivering into the pipeline. The folders are created when
    /// missing, so a fresh install starts cleanly.
    func makeDropFolders(_ pipeline: PipelineService) throws -> any DaemonService {
        for (index, folder) in configuration.drop.enumerated() {
            try createFolder(folder.path, key: "drop[\(index)].path")
        }
        let intake = DropFolderIntake(folders: configuration.drop, sink: pipeline.sink, time: time, logger: logger)
        return TaskService(name: "drop") { await intake.run() }
    }

    /// The webhook server, or nil when `webhook.listen` is off.
    func makeWebhook(_ pipeline: PipelineService) throws -> (any DaemonService)? {
        guard let listen = configuration.webhook.listen else { return nil }
        let status = JournalStatusSource(store: pipeline.store, rules: ruleStore)
        let handler = WebhookServer(
            sink: pipeline.sink, jobs: status, readiness: status, secrets: loaded.secrets.webhook,
            digests: OpenSSLDigests(), metrics: metrics, replayWindow: configuration.webhook.replayWindow, time: time,
            logger: logger)
        let service = try WebhookService(
            settings: configuration.webhook, listen: listen, handler: handler, logger: logger)
        return WebhookPart(service: service, logger: logger)
    }

    func imageService() -> any ImageService {
        let chain = CredentialsChain.standard(
            settings: configuration.ecd, environment: environment, time: time, logger: logger)
        return ECDClient(
            options: ECDClientOptions(settings: configuration.ecd), credentials: chain, environment: environment,
            time: time, logger: logger)
    }

    var webhooks: [String: WebhookTarget] {
        configuration.reporters.reduce(into: [:]) { targets, entry in
            guard let url = URL(string: entry.value.url) else { return }
            targets[entry.key] = WebhookTarget(
                name: entry.key, url: url, secret: loaded.secrets.reporters[entry.key], retryFor: entry.value.retryFor)
        }
    }

    private func createFolder(_ path: String, key: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw GeneralError(
                code: "daemon.folder",
                message: "cannot create '\(key)' folder \(path): \(error.localizedDescription); "
                    + "create it and give the user ecdrop runs as write access", cause: error, exitCode: .cantCreate)
        }
    }

    /// What the "ecdrop serving" line says.
    var serving: LogMetadata {
        var data: LogMetadata = [
            "config.file": .string(loaded.file ?? "(built-in defaults)"),
            "state_dir": .string(configuration.stateDir),
            "rules_dir": .string(configuration.rulesDir),
            "ecd.endpoint": .string(configuration.ecd.endpoint ?? "https://ecd.<region>.aliyuncs.com"),
            "drop.folders": .string(configuration.drop.map(\.path).joined(separator: ",")),
            "results.folder": .string(configuration.results.folder ?? "off"),
            "webhook.listen": .string(configuration.webhook.listen ?? "off"),
        ]
        if !configuration.reporters.isEmpty {
            data["reporters"] = .string(configuration.reporters.keys.sorted().joined(separator: ","))
        }
        return data
    }
}
