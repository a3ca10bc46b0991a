import Foundation

/// One-shot requests over a fresh connection, for tests.
public enum RawHTTP {
    /// Sends one request with `Connection: close` and reads the response.
    public static func request(
        _ method: String, _ target: String, host: String = "127.0.0.1", port: Int,
        headers: [(String, String)] = [], body: Data = Data(), timeout: TimeInterval = 10
    ) async throws -> RawHTTPResponse {
        let connection = try await RawHTTPConnection.connect(host: host, port: port, timeout: timeout)
        try await connection.send(encode(method, target, host: host, port: port, headers: headers, body: body))
        return try await connection.readResponse()
    }

    /// The bytes of a request; adds Host, Content-Length (when there is a body) and Connection: close.
    public static func encode(
        _ method: String, _ target: String, host: String = "127.0.0.1", port: Int,
        headers: [(String, String)] = [], body: Data = Data(), keepAlive: Bool = false
    ) -> Data {
        let hostField = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(hostField)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        if !keepAlive { head += "Connection: close\r\n" }
        head += "\r\n"
        return Data(head.utf8) + body
    }
}
