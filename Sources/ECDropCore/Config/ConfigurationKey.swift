import Foundation

/// One scalar setting: its dotted path (`ecd.concurrency`), the `ECDROP_*` variable that
/// overrides it, and how a value is read into the configuration. Every layer (file,
/// environment, flags) goes through the same table, so a value means the same wherever it comes from.
public struct ConfigurationKey: Sendable {
    public typealias Apply = @Sendable (inout Configuration, ConfigValue) throws(ConfigValueError) -> Void

    public var path: String
    private let apply: Apply

    public init(_ path: String, _ apply: @escaping Apply) {
        self.path = path
        self.apply = apply
    }

    /// `ecd.concurrency` → `ECDROP_ECD_CONCURRENCY`.
    public var environmentName: String {
        "ECDROP_" + path.uppercased().replacingOccurrences(of: ".", with: "_")
    }

    /// The last part of the path, as written inside its section.
    public var name: String { String(path.split(separator: ".").last ?? "") }

    /// The section the key lives in (`ecd`), or "" for top-level keys.
    public var section: String {
        guard let dot = path.lastIndex(of: ".") else { return "" }
        return String(path[..<dot])
    }

    public func apply(_ value: ConfigValue, to configuration: inout Configuration) throws(ConfigValueError) {
        try apply(&configuration, value)
    }
}

extension ConfigurationKey {
    /// Every scalar key of the configuration file, in the order the README documents them.
    /// `drop` entries and `reporters` have their own tables below.
    public static let all: [ConfigurationKey] = topLevel + ecd + webhook + results + pipeline + log

    public static func named(_ path: String) -> ConfigurationKey? { all.first { $0.path == path } }

    static let topLevel: [ConfigurationKey] = [
        .init("state_dir") { config, value throws(ConfigValueError) in config.stateDir = try value.path() },
        .init("rules_dir") { config, value throws(ConfigValueError) in config.rulesDir = try value.path() },
    ]

    static let ecd: [ConfigurationKey] = [
        .init("ecd.endpoint") { config, value throws(ConfigValueError) in
            config.ecd.endpoint = value.isNull ? nil : try value.url()
        },
        .init("ecd.concurrency") { config, value throws(ConfigValueError) in
            config.ecd.concurrency = try value.integer(in: 1...256)
        },
        .init("ecd.requests_per_second") { config, value throws(ConfigValueError) in
            config.ecd.requestsPerSecond = try value.number(in: 0.01...10_000)
        },
        .init("ecd.connect_timeout") { config, value throws(ConfigValueError) in
            config.ecd.connectTimeout = try value.duration(in: 0.1...600)
        },
        .init("ecd.request_timeout") { config, value throws(ConfigValueError) in
            config.ecd.requestTimeout = try value.duration(in: 1...3600)
        },
        .init("ecd.max_attempts") { config, value throws(ConfigValueError) in
            config.ecd.maxAttempts = try value.integer(in: 1...20)
        },
        .init("ecd.access_key_id_file") { config, value throws(ConfigValueError) in
            config.ecd.accessKeyIdFile = try value.optionalPath()
        },
        .init("ecd.access_key_secret_file") { config, value throws(ConfigValueError) in
            config.ecd.accessKeySecretFile = try value.optionalPath()
        },
    ]

    static let webhook: [ConfigurationKey] = [
        .init("webhook.listen") { config, value throws(ConfigValueError) in
            config.webhook.listen = value.isNull ? nil : try value.listenAddress()
        },
        .init("webhook.secret_file") { config, value throws(ConfigValueError) in
            config.webhook.secretFile = try value.optionalPath()
        },
        .init("webhook.tls_certificate_file") { config, value throws(ConfigValueError) in
            config.webhook.tlsCertificateFile = try value.optionalPath()
        },
        .init("webhook.tls_key_file") { config, value throws(ConfigValueError) in
            config.webhook.tlsKeyFile = try value.optionalPath()
        },
        .init("webhook.max_body_bytes") { config, value throws(ConfigValueError) in
            config.webhook.maxBodyBytes = try value.byteSize(in: 1024...(1 << 30))
        },
        .init("webhook.max_connections") { config, value throws(ConfigValueError) in
            config.webhook.maxConnections = try value.integer(in: 1...65_535)
        },
        .init("webhook.connection_timeout") { config, value throws(ConfigValueError) in
            config.webhook.connectionTimeout = try value.duration(in: 1...3600)
        },
        .init("webhook.replay_window") { config, value throws(ConfigValueError) in
            config.webhook.replayWindow = try value.duration(in: 1...86_400)
        },
    ]

    static let results: [ConfigurationKey] = [
        .init("results.folder") { config, value throws(ConfigValueError) in
            config.results.folder = try value.optionalPath()
        }
    ]

    static let pipeline: [ConfigurationKey] = [
        .init("pipeline.follow_deadline") { config, value throws(ConfigValueError) in
            config.pipeline.followDeadline = try value.duration(in: 1...(30 * 86_400))
        },
        .init("pipeline.poll_interval") { config, value throws(ConfigValueError) in
            config.pipeline.pollInterval = try value.duration(in: 0.01...3600)
        },
        .init("pipeline.max_poll_interval") { config, value throws(ConfigValueError) in
            config.pipeline.maxPollInterval = try value.duration(in: 0.01...(6 * 3600))
        },
        .init("pipeline.queue_limit") { config, value throws(ConfigValueError) in
            config.pipeline.queueLimit = try value.integer(in: 1...10_000_000)
        },
        .init("pipeline.packer_runs") { config, value throws(ConfigValueError) in
            config.pipeline.packerRuns = try value.choice(PipelineSettings.PackerRuns.self)
        },
        .init("pipeline.shutdown_grace") { config, value throws(ConfigValueError) in
            config.pipeline.shutdownGrace = try value.duration(in: 0...3600)
        },
    ]

    static let log: [ConfigurationKey] = [
        .init("log.level") { config, value throws(ConfigValueError) in
            guard let level = LogLevel(name: value.text) else {
                let names = LogLevel.allCases.map(\.description)
                throw ConfigValueError(
                    "config.bad_value", "must be one of \(names.joined(separator: ", ")), not '\(value.text)'",
                    suggestion: Suggestion.closest(to: value.text, in: names))
            }
            config.log.level = level
        },
        .init("log.format") { config, value throws(ConfigValueError) in
            config.log.format = try value.choice(LogFormat.self)
        },
    ]
}
