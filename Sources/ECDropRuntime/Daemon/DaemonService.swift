import ECDropCore
import Foundation

/// One long-lived part the daemon starts and stops: the webhook server, a drop folder watcher,
/// the dispatcher, the follower, the reporters.
public protocol DaemonService: Sendable {
    /// A short name for logs: `webhook`, `drop:/srv/ecdrop/drop`, `pipeline`.
    var name: String { get }
    /// Starts the part and returns once it serves; throws when it cannot (port taken, folder missing).
    func start() async throws
    /// Stops the part. Intake stops taking work at once; pipeline parts let in-flight API calls
    /// finish within `grace` and leave the rest in the journal for the next start.
    func stop(grace: TimeInterval) async
}

/// A part whose whole life is one async function that returns when its task is cancelled.
public final class TaskService: DaemonService, Sendable {
    public let name: String
    private let body: @Sendable () async throws -> Void
    private let onFailure: @Sendable (any Error) -> Void
    private let task = LockedValue<Task<Void, Never>?>(nil)

    /// `onFailure` hears about errors `body` throws other than cancellation.
    public init(
        name: String, onFailure: @escaping @Sendable (any Error) -> Void = { _ in },
        _ body: @escaping @Sendable () async throws -> Void
    ) {
        self.name = name
        self.body = body
        self.onFailure = onFailure
    }

    public func start() async throws {
        let body = self.body
        let onFailure = self.onFailure
        task.set(
            Task {
                do {
                    try await body()
                } catch is CancellationError {
                } catch {
                    onFailure(error)
                }
            })
    }

    public func stop(grace: TimeInterval) async {
        guard let running = task.get() else { return }
        running.cancel()
        await running.value
    }
}
