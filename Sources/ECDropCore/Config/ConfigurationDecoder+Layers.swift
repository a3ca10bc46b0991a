import Foundation

// The layers above the file: `ECDROP_*` variables, then flags; then checks across keys.
extension ConfigurationDecoder {
    /// Variables that start with `ECDROP_` but are not settings (secrets, helpers).
    static let otherVariables: Set<String> = [
        "ECDROP_CONFIG", "ECDROP_WEBHOOK_SECRET", "ECDROP_LOG_FORMAT", "ECDROP_BINARY", "ECDROP_BIN",
    ]

    /// Applies every `ECDROP_<SECTION>_<KEY>` variable; unknown ones get a warning with the closest name.
    public mutating func applyEnvironment(_ environment: [String: String], to config: inout Configuration) {
        let byName = Dictionary(uniqueKeysWithValues: ConfigurationKey.all.map { ($0.environmentName, $0) })
        for (name, text) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("ECDROP_") {
            if let key = byName[name] {
                apply(key, ConfigValue(text, baseDirectory: workingDirectory), origin: name, to: &config)
            } else if !Self.otherVariables.contains(name), !name.hasSuffix("_SECRET"), !name.hasSuffix("_FILE") {
                report(
                    "config.unknown_variable", "environment variable \(name) is not a setting; ignored",
                    at: nil, suggestion: Suggestion.closest(to: name, in: byName.keys.sorted()), severity: .warning)
            }
        }
    }

    /// Applies flags last: `("log.level", "--log-level", "debug")`.
    public mutating func applyFlags(
        _ flags: [(key: String, flag: String, value: String)], to config: inout Configuration
    ) {
        for flag in flags {
            guard let key = ConfigurationKey.named(flag.key) else { continue }
            apply(key, ConfigValue(flag.value, baseDirectory: workingDirectory), origin: flag.flag, to: &config)
        }
    }

    mutating func apply(_ key: ConfigurationKey, _ value: ConfigValue, origin: String, to config: inout Configuration) {
        do {
            try key.apply(value, to: &config)
        } catch {
            report(error.code, "\(origin): '\(key.path)' \(error.message)", at: nil, suggestion: error.suggestion)
        }
    }

    /// Checks that need several keys at once, after every layer.
    public mutating func validate(_ config: Configuration) {
        let (poll, maxPoll) = (config.pipeline.pollInterval, config.pipeline.maxPollInterval)
        if maxPoll < poll {
            report(
                "config.bad_value",
                "'pipeline.max_poll_interval' (\(DurationText.format(maxPoll))) "
                    + "must not be shorter than 'pipeline.poll_interval' (\(DurationText.format(poll)))",
                at: locations["pipeline.max_poll_interval"] ?? locations["pipeline.poll_interval"])
        }
        if (config.webhook.tlsCertificateFile == nil) != (config.webhook.tlsKeyFile == nil) {
            report(
                "config.missing_key", "HTTPS needs both 'webhook.tls_certificate_file' and 'webhook.tls_key_file'",
                at: locations["webhook.tls_certificate_file"] ?? locations["webhook.tls_key_file"])
        }
        var seen: Set<String> = []
        for (index, folder) in config.drop.enumerated() where !seen.insert(folder.path).inserted {
            report(
                "config.duplicate_folder", "drop folder '\(folder.path)' is listed twice; list each folder once",
                at: locations["drop[\(index)].path"])
        }
        if config.drop.contains(where: { $0.path == config.stateDir }) {
            report(
                "config.bad_value",
                "a drop folder must not be 'state_dir' (\(config.stateDir)); use a folder of its own",
                at: locations["state_dir"])
        }
    }
}
