import Foundation

/// Reads a configuration file's YAML tree, then `ECDROP_*` variables, then flags, into a
/// `Configuration`, collecting every problem as a positioned `Diagnostic` instead of stopping
/// at the first. Pure: the runtime's `ConfigurationLoader` does the reading and the secrets.
public struct ConfigurationDecoder: Sendable {
    public internal(set) var diagnostics: [Diagnostic] = []
    /// Where each key path was set in the file, for messages about combinations of keys.
    public internal(set) var locations: [String: SourceLocation] = [:]
    /// Relative paths in the file are resolved against the file's folder.
    public var fileDirectory: String
    /// Relative paths in variables and flags are resolved against the working directory.
    public var workingDirectory: String

    /// Keys that would put a secret into the file, and the key to use instead.
    static let inlineSecretKeys = [
        "secret": "secret_file", "access_key_secret": "access_key_secret_file",
        "access_key_id": "access_key_id_file", "security_token": "a credentials file",
        "token": "a secret file", "password": "a secret file",
    ]

    static let sections = [
        "state_dir", "rules_dir", "ecd", "drop", "webhook", "results", "reporters", "pipeline", "log",
    ]

    public init(fileDirectory: String, workingDirectory: String) {
        self.fileDirectory = fileDirectory
        self.workingDirectory = workingDirectory
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func report(
        _ code: String, _ message: String, at location: SourceLocation?, suggestion: String? = nil,
        severity: Diagnostic.Severity = .error
    ) {
        diagnostics.append(Diagnostic(severity, code: code, message, at: location, suggestion: suggestion))
    }
}

// MARK: - The file

extension ConfigurationDecoder {
    /// Applies a whole document; a nil root (an empty file) keeps the defaults.
    public mutating func decode(_ root: YAMLNode?, into config: inout Configuration) {
        guard let root, !root.isNull else { return }
        guard let pairs = root.mapping else {
            report(
                "config.wrong_type",
                "the configuration must be a mapping of settings such as 'state_dir:', "
                    + "not \(root.typeDescription)", at: root.location)
            return
        }
        for (key, value) in pairs {
            guard let name = checkedKey(key, known: Self.sections, section: "") else { continue }
            locations[name] = key.location
            switch name {
            case "drop": decodeDrop(value, into: &config)
            case "reporters": decodeReporters(value, into: &config)
            case "state_dir", "rules_dir": applyScalar(ConfigurationKey.named(name)!, value, into: &config)
            default: decodeSection(name, value, into: &config)
            }
        }
    }

    /// A key's name when it is known; otherwise a diagnostic (with the closest spelling) and nil.
    mutating func checkedKey(_ key: YAMLNode, known: [String], section: String) -> String? {
        guard let name = key.scalar else {
            report("config.wrong_type", "keys must be plain names", at: key.location)
            return nil
        }
        if known.contains(name) { return name }
        if let replacement = Self.inlineSecretKeys[name] {
            report(
                "config.inline_secret",
                "'\(name)' would put a secret into the configuration file; write the secret to a file only "
                    + "ecdrop can read and use \(replacement.contains(" ") ? replacement : "'\(replacement)'") "
                    + "(or an ECDROP_* variable or a systemd credential)", at: key.location)
            return nil
        }
        let place = section.isEmpty ? "" : " in '\(section)'"
        report(
            "config.unknown_key", "unknown key '\(name)'\(place)", at: key.location,
            suggestion: Suggestion.closest(to: name, in: known))
        return nil
    }

    /// `ecd:`, `webhook:`, `results:`, `pipeline:`, `log:`: mappings of scalar keys.
    mutating func decodeSection(_ section: String, _ node: YAMLNode, into config: inout Configuration) {
        if node.isNull {
            if section == "webhook" { config.webhook.listen = nil }
            if section == "results" { config.results.folder = nil }
            return
        }
        guard let pairs = node.mapping else {
            report(
                "config.wrong_type", "'\(section)' must be a mapping of settings, not \(node.typeDescription)",
                at: node.location)
            return
        }
        let keys = ConfigurationKey.all.filter { $0.section == section }
        for (key, value) in pairs {
            guard let name = checkedKey(key, known: keys.map(\.name), section: section) else { continue }
            let setting = keys.first { $0.name == name }!
            locations[setting.path] = key.location
            applyScalar(setting, value, into: &config)
        }
    }

    mutating func applyScalar(_ key: ConfigurationKey, _ node: YAMLNode, into config: inout Configuration) {
        guard let value = scalarValue(node, path: key.path) else { return }
        do {
            try key.apply(value, to: &config)
        } catch {
            report(error.code, "'\(key.path)' \(error.message)", at: node.location, suggestion: error.suggestion)
        }
    }

    /// The node as a scalar value, or a diagnostic when it is a list or a mapping.
    mutating func scalarValue(_ node: YAMLNode, path: String) -> ConfigValue? {
        guard case .scalar(let text, let quoted) = node.kind else {
            report(
                "config.wrong_type", "'\(path)' must be a single value, not \(node.typeDescription)",
                at: node.location)
            return nil
        }
        return ConfigValue(text, quoted: quoted, baseDirectory: fileDirectory)
    }

    /// A list of text values (`ignore:`, `include:`).
    mutating func stringList(_ node: YAMLNode, path: String) -> [String] {
        if node.isNull { return [] }
        guard let items = node.sequence else {
            report("config.wrong_type", "'\(path)' must be a list, not \(node.typeDescription)", at: node.location)
            return []
        }
        return items.compactMap { item in
            guard let text = item.scalar, !item.isNull else {
                report("config.wrong_type", "'\(path)' entries must be text such as '*.json'", at: item.location)
                return nil
            }
            return text
        }
    }
}
