/// Answers requests. Called on Swift concurrency's executors, many at once; a handler that
/// suspends for a long time holds only its own connection.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest) async -> HTTPResponse
}
