import ECDropCore
import Foundation

/// Builds the daemon's parts from a loaded configuration: rules, journal, pipeline, intake.
struct DaemonAssembly {
    var loaded: LoadedConfiguration
    var logger: Logger
    var environment: [String: String]

    var configuration: Configuration { loaded.configuration }

    /// The rules in the configured folder; loaded at start and on every reload.
    func rules() -> (any RuleSetReloading)? {
        // Not yet: the rules folder loader lands with the rules engine; until then no rules.
        nil
    }

    func makeDaemon(rules: (any RuleSetReloading)?) throws -> Daemon {
        // Not yet: journal, pipeline, drop folders and webhook server are wired as they land.
        Daemon(
            pipeline: [], intake: [], rules: rules, shutdownGrace: configuration.pipeline.shutdownGrace,
            serving: serving, logger: logger, notifier: SystemdNotifier(environment: environment))
    }

    /// What the "ecdrop serving" line says.
    var serving: LogMetadata {
        var data: LogMetadata = [
            "config.file": .string(loaded.file ?? "(built-in defaults)"),
            "state_dir": .string(configuration.stateDir),
            "rules_dir": .string(configuration.rulesDir),
            "ecd.endpoint": .string(configuration.ecd.endpoint ?? "https://ecd.<region>.aliyuncs.com"),
            "drop.folders": .string(configuration.drop.map(\.path).joined(separator: ",")),
            "results.folder": .string(configuration.results.folder ?? "off"),
            "webhook.listen": .string(configuration.webhook.listen ?? "off"),
        ]
        if !configuration.reporters.isEmpty {
            data["reporters"] = .string(configuration.reporters.keys.sorted().joined(separator: ","))
        }
        return data
    }
}
