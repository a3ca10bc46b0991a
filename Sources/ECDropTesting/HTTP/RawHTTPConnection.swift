import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP client for tests that need to control every byte: slow senders, idle
/// connections, oversized bodies, half-sent requests. Blocking calls run on their own thread,
/// so tests never tie up Swift concurrency's few threads.
public final class RawHTTPConnection: @unchecked Sendable {
    private let socket: Int32
    private var buffer = Data()
    private let lock = NSLock()

    private init(socket: Int32) { self.socket = socket }

    deinit { Glibc.close(socket) }

    /// Connects to `host` (IPv4 or IPv6 literal, without brackets) and `port`; reads and writes
    /// give up after `timeout` seconds.
    public static func connect(host: String, port: Int, timeout: TimeInterval = 5) async throws -> RawHTTPConnection {
        try await BlockingWork.run {
            try RawHTTPConnection(socket: openSocket(host: host, port: port, timeout: timeout))
        }
    }

    /// Changes how long reads wait before giving up.
    public func setReadTimeout(_ timeout: TimeInterval) {
        var limit = RawHTTPConnection.timeval(timeout)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    public func send(_ text: String) async throws { try await send(Data(text.utf8)) }

    public func send(_ data: Data) async throws {
        try await BlockingWork.run { [self] in
            try data.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let sent = Glibc.send(
                        socket, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                    guard sent > 0 else { throw RawHTTPError("send failed: \(String(cString: strerror(errno)))") }
                    offset += sent
                }
            }
        }
    }

    /// Reads one response (headers and a Content-Length body).
    public func readResponse() async throws -> RawHTTPResponse {
        try await BlockingWork.run { [self] in
            lock.lock()
            defer { lock.unlock() }
            let head = try readHead()
            var response = try RawHTTPResponse(head: head)
            let length = Int(response.header("Content-Length") ?? "0") ?? 0
            while buffer.count < length {
                guard try fill() else { throw RawHTTPError("connection closed inside the body") }
            }
            response.body = buffer.prefix(length)
            buffer.removeFirst(length)
            return response
        }
    }

    /// True when the peer closes (or resets) the connection; false when the read times out.
    public func waitForClose() async -> Bool {
        (try? await BlockingWork.run { [self] () throws -> Bool in
            lock.lock()
            defer { lock.unlock() }
            while true {
                do {
                    guard try fill() else { return true }
                } catch let error as RawHTTPError where error.timedOut {
                    return false
                } catch {
                    return true
                }
            }
        }) ?? true
    }

    private func readHead() throws -> Data {
        let separator = Data("\r\n\r\n".utf8)
        while true {
            if let range = buffer.range(of: separator) {
                let head = buffer[..<range.lowerBound]
                buffer.removeSubrange(..<range.upperBound)
                return Data(head)
            }
            guard try fill() else { throw RawHTTPError("connection closed before a response", closed: true) }
        }
    }

    /// Reads what is available; false at end of stream.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(socket, &chunk, chunk.count, 0)
        if count > 0 {
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
        if count == 0 { return false }
        if errno == EAGAIN || errno == EWOULDBLOCK { throw RawHTTPError("read timed out", timedOut: true) }
        if errno == ECONNRESET { return false }
        throw RawHTTPError("recv failed: \(String(cString: strerror(errno)))")
    }

    private static func openSocket(host: String, port: Int, timeout: TimeInterval) throws -> Int32 {
        let isV6 = host.contains(":")
        let fd = Glibc.socket(isV6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError("socket failed") }
        var limit = timeval(timeout)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let result: Int32
        if isV6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = UInt16(port).bigEndian
            inet_pton(AF_INET6, host, &address.sin6_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            inet_pton(AF_INET, host, &address.sin_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(fd)
            throw RawHTTPError("connect to \(host):\(port) failed: \(reason)")
        }
        return fd
    }

    private static func timeval(_ seconds: TimeInterval) -> Glibc.timeval {
        Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
    }
}

/// A response as `RawHTTPConnection` parsed it.
public struct RawHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    init(head: Data) throws {
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw RawHTTPError("bad status line: \(lines.first ?? "")")
        }
        self.status = status
        self.headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return (String(line[..<colon]), value)
        }
        self.body = Data()
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body parsed as a JSON object, or nil.
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

public struct RawHTTPError: Error, CustomStringConvertible {
    public var description: String
    public var timedOut: Bool
    public var closed: Bool

    init(_ description: String, timedOut: Bool = false, closed: Bool = false) {
        self.description = description
        self.timedOut = timedOut
        self.closed = closed
    }
}
