import ECDropCore
import ECDropYAML
import Foundation

/// Builds the `Configuration` from the built-in defaults, then the YAML file, then `ECDROP_*`
/// variables, then flags, validates all of it at once, and reads the secrets it points at.
///
/// Relative paths in the file are relative to the file's folder; in variables and flags, to the
/// working directory. Secrets come only from files, variables or `$CREDENTIALS_DIRECTORY`.
public struct ConfigurationLoader: Sendable {
    public static let defaultPath = "/etc/ecdrop/ecdrop.yaml"

    public var environment: [String: String]
    public var workingDirectory: String

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// Loads `file` (or `$ECDROP_CONFIG`, or the default path) and applies `flags` last, as
    /// `(key: "log.level", flag: "--log-level", value: "debug")`.
    public func load(
        file: String? = nil, flags: [(key: String, flag: String, value: String)] = []
    ) throws(ConfigurationError) -> LoadedConfiguration {
        let explicit = file ?? environment["ECDROP_CONFIG"]
        let path = explicit ?? Self.defaultPath
        var decoder = ConfigurationDecoder(
            fileDirectory: Self.folder(of: absolute(path)), workingDirectory: workingDirectory)
        var configuration = Configuration()

        var notes: [Diagnostic] = []
        let source = try read(path, required: explicit != nil, notes: &notes)
        if let source {
            decoder.decode(try parse(source, file: path), into: &configuration)
        }
        decoder.applyEnvironment(environment, to: &configuration)
        decoder.applyFlags(flags, to: &configuration)
        decoder.validate(configuration)

        var secrets = SecretReader(environment: environment, locations: decoder.locations)
        let resolved = secrets.resolve(&configuration)
        let diagnostics = notes + decoder.diagnostics + secrets.diagnostics
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            throw ConfigurationError(diagnostics, source: source)
        }
        return LoadedConfiguration(
            configuration: configuration, secrets: resolved, file: source == nil ? nil : path, warnings: diagnostics)
    }

    /// The file's text; nil when the default file is absent (the defaults apply, with a warning).
    private func read(
        _ path: String, required: Bool, notes: inout [Diagnostic]
    ) throws(ConfigurationError) -> String? {
        let full = absolute(path)
        guard FileManager.default.fileExists(atPath: full) else {
            let missing = Diagnostic(
                required ? .error : .warning, code: "config.not_found",
                "no configuration file at \(path)"
                    + (required
                        ? "; check the path given to --config or ECDROP_CONFIG" : "; using the built-in defaults"),
                at: nil)
            if required { throw ConfigurationError([missing], exitCode: .noInput) }
            notes.append(missing)
            return nil
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: full))
            return String(decoding: data, as: UTF8.self)
        } catch {
            let unreadable = Diagnostic(
                .error, code: "config.unreadable",
                "cannot read the configuration file \(path) (\(error.localizedDescription)); check its permissions",
                at: nil)
            throw ConfigurationError([unreadable], cause: error, exitCode: .noInput)
        }
    }

    private func parse(_ source: String, file: String) throws(ConfigurationError) -> YAMLNode? {
        do {
            return try YAMLLoader.load(Data(source.utf8), file: file)
        } catch {
            throw ConfigurationError([error.diagnostic], source: source, cause: error)
        }
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
    }

    static func folder(of path: String) -> String {
        (path as NSString).deletingLastPathComponent
    }
}
