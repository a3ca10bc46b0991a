internal import CMicroHTTPD
import ECDropCore
import Foundation
import Synchronization

/// What the library's callbacks share with the server: the handler, the limits, and the
/// count of requests in flight that `stop()` waits on.
final class ServerCore: Sendable {
    struct State {
        /// Requests whose request line arrived and that are not completed yet.
        var inFlight = 0
        var draining = false
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
        var handlerTasks: [ObjectIdentifier: Task<Void, Never>] = [:]
        var lastLibraryMessage: String?
    }

    let handler: any HTTPHandler
    let maxBodyBytes: Int
    let logger: Logger
    let deadlines: RequestDeadlines
    private let state = Mutex(State())

    init(handler: any HTTPHandler, maxBodyBytes: Int, requestTimeout: TimeInterval, logger: Logger) {
        self.handler = handler
        self.maxBodyBytes = maxBodyBytes
        self.deadlines = RequestDeadlines(timeout: requestTimeout)
        self.logger = logger
    }

    var lastLibraryMessage: String? { state.withLock { $0.lastLibraryMessage } }

    var isDraining: Bool { state.withLock { $0.draining } }

    var hasRunningHandlers: Bool { state.withLock { !$0.handlerTasks.isEmpty } }

    func libraryLogged(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        state.withLock { $0.lastLibraryMessage = trimmed }
        logger.debug("http library message", ["http.library_message": .string(trimmed)])
    }

    func requestStarted() {
        state.withLock { $0.inFlight += 1 }
    }

    func requestCompleted() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.inFlight -= 1
            guard state.draining, state.inFlight == 0 else { return [] }
            defer { state.drainWaiters = [] }
            return state.drainWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Stops keep-alive reuse and returns once no request is in flight.
    func drain() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state -> Bool in
                state.draining = true
                if state.inFlight == 0 { return true }
                state.drainWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Cancels every handler still running, so that handlers that honour cancellation return.
    func cancelHandlers() {
        let tasks = state.withLock { Array($0.handlerTasks.values) }
        for task in tasks { task.cancel() }
    }

    /// Runs the handler in a task; the connection stays suspended until it answers.
    func dispatch(_ context: RequestContext, connection: ConnectionHandle) {
        let request = context.makeRequest()
        let key = ObjectIdentifier(context)
        state.withLock { state in
            let task = Task { [handler] in
                let response = await handler.handle(request)
                context.answer.withLock { $0 = response }
                self.handlerFinished(key)
                MHD_resume_connection(connection.pointer)
            }
            state.handlerTasks[key] = task
        }
    }

    private func handlerFinished(_ key: ObjectIdentifier) {
        _ = state.withLock { $0.handlerTasks.removeValue(forKey: key) }
    }
}
