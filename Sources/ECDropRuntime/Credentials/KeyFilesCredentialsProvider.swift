import ECDropCore

/// The configuration's `ecd.access_key_id_file` and `ecd.access_key_secret_file` (systemd
/// credentials and the like): one value a file, surrounding whitespace ignored.
public struct KeyFilesCredentialsProvider: CredentialsProvider {
    let idFile: String?
    let secretFile: String?
    let logger: Logger
    public var name: String { "key-files" }

    public init(idFile: String?, secretFile: String?, logger: Logger) {
        self.idFile = idFile
        self.secretFile = secretFile
        self.logger = logger
    }

    public func credentials() async throws(CredentialsError) -> ACSCredentials? {
        if idFile == nil && secretFile == nil { return nil }
        guard let idFile, let secretFile else {
            throw CredentialsError(
                code: "credentials.incomplete_files",
                message: "only one of ecd.access_key_id_file and ecd.access_key_secret_file is set; set both")
        }
        let id = try SecretFile.read(idFile, what: "AccessKey id", logger: logger)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let secret = try SecretFile.read(secretFile, what: "AccessKey secret", logger: logger)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try KeyShape.check(id: id, secret: secret, origin: "'\(idFile)' / '\(secretFile)'")
        return ACSCredentials(accessKeyId: id, accessKeySecret: Secret(secret), source: name)
    }
}
