import ECDropCore
import ECDropHTTP
import ECDropTesting
import Foundation
import Testing

@Suite("HTTP server: requests and responses")
struct HTTPServerTests {
    @Test("a handler sees the method, the undecoded path and query, headers and body")
    func echoesTheRequest() async throws {
        try await withServer { server in
            let response = try await RawHTTP.request(
                "POST", "/v1/a%20b?state=x%2Fy&n=1", port: server.port, headers: [("X-Test", "hello")],
                body: Data("{\"k\":1}".utf8))
            #expect(response.status == 200)
            let echo = try #require(response.json)
            #expect(echo["method"] as? String == "POST")
            #expect(echo["path"] as? String == "/v1/a%20b")
            #expect(echo["query"] as? String == "state=x%2Fy&n=1")
            #expect(echo["test"] as? String == "hello")
            #expect(echo["body"] as? String == "{\"k\":1}")
            #expect((echo["remote"] as? String)?.hasPrefix("127.0.0.1:") == true)
            #expect((echo["headerNames"] as? [String])?.first == "Host")
        }
    }

    @Test("every method reaches the handler", arguments: ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
    func methods(method: String) async throws {
        try await withServer { server in
            let response = try await RawHTTP.request(method, "/m", port: server.port)
            #expect(response.status == 200)
            #expect(response.json?["method"] as? String == method)
        }
    }

    @Test("a request without a query has an empty raw query")
    func noQuery() async throws {
        try await withServer { server in
            let response = try await RawHTTP.request("GET", "/plain", port: server.port)
            #expect(response.json?["query"] as? String == "")
            #expect(response.json?["path"] as? String == "/plain")
        }
    }

    @Test("the handler's status, headers and body reach the client", arguments: [201, 202, 404, 429, 503])
    func statuses(status: Int) async throws {
        try await withServer { server in
            let response = try await RawHTTP.request("GET", "/status/\(status)", port: server.port)
            #expect(response.status == status)
            #expect(response.header("X-Answer") == "custom")
            #expect(response.text == "s")
        }
    }

    @Test("two requests on one kept-alive connection are both answered")
    func keepAlive() async throws {
        try await withServer { server in
            let connection = try await RawHTTPConnection.connect(host: "127.0.0.1", port: server.port)
            for path in ["/one", "/two"] {
                try await connection.send(RawHTTP.encode("GET", path, port: server.port, keepAlive: true))
                let response = try await connection.readResponse()
                #expect(response.json?["path"] as? String == path)
            }
        }
    }

    @Test("a dropped response closes the connection without an answer")
    func dropConnection() async throws {
        try await withServer { server in
            let connection = try await RawHTTPConnection.connect(host: "127.0.0.1", port: server.port)
            try await connection.send(RawHTTP.encode("GET", "/drop", port: server.port))
            await #expect(throws: RawHTTPError.self) { try await connection.readResponse() }
        }
    }

    @Test("the bound port and address are reported after listening on port 0")
    func boundPort() async throws {
        try await withServer { server in
            #expect(server.port > 0)
            #expect(server.address == "127.0.0.1:\(server.port)")
        }
    }
}
