import ECDropCore
import Foundation

/// How the client reaches ECD: endpoint override, timeouts and retries, from `ECDSettings`.
public struct ECDClientOptions: Sendable {
    /// The config's `ecd.endpoint`; `ECDROP_ECD_ENDPOINT` in the environment wins over it.
    public var endpoint: String?
    public var connectTimeout: TimeInterval
    public var requestTimeout: TimeInterval
    public var retry: ECDRetryPolicy
    public var userAgent: String

    public init(
        endpoint: String? = nil, connectTimeout: TimeInterval = 5, requestTimeout: TimeInterval = 30,
        retry: ECDRetryPolicy = ECDRetryPolicy(), userAgent: String = ECDClientOptions.defaultUserAgent
    ) {
        self.endpoint = endpoint
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.userAgent = userAgent
    }

    public init(settings: ECDSettings) {
        self.init(
            endpoint: settings.endpoint, connectTimeout: settings.connectTimeout,
            requestTimeout: settings.requestTimeout, retry: ECDRetryPolicy(maxAttempts: settings.maxAttempts))
    }

    public static let defaultUserAgent = "ecdrop/\(EntryPoint.version) (Linux) ACS3"
}
