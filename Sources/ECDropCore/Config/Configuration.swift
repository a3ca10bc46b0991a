import Foundation

/// The agent's whole configuration, after defaults, the file, `ECDROP_*` variables and flags
/// have been applied (in that order). Loaded and validated by `ECDropRuntime.ConfigurationLoader`.
/// Secrets are never held inline: only the paths they are read from.
public struct Configuration: Sendable, Equatable {
    /// The journal (SQLite) lives here.
    public var stateDir: String = "/var/lib/ecdrop"
    public var rulesDir: String = "/etc/ecdrop/rules.d"
    public var ecd = ECDSettings()
    public var drop: [DropFolderSettings] = []
    public var webhook = WebhookSettings()
    public var results = ResultsSettings()
    /// Named webhook reporters that rules choose with `report:`; `results` is built in.
    public var reporters: [String: ReporterSettings] = [:]
    public var pipeline = PipelineSettings()
    public var log = LogSettings()

    public init() {}

    public var journalPath: String { (stateDir as NSString).appendingPathComponent("journal.sqlite") }
}

public struct ECDSettings: Sendable, Equatable {
    /// Overrides `https://ecd.<region>.aliyuncs.com`, such as `http://127.0.0.1:9000`.
    public var endpoint: String?
    /// Uploads and polls in flight at once.
    public var concurrency: Int = 4
    /// API requests per second, across all jobs.
    public var requestsPerSecond: Double = 10
    public var connectTimeout: TimeInterval = 5
    public var requestTimeout: TimeInterval = 30
    /// Attempts per API call for transient errors, the first included.
    public var maxAttempts: Int = 5
    /// AccessKey pair from files (for systemd credentials); otherwise the standard chain.
    public var accessKeyIdFile: String?
    public var accessKeySecretFile: String?

    public init() {}
}

public struct DropFolderSettings: Sendable, Equatable {
    public enum After: String, Sendable, Equatable, CaseIterable {
        case move, delete, keep
    }

    public var path: String
    /// Quiet time after the last write before a file is read.
    public var settle: TimeInterval = 2
    public var after: After = .move
    /// How long an incomplete document may stay incomplete before it counts as failed.
    public var incompleteTimeout: TimeInterval = 300
    /// Glob patterns of names to ignore, on top of the built-in `.*`, `*.tmp`, `*.part`, `*~`.
    public var ignore: [String] = []
    /// Glob patterns a name must match to count; empty means `*.json`.
    public var include: [String] = []

    public init(path: String) { self.path = path }
}

public struct WebhookSettings: Sendable, Equatable {
    /// `host:port`, `[::1]:port`; nil or empty disables the webhook server.
    public var listen: String? = "127.0.0.1:8787"
    /// One secret a line; several lines accept several secrets (rotation).
    public var secretFile: String?
    public var tlsCertificateFile: String?
    public var tlsKeyFile: String?
    public var maxBodyBytes: Int = 1 << 20
    public var maxConnections: Int = 4096
    public var connectionTimeout: TimeInterval = 10
    /// Accepted distance between `X-Ecdrop-Timestamp` and now.
    public var replayWindow: TimeInterval = 300

    public init() {}
}

public struct ResultsSettings: Sendable, Equatable {
    /// Nil disables result files.
    public var folder: String? = "/var/lib/ecdrop/results"

    public init() {}
}

public struct ReporterSettings: Sendable, Equatable {
    public var url: String
    public var secretFile: String?
    /// Give up on a delivery after this long.
    public var retryFor: TimeInterval = 6 * 3600

    public init(url: String) { self.url = url }
}

public struct PipelineSettings: Sendable, Equatable {
    /// Default for rules without `follow.deadline`.
    public var followDeadline: TimeInterval = 6 * 3600
    /// First and longest pause between DescribeImages polls of one import.
    public var pollInterval: TimeInterval = 15
    public var maxPollInterval: TimeInterval = 120
    /// Manifests waiting to be planned before intake answers "busy".
    public var queueLimit: Int = 10_000
    /// Packer manifests: only the newest run (`last_run_uuid`), or every run in the file.
    public var packerRuns: PackerRuns = .newest
    /// Grace period for in-flight API calls at shutdown.
    public var shutdownGrace: TimeInterval = 10

    public enum PackerRuns: String, Sendable, Equatable, CaseIterable {
        case newest, all
    }

    public init() {}
}

public struct LogSettings: Sendable, Equatable {
    public var level: LogLevel = .info
    public var format: LogFormat = .logfmt

    public init() {}
}
