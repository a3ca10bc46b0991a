import ECDropCore

/// What `ConfigurationLoader` produces: the settings, the secrets they point at, and any
/// warnings worth logging at start.
public struct LoadedConfiguration: Sendable {
    public var configuration: Configuration
    public var secrets: ConfigurationSecrets
    /// The file read, or nil when only the built-in defaults were used.
    public var file: String?
    public var warnings: [Diagnostic]

    public init(
        configuration: Configuration, secrets: ConfigurationSecrets = ConfigurationSecrets(), file: String? = nil,
        warnings: [Diagnostic] = []
    ) {
        self.configuration = configuration
        self.secrets = secrets
        self.file = file
        self.warnings = warnings
    }
}

/// Secret values, read once at start from files, `ECDROP_*` variables or systemd credentials.
/// Never printed: every value is a `Secret`.
public struct ConfigurationSecrets: Sendable {
    /// Accepted webhook intake secrets (several during a rotation); empty when none is set.
    public var webhook: [Secret]
    /// Signing secrets of the named webhook reporters that have one.
    public var reporters: [String: Secret]

    public init(webhook: [Secret] = [], reporters: [String: Secret] = [:]) {
        self.webhook = webhook
        self.reporters = reporters
    }
}
