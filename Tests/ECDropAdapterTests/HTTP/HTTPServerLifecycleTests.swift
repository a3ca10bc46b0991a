import ECDropCore
import ECDropHTTP
import ECDropTesting
import Foundation
import Synchronization
import Testing

@Suite("HTTP server: concurrency, stopping and start errors")
struct HTTPServerLifecycleTests {
    @Test("a handler that waits does not hold up another connection")
    func waitingHandlerDoesNotBlock() async throws {
        let handler = EchoHandler()
        try await withServer(handler) { server in
            let port = server.port
            let hanging = Task { try await RawHTTP.request("GET", "/hang", port: port) }
            #expect(await eventually { handler.gate.waiting == 1 })
            let quick = try await RawHTTP.request("GET", "/quick", port: port)
            #expect(quick.status == 200)
            #expect(handler.gate.waiting == 1)
            handler.gate.open()
            #expect(try await hanging.value.json?["path"] as? String == "/hang")
        }
    }

    @Test("stop refuses new connections, lets the request in flight finish, then returns")
    func stopDrains() async throws {
        let handler = EchoHandler()
        let server = HTTPServer(options: HTTPServerOptions(listen: "127.0.0.1:0"), handler: handler, logger: .disabled)
        try server.start()
        let port = server.port
        let hanging = Task { try await RawHTTP.request("GET", "/hang", port: port) }
        #expect(await eventually { handler.gate.waiting == 1 })
        let stopping = Task { await server.stop() }
        var refused = false
        for _ in 0..<100 where !refused {
            refused = (try? await RawHTTPConnection.connect(host: "127.0.0.1", port: port)) == nil
            if !refused { try await Task.sleep(nanoseconds: 10_000_000) }
        }
        #expect(refused)
        handler.gate.open()
        let response = try await hanging.value
        #expect(response.status == 200)
        #expect(response.json?["path"] as? String == "/hang")
        await stopping.value
    }

    @Test("stop with a grace period cancels a handler that honours cancellation")
    func stopCancelsAfterGrace() async throws {
        let sleeper = CancellableSleeper()
        let server = HTTPServer(
            options: HTTPServerOptions(listen: "127.0.0.1:0"), handler: sleeper, logger: .disabled)
        try server.start()
        let port = server.port
        let sleeping = Task { try await RawHTTP.request("GET", "/sleep", port: port, timeout: 30) }
        #expect(await eventually { sleeper.entered.withLock { $0 } })
        await server.stop(gracePeriod: 0.2)
        let response = try await sleeping.value
        #expect(response.status == 503)
    }

    @Test("a server on IPv6 loopback answers and reports the bracketed address")
    func ipv6Loopback() async throws {
        try await withServer(listen: "[::1]:0") { server in
            #expect(server.address == "[::1]:\(server.port)")
            let response = try await RawHTTP.request("GET", "/six", host: "::1", port: server.port)
            #expect(response.status == 200)
            #expect((response.json?["remote"] as? String)?.hasPrefix("[::1]:") == true)
        }
    }

    @Test(
        "a listen address that cannot be parsed is refused with http.bad_address",
        arguments: ["nonsense", "127.0.0.1", "1.2.3:80", "[zz]:80", "127.0.0.1:99999", "::1:80"])
    func badAddress(listen: String) throws {
        let server = HTTPServer(options: HTTPServerOptions(listen: listen), handler: EchoHandler(), logger: .disabled)
        let error = try #require(throws: HTTPServerError.self) { try server.start() }
        #expect(error.code == "http.bad_address")
        #expect(error.message.contains(listen))
    }

    @Test("a port already in use is refused with http.start_failed naming the address")
    func addressInUse() async throws {
        try await withServer { first in
            let second = HTTPServer(
                options: HTTPServerOptions(listen: "127.0.0.1:\(first.port)"), handler: EchoHandler(),
                logger: .disabled)
            let error = try #require(throws: HTTPServerError.self) { try second.start() }
            #expect(error.code == "http.start_failed")
            #expect(error.message.contains("127.0.0.1:\(first.port)"))
        }
    }

    @Test("a certificate without a key is refused with http.tls")
    func halfTLS() throws {
        let options = HTTPServerOptions(listen: "127.0.0.1:0", tlsCertificatePEM: Data("x".utf8))
        let server = HTTPServer(options: options, handler: EchoHandler(), logger: .disabled)
        let error = try #require(throws: HTTPServerError.self) { try server.start() }
        #expect(error.code == "http.tls")
    }
}

/// Sleeps until cancelled, then answers 503.
final class CancellableSleeper: HTTPHandler {
    let entered = Mutex(false)

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        entered.withLock { $0 = true }
        do {
            try await Task.sleep(nanoseconds: 60_000_000_000)
            return HTTPResponse(status: 200)
        } catch {
            return .error(503, code: "test.cancelled", message: "cancelled")
        }
    }
}
