import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A parsed `host:port` or `[v6]:port` listen address, as a socket address the library binds.
struct ListenAddress: Sendable, Equatable {
    enum Family: Sendable, Equatable { case v4, v6 }

    var family: Family
    /// The numeric host, without brackets.
    var host: String
    var port: UInt16

    /// Parses `127.0.0.1:8787`, `[::1]:0`, `localhost:80`, `*:80` (all IPv4 interfaces).
    init(parsing text: String) throws(HTTPServerError) {
        guard let colon = text.lastIndex(of: ":") else {
            throw ListenAddress.bad(text, "it has no ':port'")
        }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        guard let port = UInt16(portText) else {
            throw ListenAddress.bad(text, "'\(portText)' is not a port between 0 and 65535")
        }
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
            guard ListenAddress.isNumeric(host, family: AF_INET6) else {
                throw ListenAddress.bad(text, "'\(host)' is not an IPv6 address")
            }
            self.init(family: .v6, host: host, port: port)
            return
        }
        switch host {
        case "localhost": host = "127.0.0.1"
        case "", "*": host = "0.0.0.0"
        default: break
        }
        guard ListenAddress.isNumeric(host, family: AF_INET) else {
            throw ListenAddress.bad(text, "'\(host)' is not an IPv4 address (write IPv6 as [::1]:port)")
        }
        self.init(family: .v4, host: host, port: port)
    }

    init(family: Family, host: String, port: UInt16) {
        self.family = family
        self.host = host
        self.port = port
    }

    /// `127.0.0.1:PORT` or `[::1]:PORT`.
    func rendered(port boundPort: UInt16) -> String {
        family == .v6 ? "[\(host)]:\(boundPort)" : "\(host):\(boundPort)"
    }

    /// Calls `body` with a socket address for this host and port.
    func withSocketAddress<T>(_ body: (UnsafeMutableRawPointer) throws -> T) rethrows -> T {
        var storage = sockaddr_storage()
        return try withUnsafeMutableBytes(of: &storage) { raw in
            switch family {
            case .v4:
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = port.bigEndian
                _ = inet_pton(AF_INET, host, &address.sin_addr)
                raw.storeBytes(of: address, as: sockaddr_in.self)
            case .v6:
                var address = sockaddr_in6()
                address.sin6_family = sa_family_t(AF_INET6)
                address.sin6_port = port.bigEndian
                _ = inet_pton(AF_INET6, host, &address.sin6_addr)
                raw.storeBytes(of: address, as: sockaddr_in6.self)
            }
            return try body(raw.baseAddress!)
        }
    }

    private static func isNumeric(_ host: String, family: Int32) -> Bool {
        var buffer = in6_addr()
        return inet_pton(family, host, &buffer) == 1
    }

    private static func bad(_ text: String, _ why: String) -> HTTPServerError {
        HTTPServerError(
            .badAddress,
            "cannot listen on '\(text)': \(why); write it as 127.0.0.1:8787 or [::1]:8787")
    }
}
