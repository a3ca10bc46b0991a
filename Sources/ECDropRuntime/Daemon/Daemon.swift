import ECDropCore
import Foundation

/// The agent's life between start and exit: start the parts in order, say what it serves, then
/// wait for signals and rule changes (nothing polls while idle), and stop in a fixed order.
///
/// Guarantees: intake stops before the pipeline, so nothing new is taken while draining;
/// in-flight API calls get `shutdownGrace`; whatever is left stays in the journal for the next
/// start; a rule set that fails to load never replaces the one in force.
public struct Daemon: Sendable {
    /// The dispatcher, follower, reporters: started first, stopped last.
    public var pipeline: [any DaemonService]
    /// Drop folders and the webhook server: started last, stopped first.
    public var intake: [any DaemonService]
    public var rules: (any RuleSetReloading)?
    /// How long a changed rules folder must stay quiet before it is reloaded.
    public var rulesSettle: TimeInterval = 0.5
    public var shutdownGrace: TimeInterval
    /// What the "serving" line says, such as `webhook.listen` and `drop.folders`.
    public var serving: LogMetadata
    public var logger: Logger
    public var notifier: SystemdNotifier?

    public init(
        pipeline: [any DaemonService], intake: [any DaemonService], rules: (any RuleSetReloading)?,
        shutdownGrace: TimeInterval, serving: LogMetadata, logger: Logger, notifier: SystemdNotifier?
    ) {
        self.pipeline = pipeline
        self.intake = intake
        self.rules = rules
        self.shutdownGrace = shutdownGrace
        self.serving = serving
        self.logger = logger
        self.notifier = notifier
    }

    /// Runs until a stop signal arrives on `signals`, then stops and returns. Throws when a part
    /// cannot start (the parts already started are stopped first).
    public func run(signals: AsyncStream<DaemonSignal>) async throws {
        let (events, sink) = AsyncStream.makeStream(of: DaemonEvent.self)
        try await startAll(pipeline + intake)
        let background = startBackground(signals: signals, sink: sink)
        notify { try $0.ready(status: "serving") }
        logger.info("ecdrop serving", serving)

        let stopSignal = await loop(events, sink: sink)
        background.forEach { $0.cancel() }
        sink.finish()
        await shutdown(reason: stopSignal)
    }

    private func startAll(_ parts: [any DaemonService]) async throws {
        var started: [any DaemonService] = []
        for part in parts {
            do {
                try await part.start()
                started.append(part)
                logger.debug("part started", ["part": .string(part.name)])
            } catch {
                logger.error("part failed to start", error: error, ["part": .string(part.name)])
                for running in started.reversed() { await running.stop(grace: 0) }
                throw error
            }
        }
    }

    /// Signals, rule folder changes and watchdog pings, each on its own task feeding `sink`.
    private func startBackground(
        signals: AsyncStream<DaemonSignal>, sink: AsyncStream<DaemonEvent>.Continuation
    ) -> [Task<Void, Never>] {
        var tasks = [
            Task {
                for await signal in signals { sink.yield(.signal(signal)) }
            }
        ]
        if let rules {
            let watch = RulesFolderWatch(folder: rules.folder, logger: logger) { reason in
                sink.yield(.rulesChanged(reason))
            }
            tasks.append(Task { await watch.run() })
        }
        if let notifier, let interval = notifier.watchdogInterval {
            tasks.append(Task { await watchdog(notifier, every: interval) })
        }
        return tasks
    }

    /// Handles events until a stop signal; returns its name.
    private func loop(_ events: AsyncStream<DaemonEvent>, sink: AsyncStream<DaemonEvent>.Continuation) async -> String {
        var pending: Task<Void, Never>?
        var generation = 0
        for await event in events {
            switch event {
            case .signal(.stop(let number)):
                pending?.cancel()
                return DaemonSignal.stop(number).description
            case .signal(.reload):
                reloadRules(reason: "SIGHUP")
            case .rulesChanged:
                // Editors and git write several files in a row: reload once they are quiet.
                generation += 1
                pending?.cancel()
                let settle = UInt64(rulesSettle * 1_000_000_000)
                let current = generation
                pending = Task {
                    try? await Task.sleep(nanoseconds: settle)
                    if !Task.isCancelled { sink.yield(.rulesSettled(current)) }
                }
            case .rulesSettled(let settled) where settled == generation:
                reloadRules(reason: "rules folder changed")
            case .rulesSettled:
                break
            }
        }
        return "end of signals"
    }

    func reloadRules(reason: String) {
        guard let rules else { return }
        notify { try $0.reloading() }
        defer { notify { try $0.ready(status: "serving") } }
        do {
            let summary = try rules.reload()
            for warning in summary.warnings {
                logger.warning("rules warning", ["rules.diagnostic": .string(warning.description)])
            }
            logger.info(
                "rules reloaded",
                [
                    "reason": .string(reason), "rules.count": .int(summary.ruleCount),
                    "rules.files": .int(summary.fileCount),
                ])
        } catch {
            for diagnostic in error.diagnostics {
                logger.error("rules diagnostic", ["rules.diagnostic": .string(diagnostic.description)])
            }
            logger.error("rules reload refused; previous rules kept", error: error, ["reason": .string(reason)])
        }
    }

    private func shutdown(reason: String) async {
        notify { try $0.stopping() }
        logger.info("ecdrop stopping", ["signal": .string(reason), "grace_s": .double(shutdownGrace)])
        for part in intake.reversed() { await part.stop(grace: 0) }
        for part in pipeline.reversed() { await stop(part, within: shutdownGrace) }
        logger.info("ecdrop stopped", [:])
    }

    /// Stops `part`, waiting at most `grace` (plus a second) before moving on without it.
    private func stop(_ part: any DaemonService, within grace: TimeInterval) async {
        let resumed = LockedValue(false)
        let stopped = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let finish: @Sendable (Bool) -> Void = { value in
                let first = resumed.update { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: value) }
            }
            Task {
                await part.stop(grace: grace)
                finish(true)
            }
            Task {
                try? await Task.sleep(nanoseconds: UInt64((grace + 1) * 1_000_000_000))
                finish(false)
            }
        }
        if !stopped {
            logger.warning("part did not stop within the grace period", ["part": .string(part.name)])
        }
    }

    private func watchdog(_ notifier: SystemdNotifier, every interval: TimeInterval) async {
        while !Task.isCancelled {
            notify { try $0.watchdog() }
            try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
        }
    }

    private func notify(_ send: (SystemdNotifier) throws -> Void) {
        guard let notifier else { return }
        do {
            try send(notifier)
        } catch {
            logger.warning("systemd notification failed", ["error.message": .string(error.localizedDescription)])
        }
    }
}

enum DaemonEvent: Sendable {
    case signal(DaemonSignal)
    case rulesChanged(String)
    case rulesSettled(Int)
}
