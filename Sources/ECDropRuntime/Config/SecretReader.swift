import ECDropCore
import Foundation

/// Finds each secret the configuration needs, in this order: an `ECDROP_*` variable holding the
/// value, a systemd credential (`$CREDENTIALS_DIRECTORY/<name>`, for `LoadCredential=`), the file
/// the configuration names. Credential files replace the configured paths, so parts that read
/// the paths themselves read the credential. Problems become diagnostics at the key's place.
struct SecretReader {
    var environment: [String: String]
    var locations: [String: SourceLocation]
    private(set) var diagnostics: [Diagnostic] = []

    init(environment: [String: String], locations: [String: SourceLocation]) {
        self.environment = environment
        self.locations = locations
    }

    mutating func resolve(_ config: inout Configuration) -> ConfigurationSecrets {
        var secrets = ConfigurationSecrets()
        secrets.webhook = webhookSecrets(&config)
        for name in config.reporters.keys.sorted() {
            let key = "reporters.\(name).secret_file"
            let variable = "ECDROP_REPORTER_\(Self.variablePart(name))_SECRET"
            var file = config.reporters[name]?.secretFile
            if let value = lines(variable: variable, credential: "\(name).secret", file: &file, key: key).first {
                secrets.reporters[name] = value
            }
            config.reporters[name]?.secretFile = file
        }
        config.ecd.accessKeyIdFile = credentialPath(replacing: config.ecd.accessKeyIdFile, default: "access_key_id")
        config.ecd.accessKeySecretFile = credentialPath(
            replacing: config.ecd.accessKeySecretFile, default: "access_key_secret")
        for (key, path) in [
            ("ecd.access_key_id_file", config.ecd.accessKeyIdFile),
            ("ecd.access_key_secret_file", config.ecd.accessKeySecretFile),
        ] {
            if let path { _ = readFile(path, key: key) }
        }
        return secrets
    }

    private mutating func webhookSecrets(_ config: inout Configuration) -> [Secret] {
        var file = config.webhook.secretFile
        let secrets = lines(
            variable: "ECDROP_WEBHOOK_SECRET", credential: "webhook.secret", file: &file,
            key: "webhook.secret_file")
        config.webhook.secretFile = file
        if config.webhook.listen != nil, secrets.isEmpty, !hasErrors(for: "webhook.secret_file") {
            diagnostics.append(
                Diagnostic(
                    .error, code: "config.missing_secret",
                    "the webhook server on \(config.webhook.listen!) needs a secret to check signatures: set "
                        + "'webhook.secret_file', ECDROP_WEBHOOK_SECRET or the systemd credential 'webhook.secret', "
                        + "or set 'webhook.listen' to null to turn the server off",
                    at: locations["webhook.listen"] ?? locations["webhook"]))
        }
        return secrets
    }

    /// One secret a line; the variable wins, then the credential, then the file.
    private mutating func lines(variable: String, credential: String, file: inout String?, key: String) -> [Secret] {
        if let value = environment[variable] {
            return Self.split(value)
        }
        file = credentialPath(replacing: file, default: credential)
        guard let path = file, let text = readFile(path, key: key) else { return [] }
        let secrets = Self.split(text)
        if secrets.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .error, code: "config.empty_secret",
                    "the secret file \(path) for '\(key)' is empty; write the secret into it", at: locations[key]))
        }
        return secrets
    }

    /// The credential's path when systemd passed one named like the configured file (or the
    /// default name); otherwise the configured path.
    private func credentialPath(replacing configured: String?, default name: String) -> String? {
        guard let folder = environment["CREDENTIALS_DIRECTORY"], !folder.isEmpty else { return configured }
        let credential = configured.map { ($0 as NSString).lastPathComponent } ?? name
        let candidate = (folder as NSString).appendingPathComponent(credential)
        return FileManager.default.isReadableFile(atPath: candidate) ? candidate : configured
    }

    /// The file's text, with a warning when group or others may read it.
    private mutating func readFile(_ path: String, key: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read by this user" : "does not exist"
            diagnostics.append(
                Diagnostic(
                    .error, code: "config.secret_unreadable",
                    "the secret file \(path) for '\(key)' \(reason); create it with mode 600, owned by the user "
                        + "ecdrop runs as", at: locations[key]))
            return nil
        }
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0
        {
            diagnostics.append(
                Diagnostic(
                    .warning, code: "config.secret_permissions",
                    "the secret file \(path) for '\(key)' can be read by other users (mode "
                        + "\(String(mode, radix: 8))); run: chmod 600 \(path)", at: locations[key]))
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func hasErrors(for key: String) -> Bool {
        diagnostics.contains { $0.severity == .error && $0.message.contains("'\(key)'") }
    }

    static func split(_ text: String) -> [Secret] {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .map { Secret($0) }
    }

    static func variablePart(_ name: String) -> String {
        String(name.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}
