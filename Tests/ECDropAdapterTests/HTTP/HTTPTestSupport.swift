import ECDropCore
import ECDropHTTP
import ECDropTesting
import Foundation
import Synchronization

/// Answers with a JSON echo of what it received; `/hang` waits for the gate first,
/// `/drop` closes the connection, `/status/NNN` answers NNN.
final class EchoHandler: HTTPHandler {
    let gate = Gate()
    private let calls = Mutex(0)

    var callCount: Int { calls.withLock { $0 } }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        calls.withLock { $0 += 1 }
        if request.path == "/hang" { await gate.wait() }
        if request.path == "/drop" { return .drop }
        if request.path.hasPrefix("/status/"), let status = Int(request.path.dropFirst(8)) {
            return HTTPResponse(status: status, headers: [("X-Answer", "custom")], body: Data("s".utf8))
        }
        let echo: [String: Any] = [
            "method": request.method, "path": request.path, "query": request.rawQuery,
            "body": String(decoding: request.body, as: UTF8.self), "bodyBytes": request.body.count,
            "remote": request.remoteAddress, "test": request.header("x-TEST") ?? "",
            "headerNames": request.headers.map(\.name),
        ]
        return .json(200, try! JSONSerialization.data(withJSONObject: echo))
    }
}

/// Holds waiters until opened.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let open = state.withLock { state -> Bool in
                if !state.open { state.waiters.append(continuation) }
                return state.open
            }
            if open { continuation.resume() }
        }
    }

    var waiting: Int { state.withLock { $0.waiters.count } }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }
}

/// Starts a server on a free loopback port, runs `body`, and stops it.
func withServer<T>(
    _ handler: any HTTPHandler = EchoHandler(), listen: String = "127.0.0.1:0",
    configure: (inout HTTPServerOptions) -> Void = { _ in },
    _ body: (HTTPServer) async throws -> T
) async throws -> T {
    var options = HTTPServerOptions(listen: listen)
    configure(&options)
    let server = HTTPServer(options: options, handler: handler, logger: .disabled)
    try server.start()
    do {
        let result = try await body(server)
        await server.stop(gracePeriod: 5)
        return result
    } catch {
        await server.stop(gracePeriod: 1)
        throw error
    }
}

/// Waits, in short polls, up to a bounded number of times for a condition to hold.
func eventually(_ condition: () -> Bool) async -> Bool {
    for _ in 0..<500 {
        if condition() { return true }
        try? await Task.sleep(nanoseconds: 10_000_000)
    }
    return condition()
}
