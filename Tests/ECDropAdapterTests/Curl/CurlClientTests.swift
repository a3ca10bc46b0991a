import ECDropCurl
import ECDropHTTP
import ECDropTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// Against the libmicrohttpd server on 127.0.0.1 (the echo handler of the HTTP tests). Bad
// exchanges tried: a closed port, a server that drops the connection, one that never answers,
// an answer over the size limit, a cancelled caller, an option libcurl refuses.
@Suite("libcurl client: exchanges and their failures")
struct CurlClientTests {
    private func url(_ server: HTTPServer, _ path: String) -> String { "http://127.0.0.1:\(server.port)\(path)" }

    @Test("a POST reaches the server with its query, headers and body, and the answer comes back whole")
    func postRoundTrip() async throws {
        let client = CurlClient()
        try await withServer { server in
            let response = try await client.perform(
                CurlRequest(
                    url: url(server, "/v1/x?Action=UploadImage&n=1"), method: "POST",
                    headers: [("X-Test", "hello"), ("Host", "ignored.example")], body: Data("{\"k\":1}".utf8),
                    timeout: 5))
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/json")
            let echo = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
            #expect(echo["method"] as? String == "POST")
            #expect(echo["path"] as? String == "/v1/x")
            #expect(echo["query"] as? String == "Action=UploadImage&n=1")
            #expect(echo["test"] as? String == "hello")
            #expect(echo["body"] as? String == "{\"k\":1}")
            let names = (echo["headerNames"] as? [String] ?? []).map { $0.lowercased() }
            #expect(names.filter { $0 == "host" }.count == 1)
            #expect(!names.contains("expect"))
        }
    }

    @Test("a POST without a body sends an empty one, not standard input", arguments: ["POST", "PUT", "DELETE"])
    func emptyBody(method: String) async throws {
        let client = CurlClient()
        try await withServer { server in
            let response = try await client.perform(CurlRequest(url: url(server, "/e"), method: method, timeout: 5))
            let echo = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
            #expect(echo["method"] as? String == method)
            #expect(echo["bodyBytes"] as? Int == 0)
        }
    }

    @Test("a status other than 200 is an answer, with the server's headers and body")
    func otherStatus() async throws {
        let client = CurlClient()
        try await withServer { server in
            let response = try await client.perform(
                CurlRequest(url: url(server, "/status/503"), method: "GET", timeout: 5))
            #expect(response.status == 503)
            #expect(response.headers["x-answer"] == "custom")
            #expect(String(decoding: response.body, as: UTF8.self) == "s")
        }
    }

    @Test("many requests at once all get their own answers")
    func concurrentRequests() async throws {
        let client = CurlClient()
        try await withServer { server in
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        let response = try await client.perform(
                            CurlRequest(
                                url: url(server, "/c"), method: "POST", body: Data("n\(index)".utf8), timeout: 10))
                        let echo = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
                        return echo?["body"] as? String ?? ""
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(bodies == Set((0..<40).map { "n\($0)" }))
        }
    }

    @Test("a port nobody listens on fails as cannotConnect, with nothing sent")
    func closedPort() async throws {
        let port = try Self.closedPort()
        let client = CurlClient()
        let failure = await #expect(throws: CurlFailure.self) {
            _ = try await client.perform(CurlRequest(url: "http://127.0.0.1:\(port)/", method: "POST", timeout: 5))
        }
        #expect(failure?.kind == .cannotConnect)
        #expect(failure?.requestSent == false)
        #expect(failure?.detail.contains("curl error 7") == true)
        #expect(failure?.localizedDescription == failure?.detail)
    }

    @Test("a connection dropped before the answer fails as connectionLost, with the request sent")
    func droppedConnection() async throws {
        let client = CurlClient()
        try await withServer { server in
            let failure = await #expect(throws: CurlFailure.self) {
                _ = try await client.perform(CurlRequest(url: url(server, "/drop"), method: "POST", timeout: 5))
            }
            #expect(failure?.kind == .connectionLost)
            #expect(failure?.requestSent == true)
        }
    }

    @Test("a server that never answers fails as timedOut after the request's timeout")
    func hangingServer() async throws {
        let handler = EchoHandler()
        let client = CurlClient()
        try await withServer(handler) { server in
            let started = ContinuousClock.now
            let failure = await #expect(throws: CurlFailure.self) {
                _ = try await client.perform(CurlRequest(url: url(server, "/hang"), method: "POST", timeout: 0.3))
            }
            #expect(failure?.kind == .timedOut)
            #expect(failure?.requestSent == true)
            #expect(ContinuousClock.now - started < .seconds(5))
            handler.gate.open()
        }
    }

    @Test("an answer larger than the limit fails as tooLarge and names the limit")
    func oversizedAnswer() async throws {
        let client = CurlClient(maxBodyBytes: 16)
        try await withServer { server in
            let failure = await #expect(throws: CurlFailure.self) {
                _ = try await client.perform(
                    CurlRequest(
                        url: url(server, "/big"), method: "POST", body: Data(repeating: 65, count: 100), timeout: 5))
            }
            #expect(failure?.kind == .tooLarge)
            #expect(failure?.detail.contains("16 bytes") == true)
        }
    }

    @Test("a cancelled caller gets cancelled at once, and the client serves the next request")
    func cancellation() async throws {
        let handler = EchoHandler()
        let client = CurlClient()
        try await withServer(handler) { server in
            let waiting = Task {
                try await client.perform(CurlRequest(url: url(server, "/hang"), method: "POST", timeout: 30))
            }
            #expect(await eventually { handler.gate.waiting == 1 })
            waiting.cancel()
            let outcome = await waiting.result
            #expect(throws: CurlFailure.self) { try outcome.get() }
            if case .failure(let failure as CurlFailure) = outcome { #expect(failure.kind == .cancelled) }
            handler.gate.open()
            let next = try await client.perform(CurlRequest(url: url(server, "/after"), method: "GET", timeout: 5))
            #expect(next.status == 200)
        }
    }

    @Test("a task cancelled before it asks gets cancelled without a request leaving")
    func cancelledBeforehand() async throws {
        let handler = EchoHandler()
        let client = CurlClient()
        try await withServer(handler) { server in
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.perform(CurlRequest(url: url(server, "/x"), method: "GET", timeout: 5))
            }
            let outcome = await task.result
            if case .failure(let failure as CurlFailure) = outcome {
                #expect(failure.kind == .cancelled)
                #expect(failure.requestSent == false)
            } else {
                Issue.record("expected a cancelled failure, got \(outcome)")
            }
            #expect(handler.callCount == 0)
        }
    }

    @Test("a URL libcurl cannot use fails with its reason, and nothing is sent")
    func unusableURL() async throws {
        let client = CurlClient()
        let failure = await #expect(throws: CurlFailure.self) {
            _ = try await client.perform(CurlRequest(url: "ftp://127.0.0.1/file", method: "GET", timeout: 5))
        }
        #expect(failure?.requestSent == false)
        #expect(failure?.detail.isEmpty == false)
    }

    /// A loopback port that was just free and is not listened on.
    private static func closedPort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }
}
