import ECDropCore
import ECDropYAML
import Foundation

/// Where `ecdrop rules …` finds its folder and settings: the folder given on the command line,
/// else `rules_dir` of the configuration (`--config`, `$ECDROP_CONFIG`, or the default file).
/// Only the settings are read: rules commands need no secret, so none is required.
struct RulesCommandSupport {
    var folder: String
    var settings: PipelineSettings

    static func resolve(
        folder given: String?, command: ParsedCommand, context: CommandContext
    ) throws
        -> RulesCommandSupport
    {
        let explicit = command.value("config") ?? context.environment["ECDROP_CONFIG"]
        if let given, explicit == nil {
            return RulesCommandSupport(folder: given, settings: PipelineSettings())
        }
        let configuration = try settings(file: explicit, environment: context.environment)
        return RulesCommandSupport(folder: given ?? configuration.rulesDir, settings: configuration.pipeline)
    }

    private static func settings(file explicit: String?, environment: [String: String]) throws -> Configuration {
        let path = explicit ?? ConfigurationLoader.defaultPath
        let working = FileManager.default.currentDirectoryPath
        let full = path.hasPrefix("/") ? path : (working as NSString).appendingPathComponent(path)
        var configuration = Configuration()
        var decoder = ConfigurationDecoder(
            fileDirectory: (full as NSString).deletingLastPathComponent, workingDirectory: working)
        var source: String?
        if let data = FileManager.default.contents(atPath: full) {
            source = String(decoding: data, as: UTF8.self)
            do {
                decoder.decode(try YAMLLoader.load(data, file: path), into: &configuration)
            } catch {
                throw ConfigurationError([error.diagnostic], source: source, cause: error)
            }
        } else if explicit != nil {
            let missing = Diagnostic(
                .error, code: "config.not_found", "no configuration file at \(path); check the path given to --config",
                at: nil)
            throw ConfigurationError([missing], exitCode: .noInput)
        }
        decoder.applyEnvironment(environment, to: &configuration)
        decoder.validate(configuration)
        if decoder.diagnostics.contains(where: { $0.severity == .error }) {
            throw ConfigurationError(decoder.diagnostics, source: source)
        }
        return configuration
    }
}
