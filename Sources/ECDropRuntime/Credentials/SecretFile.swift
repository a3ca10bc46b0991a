import ECDropCore
import Foundation

/// Reads files that hold secrets, and warns when others may read them too.
enum SecretFile {
    static func read(_ path: String, what: String, logger: Logger) throws(CredentialsError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw CredentialsError(
                code: "credentials.unreadable_file",
                message:
                    "\(what) file '\(path)' \(exists ? "cannot be read (check its permissions)" : "does not exist")")
        }
        warnIfShared(path, logger: logger)
        return String(decoding: data, as: UTF8.self)
    }

    /// A warning when group or others have any access to the file.
    static func warnIfShared(_ path: String, logger: Logger) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0
        else { return }
        logger.warning(
            "secret file readable by others",
            [
                "file.path": .string(path), "file.mode": .string(String(mode, radix: 8)),
                "fix": "chmod 600 the file",
            ])
    }
}
