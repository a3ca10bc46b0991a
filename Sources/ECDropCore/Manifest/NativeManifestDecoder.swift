import Foundation

/// ecdrop's own manifest, for build tools other than Packer (`docs/native-manifest.schema.json`):
///
///     {"ecdrop_manifest": 1, "run_id": "…", "time": "2026-12-03T02:00:00Z",
///      "builds": [{"name": "…", "builder_type": "…", "artifact_id": "…", "custom": {…},
///                  "artifacts": [{"name": "…", "path": "…", "size": 1, "oss_object_path": "…"}]}]}
enum NativeManifestDecoder {
    static let versionKey = "ecdrop_manifest"
    static let supportedVersions: Set<Int64> = [1]

    static func decode(_ root: JSONValue, origin: String) throws(IntakeError) -> DecodedManifest {
        let top = try ManifestFields(root, path: "", origin: origin)
        let version = try top.optionalInteger(versionKey)
        guard let version, supportedVersions.contains(version) else {
            throw top.invalid(versionKey, "must be 1 (the only version this ecdrop reads)")
        }
        let runId = try top.string("run_id")
        let time = try timestamp(top, "time")
        guard let entries = try top.optionalList("builds") else { throw top.invalid("builds", "is missing") }

        var builds: [ManifestBuild] = []
        for (index, entry) in entries.enumerated() {
            let fields = try ManifestFields(entry, path: "builds[\(index)]", origin: origin)
            builds.append(try build(fields, runId: runId, time: time))
        }
        return DecodedManifest(format: .native, builds: builds, lastRunId: runId)
    }

    private static func build(
        _ fields: ManifestFields, runId: String, time: Int64?
    ) throws(IntakeError)
        -> ManifestBuild
    {
        var artifacts: [ManifestArtifact] = []
        for (index, item) in (try fields.optionalList("artifacts") ?? []).enumerated() {
            let artifact = try ManifestFields(item, path: "\(fields.path).artifacts[\(index)]", origin: fields.origin)
            artifacts.append(try self.artifact(artifact))
        }
        return ManifestBuild(
            name: try fields.string("name"),
            builderType: try fields.optionalString("builder_type"),
            time: try timestamp(fields, "time") ?? time,
            runId: try fields.optionalString("run_id") ?? runId,
            artifactId: try fields.optionalString("artifact_id"),
            custom: try fields.optionalTextMap("custom") ?? [:],
            artifacts: artifacts)
    }

    private static func artifact(_ fields: ManifestFields) throws(IntakeError) -> ManifestArtifact {
        let path = try fields.optionalString("path")
        let name = try fields.optionalString("name")
        guard let location = path ?? name else {
            throw fields.invalid(fields.path, "needs a 'name' or a 'path'")
        }
        let size = try fields.optionalInteger("size")
        if let size, size < 0 { throw fields.invalid(fields.name("size"), "must not be negative") }

        var artifact = ManifestArtifact(
            path: location, size: size, ossObjectPath: try fields.optionalString("oss_object_path"))
        if let name { artifact.name = name }
        return artifact
    }

    /// Unix seconds, or an RFC 3339 / ISO 8601 date-time text.
    private static func timestamp(_ fields: ManifestFields, _ key: String) throws(IntakeError) -> Int64? {
        guard case .string(let text)? = fields.fields[key] else { return try fields.optionalInteger(key) }
        guard let seconds = Timestamp.unixSeconds(from: text) else {
            throw fields.invalid(
                fields.name(key), "must be Unix seconds or a date-time like 2026-12-03T02:00:00Z, not '\(text)'")
        }
        return seconds
    }
}
