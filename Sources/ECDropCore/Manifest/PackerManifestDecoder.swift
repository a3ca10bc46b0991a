/// Packer's `manifest` post-processor output, exactly as Packer writes it:
/// `{"builds": [{name, builder_type, build_time, files, artifact_id, packer_run_uuid,
/// custom_data}], "last_run_uuid": …}`.
enum PackerManifestDecoder {
    static func decode(_ root: JSONValue, origin: String) throws(IntakeError) -> DecodedManifest {
        let top = try ManifestFields(root, path: "", origin: origin)
        let lastRunId = try top.optionalString("last_run_uuid")
        let entries = try top.optionalList("builds") ?? []
        var builds: [ManifestBuild] = []
        for (index, entry) in entries.enumerated() {
            builds.append(try build(entry, path: "builds[\(index)]", origin: origin))
        }
        return DecodedManifest(format: .packer, builds: builds, lastRunId: lastRunId)
    }

    private static func build(_ entry: JSONValue, path: String, origin: String) throws(IntakeError) -> ManifestBuild {
        let fields = try ManifestFields(entry, path: path, origin: origin)
        var artifacts: [ManifestArtifact] = []
        for (index, file) in (try fields.optionalList("files") ?? []).enumerated() {
            let item = try ManifestFields(file, path: "\(path).files[\(index)]", origin: origin)
            artifacts.append(ManifestArtifact(path: try item.string("name"), size: try item.optionalInteger("size")))
        }
        return ManifestBuild(
            name: try fields.string("name"),
            builderType: try fields.optionalString("builder_type"),
            time: try fields.optionalInteger("build_time"),
            runId: try fields.string("packer_run_uuid"),
            artifactId: try fields.optionalString("artifact_id"),
            custom: try fields.optionalTextMap("custom_data") ?? [:],
            artifacts: artifacts)
    }
}
