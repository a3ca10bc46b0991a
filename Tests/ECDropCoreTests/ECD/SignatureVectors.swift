import ECDropCore
import Foundation

/// One ACS3 vector as the generator scripts write them (the shared file and the SDK-generated one).
struct SignatureVector: @unchecked Sendable, CustomStringConvertible {
    var id: String
    var scheme: String
    var inputs: [String: Any]
    var headers: [(name: String, value: String)]
    var decodedQuery: [(name: String, value: String)]
    var expected: [String: String]

    var description: String { id }

    var sdkRequest: [String: Any] { inputs["sdk_request"] as? [String: Any] ?? [:] }
    func input(_ key: String) -> String? { inputs[key] as? String }

    static func load(_ file: String) -> [SignatureVector] {
        guard let url = Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let vectors = root["vectors"] as? [[String: Any]]
        else { return [] }
        return vectors.map(parse)
    }

    private static func parse(_ json: [String: Any]) -> SignatureVector {
        let wire = json["wire"] as? [String: Any] ?? [:]
        let headerObject = wire["headers"] as? [String: Any] ?? [:]
        let headerOrder = wire["header_order"] as? [String] ?? orderedKeys(of: headerObject)
        let headers = headerOrder.compactMap { name in (headerObject[name] as? String).map { (name, $0) } }
        let queryObject = (json["query_params_decoded"] ?? json["signed_params"]) as? [String: Any] ?? [:]
        let query = queryObject.compactMap { key, value in (value as? String).map { (key, $0) } }
        var expected: [String: String] = [:]
        for (key, value) in json { if let text = value as? String { expected[key] = text } }
        return SignatureVector(
            id: json["id"] as? String ?? "?", scheme: json["scheme"] as? String ?? "",
            inputs: json["inputs"] as? [String: Any] ?? [:], headers: headers,
            decodedQuery: query, expected: expected)
    }

    /// JSONSerialization forgets key order; the generators also write `header_order`, and for
    /// the shared file the SDK's documented order is used.
    private static func orderedKeys(of object: [String: Any]) -> [String] {
        let sdkOrder = [
            "host", "x-acs-version", "x-acs-action", "user-agent", "x-acs-date", "x-acs-signature-nonce", "accept",
            "x-acs-content-sha256", "x-acs-credentials-provider", "x-acs-accesskey-id", "x-acs-security-token",
            "Authorization",
        ]
        let known = sdkOrder.filter { object[$0] != nil }
        return known + object.keys.filter { !sdkOrder.contains($0) }.sorted()
    }
}
