import ECDropCore
import Foundation

/// The `<name>.error.json` document written beside a manifest moved to `failed/`: what is wrong
/// and how to fix it.
public struct DropFolderFailureReport: Codable, Sendable, Equatable {
    /// Stable error code, such as `manifest.invalid` or `drop.incomplete_timeout`.
    public var code: String
    public var message: String
    /// What to do about it.
    public var hint: String
    /// Where the manifest was dropped.
    public var file: String
    /// When it was refused, ISO 8601 in UTC.
    public var at: String

    public init(code: String, message: String, hint: String, file: String, at: Date) {
        self.code = code
        self.message = message
        self.hint = hint
        self.file = file
        self.at = at.formatted(.iso8601)
    }

    /// The report for a manifest the sink refused, or one the watcher gave up on.
    init(error: any Error, file: String, at date: Date) {
        let known = error as? any ECDropError
        self.init(
            code: known?.code ?? "drop.failed", message: known?.message ?? String(describing: error),
            hint: DropFolderFailureReport.hint(for: error), file: file, at: date)
    }

    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }

    static func hint(for error: any Error) -> String {
        if let intake = error as? IntakeError {
            switch intake.reason {
            case .invalid:
                return "fix the JSON where the message says it breaks, then drop the file into the folder again"
            case .unknownFormat:
                return "drop the output of Packer's manifest post-processor or a native ecdrop manifest "
                    + "(see the manifest schema in the documentation)"
            case .noBuild:
                return "the manifest lists no build (in its newest run); check that the build succeeded "
                    + "and that the manifest post-processor ran"
            default:
                return "drop the file into the folder again once the cause is fixed"
            }
        }
        if let drop = error as? DropFolderError {
            switch drop.reason {
            case .incompleteTimeout:
                return "write the whole document, or write it under a temporary name (.tmp, .part) and "
                    + "rename it into the folder when it is complete"
            case .tooLarge:
                return "manifests are small JSON documents; check that the right file was dropped"
            case .io, .watch:
                return "fix the file's permissions or the file system, then drop the file again"
            }
        }
        return "drop the file into the folder again once the cause is fixed"
    }
}
