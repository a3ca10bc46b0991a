import Foundation

/// Turns manifest bytes into a `DecodedManifest`, recognising Packer's format and the native
/// one. Tells "still being written" (`incomplete`) apart from "wrong" (`invalid`), from "some
/// other JSON" (`unknown_format`) and from "nothing to do" (`no_build`).
public enum ManifestDecoder {
    /// `origin` names the manifest in messages: a file path or a webhook delivery id.
    public static func decode(_ bytes: Data, origin: String) throws(IntakeError) -> DecodedManifest {
        let root = try parse(bytes, origin: origin)
        guard let fields = root.object else {
            throw IntakeError(
                .unknownFormat,
                "manifest '\(origin)' is \(root.typeDescription), not a Packer or ecdrop manifest object")
        }

        let manifest: DecodedManifest
        if fields[NativeManifestDecoder.versionKey] != nil {
            manifest = try NativeManifestDecoder.decode(root, origin: origin)
        } else if fields["builds"] != nil, fields["last_run_uuid"] != nil {
            manifest = try PackerManifestDecoder.decode(root, origin: origin)
        } else {
            throw unknownFormat(fields, origin: origin)
        }

        guard !manifest.builds.isEmpty else {
            throw IntakeError(.noBuild, "manifest '\(origin)' lists no build; nothing to publish")
        }
        return manifest
    }

    static func parse(_ bytes: Data, origin: String) throws(IntakeError) -> JSONValue {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw IntakeError(
                .incomplete,
                "manifest '\(origin)' is empty; it is probably still being written, "
                    + "so it is read again after the next write"
            )
        }
        do {
            return try bytes.withUnsafeBytes { raw throws(JSONSyntaxError) in
                try JSONParser.parse(raw.bindMemory(to: UInt8.self))
            }
        } catch {
            if JSONPrefix.isTruncated(bytes) {
                throw IntakeError(
                    .incomplete,
                    "manifest '\(origin)' ends before the JSON document does (\(bytes.count) bytes); "
                        + "it is probably still being written, so it is read again after the next write",
                    cause: error)
            }
            throw IntakeError(
                .invalid, "manifest '\(origin)' is not valid JSON (\(error)); check the tool that writes it",
                cause: error)
        }
    }

    private static func unknownFormat(_ fields: [String: JSONValue], origin: String) -> IntakeError {
        let hint =
            fields["builds"] == nil
            ? "it has no 'builds' list"
            : "it has 'builds' but neither Packer's 'last_run_uuid' nor '\(NativeManifestDecoder.versionKey)'"
        return IntakeError(
            .unknownFormat,
            "manifest '\(origin)' is neither a Packer manifest nor an ecdrop manifest: \(hint); "
                + "see docs/native-manifest.schema.json"
        )
    }
}
