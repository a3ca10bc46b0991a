import ECDropCore
import Foundation

/// The standard Alibaba Cloud order: configured key files, environment, aliyun CLI profile,
/// ECS RAM role, credentials URI. The first source that answers is kept for later calls, and
/// temporary credentials are fetched again before they expire.
public actor CredentialsChain: CredentialsProvider {
    /// Refresh temporary credentials this long before they expire (as the SDKs do).
    public static let refreshMargin: TimeInterval = 15 * 60

    nonisolated public var name: String { "chain" }
    private let providers: [any CredentialsProvider]
    private let time: any TimeSource
    private let logger: Logger
    private var chosen: (any CredentialsProvider)?
    private var cached: ACSCredentials?

    public init(providers: [any CredentialsProvider], time: any TimeSource = SystemTimeSource(), logger: Logger) {
        self.providers = providers
        self.time = time
        self.logger = logger
    }

    /// The standard chain for this environment and configuration.
    public static func standard(
        settings: ECDSettings, environment: [String: String], time: any TimeSource = SystemTimeSource(), logger: Logger
    ) -> CredentialsChain {
        CredentialsChain(
            providers: [
                KeyFilesCredentialsProvider(
                    idFile: settings.accessKeyIdFile, secretFile: settings.accessKeySecretFile, logger: logger),
                EnvironmentCredentialsProvider(environment: environment),
                CLIProfileCredentialsProvider(environment: environment, logger: logger),
                ECSRAMRoleCredentialsProvider(environment: environment),
                CredentialsURIProvider(environment: environment),
            ], time: time, logger: logger)
    }

    public func credentials() async throws(CredentialsError) -> ACSCredentials? {
        let now = time.now()
        if let cached, !cached.needsRefresh(at: now, margin: Self.refreshMargin) { return cached }
        do {
            let fresh = try await fetch()
            cached = fresh
            return fresh
        } catch {
            // A refresh that fails while the old value still works keeps the old value.
            if let cached, let expiration = cached.expiration, expiration > now {
                logger.warning(
                    "credentials refresh failed, using the current ones",
                    ["credentials.source": .string(cached.source), "error.code": .string(error.code)])
                return cached
            }
            throw error
        }
    }

    private func fetch() async throws(CredentialsError) -> ACSCredentials {
        if let chosen, let found = try await chosen.credentials() { return found }
        for provider in providers {
            guard let found = try await provider.credentials() else { continue }
            chosen = provider
            var fields: LogMetadata = ["credentials.source": .string(found.source)]
            fields["credentials.access_key_id"] = .string(found.accessKeyId)
            if let expiration = found.expiration {
                fields["credentials.expiration"] = .string(ACSDate.format(expiration))
            }
            logger.info("credentials source chosen", fields)
            return found
        }
        throw CredentialsError.none
    }
}
