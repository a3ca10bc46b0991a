import ECDropCore
import Foundation

/// Where ECD calls go: `https://ecd.<region>.aliyuncs.com`, or an override from the
/// `ECDROP_ECD_ENDPOINT` variable or the config's `ecd.endpoint` (the variable wins).
public struct ECDEndpoint: Sendable, Hashable {
    public var baseURL: URL
    /// The `host` header as sent and signed: the host, plus the port when it is not the default.
    public var host: String
    public var isOverride: Bool

    public static let environmentVariable = "ECDROP_ECD_ENDPOINT"

    public static func resolve(
        region: String, configured: String?, environment: [String: String]
    ) throws(ECDInputError) -> ECDEndpoint {
        try RegionId.validate(region)
        let override = [environment[environmentVariable], configured].compactMap { $0 }
            .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        guard let override else {
            let host = RegionId.endpointHost(for: region)
            return ECDEndpoint(baseURL: URL(string: "https://\(host)/")!, host: host, isOverride: false)
        }
        return try parse(override)
    }

    /// `http://127.0.0.1:9000`, `https://ecd.example.internal`, or a bare `host:port` (HTTPS).
    public static func parse(_ text: String) throws(ECDInputError) -> ECDEndpoint {
        let withScheme = text.contains("://") ? text : "https://" + text
        guard let components = URLComponents(string: withScheme), let scheme = components.scheme?.lowercased()
        else { throw ECDInputError.invalidEndpoint(text, why: "it is not a URL") }
        guard scheme == "http" || scheme == "https" else {
            throw ECDInputError.invalidEndpoint(text, why: "the scheme must be http or https, not '\(scheme)'")
        }
        guard let hostName = components.host, !hostName.isEmpty else {
            throw ECDInputError.invalidEndpoint(text, why: "it names no host")
        }
        guard components.path.isEmpty || components.path == "/", components.query == nil,
            components.user == nil
        else {
            throw ECDInputError.invalidEndpoint(text, why: "it must be only scheme, host and port")
        }
        let bracketed = hostName.contains(":") && !hostName.hasPrefix("[") ? "[\(hostName)]" : hostName
        let defaultPort = scheme == "https" ? 443 : 80
        var host = bracketed
        if let port = components.port, port != defaultPort { host += ":\(port)" }
        guard let url = URL(string: "\(scheme)://\(host)/") else {
            throw ECDInputError.invalidEndpoint(text, why: "it is not a URL")
        }
        return ECDEndpoint(baseURL: url, host: host, isOverride: true)
    }
}
