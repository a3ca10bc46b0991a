import Foundation

/// An Alibaba Cloud AccessKey pair, with an STS token when the pair is temporary.
///
/// The secret and the token are `Secret`s: they print as `***` everywhere.
public struct ACSCredentials: Sendable, Hashable {
    public var accessKeyId: String
    public var accessKeySecret: Secret
    public var securityToken: Secret?
    /// When temporary credentials stop working; nil for a permanent AccessKey.
    public var expiration: Date?
    /// Where they came from (`environment`, `cli-profile:default`, `ecs-ram-role:Builder`), for logs.
    public var source: String

    public init(
        accessKeyId: String, accessKeySecret: Secret, securityToken: Secret? = nil, expiration: Date? = nil,
        source: String
    ) {
        self.accessKeyId = accessKeyId
        self.accessKeySecret = accessKeySecret
        self.securityToken = securityToken
        self.expiration = expiration
        self.source = source
    }

    /// True when they expire within `margin` of `now` (refresh before they do).
    public func needsRefresh(at now: Date, margin: TimeInterval) -> Bool {
        guard let expiration else { return false }
        return expiration.timeIntervalSince(now) <= margin
    }
}
