import Foundation

/// The format a manifest was written in.
public enum ManifestFormat: String, Sendable, Hashable, Codable {
    /// Packer's `manifest` post-processor output.
    case packer
    /// ecdrop's own format (`docs/native-manifest.schema.json`).
    case native
}

/// One file a build produced.
public struct ManifestArtifact: Sendable, Hashable, Codable {
    /// The last path component, such as `win11-pro.vhd`.
    public var name: String
    /// The path as the manifest gives it (with `strip_path`, Packer gives the name only).
    public var path: String
    /// Bytes, when known.
    public var size: Int64?
    /// Where the file already sits in OSS, when the native manifest says so.
    public var ossObjectPath: String?

    public init(name: String, path: String, size: Int64? = nil, ossObjectPath: String? = nil) {
        self.name = name
        self.path = path
        self.size = size
        self.ossObjectPath = ossObjectPath
    }

    /// An artifact named after the last component of `path`.
    public init(path: String, size: Int64? = nil, ossObjectPath: String? = nil) {
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init)
        self.init(name: name ?? path, path: path, size: size, ossObjectPath: ossObjectPath)
    }
}

/// One build of a manifest, whichever format it came in.
public struct ManifestBuild: Sendable, Hashable, Codable {
    public var name: String
    public var builderType: String?
    /// When the build finished, Unix seconds.
    public var time: Int64?
    public var runId: String
    public var artifactId: String?
    /// Packer's `custom_data`, the native `custom` fields; values as text.
    public var custom: [String: String]
    /// Empty for builders that produce no file (cloud builders, Packer's null builder).
    public var artifacts: [ManifestArtifact]

    public init(
        name: String, builderType: String? = nil, time: Int64? = nil, runId: String,
        artifactId: String? = nil, custom: [String: String] = [:], artifacts: [ManifestArtifact] = []
    ) {
        self.name = name
        self.builderType = builderType
        self.time = time
        self.runId = runId
        self.artifactId = artifactId
        self.custom = custom
        self.artifacts = artifacts
    }

    /// `<run id>/<build name>`: the build's identity across rewrites of the file.
    public var key: String { "\(runId)/\(name)" }
}

/// A decoded manifest: every build in it, and which run is the newest.
public struct DecodedManifest: Sendable, Hashable, Codable {
    public var format: ManifestFormat
    public var builds: [ManifestBuild]
    /// Packer's `last_run_uuid`; the native manifest's `run_id`.
    public var lastRunId: String?

    public init(format: ManifestFormat, builds: [ManifestBuild], lastRunId: String?) {
        self.format = format
        self.builds = builds
        self.lastRunId = lastRunId
    }

    /// The builds that count under `runs`: Packer files accumulate runs, so by default only the
    /// newest run's builds count. Native manifests hold one delivery and count whole.
    public func builds(runs: PipelineSettings.PackerRuns) -> [ManifestBuild] {
        guard format == .packer, runs == .newest, let lastRunId else { return builds }
        return builds.filter { $0.runId == lastRunId }
    }
}
