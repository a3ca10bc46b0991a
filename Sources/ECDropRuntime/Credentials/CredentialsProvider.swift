import ECDropCore
import Foundation

/// One place credentials can come from. `nil` means "not configured here" (the chain moves on);
/// a thrown `CredentialsError` means "configured here, but broken" (the chain stops and says why).
public protocol CredentialsProvider: Sendable {
    /// For logs: `environment`, `cli-profile`, `ecs-ram-role`, `credentials-uri`, `key-files`.
    var name: String { get }
    func credentials() async throws(CredentialsError) -> ACSCredentials?
}

/// A fixed pair, for tests and the `--access-key-*` style of wiring.
public struct StaticCredentialsProvider: CredentialsProvider {
    public let value: ACSCredentials
    public var name: String { value.source }

    public init(_ value: ACSCredentials) { self.value = value }

    public func credentials() async throws(CredentialsError) -> ACSCredentials? { value }
}
