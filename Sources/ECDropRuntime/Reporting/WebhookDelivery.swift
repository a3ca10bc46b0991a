import ECDropCore
import Foundation

/// Delivers the outbox: signs each item's body with the reporter's secret, POSTs it, logs the
/// attempt, and retries with backoff until the reporter's `retryFor` runs out.
public struct WebhookDelivery: Sendable {
    public var store: any JobStore
    public var targets: [String: WebhookTarget]
    public var transport: any WebhookTransport
    public var signature: WebhookSignature
    public var time: any TimeSource
    public var logger: Logger
    public var backoff: Backoff = .deliveries
    public var timeout: TimeInterval = 10

    public init(
        store: any JobStore, targets: [String: WebhookTarget], transport: any WebhookTransport,
        signature: WebhookSignature, time: any TimeSource, logger: Logger
    ) {
        self.store = store
        self.targets = targets
        self.transport = transport
        self.signature = signature
        self.time = time
        self.logger = logger
    }

    /// Tries every item that is due once; returns how many were delivered.
    @discardableResult
    public func deliverDue(limit: Int = 100) async throws -> Int {
        var delivered = 0
        for item in try await store.dueDeliveries(at: time.now(), limit: limit) {
            if try await attempt(item) { delivered += 1 }
        }
        return delivered
    }

    private func attempt(_ item: OutboxItem) async throws -> Bool {
        let started = time.now()
        var next = item
        next.attempts += 1
        guard let target = targets[item.reporter] else {
            next.state = .abandoned
            next.lastError = "no reporter named '\(item.reporter)' is configured any more"
            try await finish(item, next: next, status: nil, started: started)
            return false
        }
        let (status, failure) = await post(item.payload, to: target, at: started)
        if let status, (200..<300).contains(status) {
            next.state = .delivered
            next.lastError = nil
        } else {
            next.lastError = failure ?? "HTTP \(status ?? 0)"
            let retryAt = time.now().addingTimeInterval(backoff.delay(after: item.attempts))
            if retryAt >= item.giveUpAt { next.state = .abandoned } else { next.nextAttemptAt = retryAt }
        }
        try await finish(item, next: next, status: status, started: started)
        return next.state == .delivered
    }

    private func post(_ body: Data, to target: WebhookTarget, at now: Date) async -> (Int?, String?) {
        var headers = ["Content-Type": CloudEvent.contentType, "User-Agent": "ecdrop/\(EntryPoint.version)"]
        if let secret = target.secret {
            let timestamp = Int64(now.timeIntervalSince1970)
            headers[WebhookSignature.timestampHeader] = String(timestamp)
            headers[WebhookSignature.signatureHeader] = signature.sign(timestamp: timestamp, body: body, secret: secret)
        }
        do {
            return (try await transport.post(body, to: target.url, headers: headers, timeout: timeout), nil)
        } catch {
            return (nil, error.localizedDescription)
        }
    }

    private func finish(_ item: OutboxItem, next: OutboxItem, status: Int?, started: Date) async throws {
        let milliseconds = Int(time.now().timeIntervalSince(started) * 1000)
        let attempt = DeliveryAttempt(
            outboxId: item.id, attemptedAt: started, httpStatus: status, error: next.lastError,
            durationMilliseconds: milliseconds)
        try await store.recordDelivery(attempt, next: next)
        let metadata: LogMetadata = [
            "job.id": .string(item.jobId), "reporter.name": .string(item.reporter),
            "report.notice": .string(item.notice.rawValue), "report.attempts": .int(next.attempts),
        ]
        switch next.state {
        case .delivered: logger.info("report delivered", metadata)
        case .abandoned:
            logger.error("report abandoned", metadata.merging(["error.message": .string(next.lastError ?? "")]) { $1 })
        case .pending:
            logger.warning(
                "report delivery failed", metadata.merging(["error.message": .string(next.lastError ?? "")]) { $1 })
        }
    }
}
