import Foundation

/// A local stand-in for the ECD API, as a pure state machine: a request and the time in, a reply
/// out. It checks ACS3 signatures, the date's skew and nonce reuse like the gateway, validates
/// UploadImage like the API page says, and imports images over `importSeconds`. The HTTP side
/// lives in `ECDropRuntime.SimulatorHandler`. It is a simulator: nothing reaches Alibaba Cloud.
public struct ECDSimulator: Sendable {
    public struct Settings: Sendable {
        public var accessKeyId: String
        public var accessKeySecret: Secret
        /// How long an import takes from Creating to Available.
        public var importSeconds: Double
        /// Chance that any API request gets a random transient fault (throttle, 5xx, HTML page).
        public var faultRate: Double
        /// Accepted distance between `x-acs-date` and now (the gateway allows 15 minutes).
        public var maxSkew: TimeInterval
        public var defaultHangSeconds: Double

        public init(
            accessKeyId: String = ECDSimulator.defaultAccessKeyId,
            accessKeySecret: Secret = Secret(ECDSimulator.defaultAccessKeySecret), importSeconds: Double = 30,
            faultRate: Double = 0, maxSkew: TimeInterval = 900, defaultHangSeconds: Double = 30
        ) {
            self.accessKeyId = accessKeyId
            self.accessKeySecret = accessKeySecret
            self.importSeconds = importSeconds
            self.faultRate = faultRate
            self.maxSkew = maxSkew
            self.defaultHangSeconds = defaultHangSeconds
        }
    }

    /// The documented test pair the simulator accepts unless told otherwise. Not a real key.
    public static let defaultAccessKeyId = "LTAI5tSimulatorTestKey01"
    public static let defaultAccessKeySecret = "SimulatorTestSecret0123456789abcdef"

    public var settings: Settings
    let digests: any Digests
    public internal(set) var images: [SimulatedImage] = []
    public internal(set) var uploadsByName: [String: Int] = [:]
    public var faults: [SimulatorFault] = []
    var nonces: [String: Date] = [:]
    var counter = 0

    public init(settings: Settings, digests: any Digests, faults: [SimulatorFault] = []) {
        self.settings = settings
        self.digests = digests
        self.faults = faults
    }

    /// Answers one request received at `now`. `random` gives uniform numbers in 0..<1.
    public mutating func handle(_ request: SimulatedRequest, now: Date, random: () -> Double) -> SimulatorReply {
        if request.path.hasPrefix("/_sim/") { return control(request, now: now) }
        let requestId = nextRequestId()
        let host = request.header("host") ?? "ecd.simulator"
        guard request.path == "/" || request.path.isEmpty else {
            return error(
                404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.",
                requestId, host)
        }
        guard let pairs = ACSPercentEncoding.parseQuery(request.rawQuery) else {
            return error(400, "InvalidParameter", "The query string is not valid percent-encoding.", requestId, host)
        }
        if let refusal = authenticate(request, query: pairs, now: now, requestId: requestId, host: host) {
            return refusal
        }
        let query = Dictionary(pairs.map { ($0.name, $0.value) }) { _, last in last }
        let action = request.header("x-acs-action") ?? ""
        return dispatch(action, query: query, now: now, requestId: requestId, host: host, random: random)
    }

    mutating func dispatch(
        _ action: String, query: [String: String], now: Date, requestId: String, host: String, random: () -> Double
    ) -> SimulatorReply {
        let fault = takeFault(for: action, random: random)
        if let fault, !fault.kind.acts { return reply(for: fault, requestId: requestId, host: host) }
        let answer: SimulatorReply
        switch action {
        case "UploadImage": answer = upload(query, now: now, requestId: requestId, host: host)
        case "DescribeImages": answer = describe(query, now: now, requestId: requestId, host: host)
        case "DeleteImages": answer = delete(query, requestId: requestId, host: host)
        default:
            answer = error(
                404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.",
                requestId, host)
        }
        if let fault { return reply(for: fault, requestId: requestId, host: host) }
        return answer
    }

    mutating func nextRequestId() -> String {
        counter += 1
        return String(format: "51A0C0DE-0000-4000-8000-%012X", counter)
    }

    func error(_ status: Int, _ code: String, _ message: String, _ requestId: String, _ host: String) -> SimulatorReply
    {
        let recommend = "https://api.aliyun.com/troubleshoot?q=\(code)&product=ecd&requestId=\(requestId)"
        return .json(
            status, ["RequestId": requestId, "HostId": host, "Code": code, "Message": message, "Recommend": recommend],
            headers: ["x-acs-request-id": requestId])
    }
}
