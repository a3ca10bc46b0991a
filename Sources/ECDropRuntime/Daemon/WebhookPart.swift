import ECDropCore
import Foundation

/// The webhook server as a daemon part: binds at start (a taken port fails the start), and on
/// stop answers new manifests with 503 while requests in flight finish.
final class WebhookPart: DaemonService {
    let name = "webhook"
    let service: WebhookService
    let logger: Logger

    init(service: WebhookService, logger: Logger) {
        self.service = service
        self.logger = logger
    }

    func start() async throws {
        try service.start()
        logger.info("webhook server listening", ["webhook.address": .string(service.address)])
    }

    func stop(grace: TimeInterval) async {
        await service.stop(gracePeriod: max(grace, 2))
    }
}
