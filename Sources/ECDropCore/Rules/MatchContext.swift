/// What a rule sees: one build, one of its artifacts (or none), and, when rendering, one region.
/// Every value is text; numeric operators read numbers from it.
public struct MatchContext: Sendable, Hashable {
    public var values: [String: String]

    public init(values: [String: String]) {
        self.values = values
    }

    /// The context for `build` and `artifact` of a manifest that came from `source`.
    public init(
        build: ManifestBuild, artifact: ManifestArtifact?, format: ManifestFormat, source: String,
        origin: String
    ) {
        var values: [String: String] = [
            "build.name": build.name, "build.run_id": build.runId,
            "manifest.format": format.rawValue, "manifest.source": source, "manifest.origin": origin,
        ]
        values["build.builder_type"] = build.builderType
        values["build.time"] = build.time.map(String.init)
        values["build.artifact_id"] = build.artifactId
        for (key, value) in build.custom { values[ContextField.customPrefix + key] = value }
        if let artifact {
            values["artifact.name"] = artifact.name
            values["artifact.path"] = artifact.path
            values["artifact.size"] = artifact.size.map(String.init)
            values["artifact.oss_object_path"] = artifact.ossObjectPath
        }
        self.values = values
    }

    public subscript(path: String) -> String? { values[path] }

    /// The same context, inside one rule and one region, for rendering templates.
    public func rendering(rule: String, region: String?) -> MatchContext {
        var copy = self
        copy.values["rule.name"] = rule
        copy.values[ContextField.region] = region
        return copy
    }
}
