import ECDropCore
import ECDropHTTP
import ECDropTesting
import Foundation
import Testing

@Suite("HTTP server: request deadline")
struct HTTPServerTrickleTests {
    @Test("a client that trickles its headers to stay under the idle timeout is cut off at the request timeout")
    func trickleCutOff() async throws {
        let options: (inout HTTPServerOptions) -> Void = {
            $0.connectionTimeout = 30
            $0.requestTimeout = 1
        }
        try await withServer(configure: options) { server in
            let connection = try await RawHTTPConnection.connect(host: "127.0.0.1", port: server.port, timeout: 20)
            try await connection.send("GET /x HTTP/1.1\r\n")
            let trickle = Task {
                for _ in 0..<100 {
                    guard (try? await connection.send("X-Pad: a\r\n")) != nil else { return }
                    try? await Task.sleep(nanoseconds: 200_000_000)
                }
            }
            #expect(await connection.waitForClose())
            trickle.cancel()
        }
    }

    @Test("each request on a kept-alive connection gets its own time to arrive")
    func deadlinePerRequest() async throws {
        let options: (inout HTTPServerOptions) -> Void = {
            $0.connectionTimeout = 30
            $0.requestTimeout = 5
        }
        try await withServer(configure: options) { server in
            let connection = try await RawHTTPConnection.connect(host: "127.0.0.1", port: server.port, timeout: 20)
            for path in ["/one", "/two", "/three"] {
                try await connection.send(RawHTTP.encode("GET", path, port: server.port, keepAlive: true))
                let response = try await connection.readResponse()
                #expect(response.json?["path"] as? String == path)
                // Three pauses add up past the timeout; each alone stays well inside it.
                try await Task.sleep(nanoseconds: 2_000_000_000)
            }
        }
    }

    @Test("a handler that takes longer than the request timeout still answers")
    func slowHandlerNotCut() async throws {
        let handler = EchoHandler()
        let options: (inout HTTPServerOptions) -> Void = { $0.requestTimeout = 1 }
        try await withServer(handler, configure: options) { server in
            let port = server.port
            let waiting = Task { try await RawHTTP.request("GET", "/hang", port: port, timeout: 20) }
            #expect(await eventually { handler.gate.waiting == 1 })
            try await Task.sleep(nanoseconds: 2_500_000_000)
            handler.gate.open()
            #expect(try await waiting.value.status == 200)
        }
    }
}
