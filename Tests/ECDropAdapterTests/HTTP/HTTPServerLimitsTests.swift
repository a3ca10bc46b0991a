import ECDropCore
import ECDropHTTP
import ECDropTesting
import Foundation
import Testing

@Suite("HTTP server: limits and timeouts")
struct HTTPServerLimitsTests {
    @Test("a declared body over the limit is refused with 413 before it is sent")
    func declaredTooLarge() async throws {
        let handler = EchoHandler()
        try await withServer(handler, configure: { $0.maxBodyBytes = 1000 }) { server in
            let connection = try await RawHTTPConnection.connect(host: "127.0.0.1", port: server.port)
            let head = "POST /v1/manifests HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n"
            try await connection.send(head)
            let response = try await connection.readResponse()
            #expect(response.status == 413)
            let error = response.json?["error"] as? [String: Any]
            #expect(error?["code"] as? String == "http.body_too_large")
            #expect(response.header("Content-Type") == "application/json")
            #expect(handler.callCount == 0)
        }
    }

    @Test("a chunked body that grows past the limit is refused with 413")
    func chunkedTooLarge() async throws {
        let handler = EchoHandler()
        try await withServer(handler, configure: { $0.maxBodyBytes = 1000 }) { server in
            let connection = try await RawHTTPConnection.connect(host: "127.0.0.1", port: server.port)
            try await connection.send("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = "400\r\n" + String(repeating: "a", count: 1024) + "\r\n"
            try await connection.send(chunk + chunk + "0\r\n\r\n")
            let response = try await connection.readResponse()
            #expect(response.status == 413)
            #expect(handler.callCount == 0)
        }
    }

    @Test("an endless chunked body is cut off without being read to its end")
    func endlessBodyCutOff() async throws {
        let handler = EchoHandler()
        try await withServer(handler, configure: { $0.maxBodyBytes = 1000 }) { server in
            let connection = try await RawHTTPConnection.connect(host: "127.0.0.1", port: server.port)
            try await connection.send("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = "4000\r\n" + String(repeating: "a", count: 16384) + "\r\n"
            var sent = 0
            while sent < 64, (try? await connection.send(chunk)) != nil { sent += 1 }
            #expect(await connection.waitForClose())
            #expect(handler.callCount == 0)
        }
    }

    @Test("a body of exactly the limit is accepted")
    func bodyAtLimit() async throws {
        try await withServer(configure: { $0.maxBodyBytes = 1000 }) { server in
            let body = Data(repeating: UInt8(ascii: "b"), count: 1000)
            let response = try await RawHTTP.request("POST", "/x", port: server.port, body: body)
            #expect(response.status == 200)
            #expect(response.json?["bodyBytes"] as? Int == 1000)
        }
    }

    @Test("a client that stops sending mid-request is cut off after the timeout")
    func slowClientCutOff() async throws {
        try await withServer(configure: { $0.connectionTimeout = 1 }) { server in
            let connection = try await RawHTTPConnection.connect(host: "127.0.0.1", port: server.port, timeout: 15)
            try await connection.send("POST /x HTTP/1.1\r\nHost: x\r\nContent-Le")
            #expect(await connection.waitForClose())
        }
    }

    @Test("past the connection cap a new connection waits unanswered until a slot frees")
    func connectionCap() async throws {
        let options: (inout HTTPServerOptions) -> Void = {
            $0.maxConnections = 2
            $0.connectionTimeout = 60
        }
        try await withServer(configure: options) { server in
            var held: [RawHTTPConnection] = []
            for path in ["/a", "/b"] {
                let connection = try await RawHTTPConnection.connect(host: "127.0.0.1", port: server.port)
                try await connection.send(RawHTTP.encode("GET", path, port: server.port, keepAlive: true))
                _ = try await connection.readResponse()
                held.append(connection)
            }
            let waiting = try await RawHTTPConnection.connect(host: "127.0.0.1", port: server.port, timeout: 1)
            try await waiting.send(RawHTTP.encode("GET", "/c", port: server.port))
            let early = await #expect(throws: RawHTTPError.self) { try await waiting.readResponse() }
            #expect(early?.timedOut == true)
            held.removeAll()
            waiting.setReadTimeout(20)
            let response = try await waiting.readResponse()
            #expect(response.json?["path"] as? String == "/c")
        }
    }
}
