/// The fields of the build context that rules match on and templates read.
public enum ContextField {
    /// Every fixed field, in the order the README lists them.
    public static let fixed: [String] = [
        "build.name", "build.builder_type", "build.time", "build.run_id", "build.artifact_id",
        "artifact.name", "artifact.path", "artifact.size", "artifact.oss_object_path",
        "manifest.source", "manifest.format", "manifest.origin", "rule.name",
    ]
    /// `build.custom.<key>`: Packer's `custom_data`, the native manifest's `custom`.
    public static let customPrefix = "build.custom."
    /// The region a job is rendered for; only inside `upload` templates.
    public static let region = "region"

    /// True when `path` names a field the context can hold.
    public static func isKnown(_ path: String, allowRegion: Bool) -> Bool {
        if fixed.contains(path) { return true }
        if path == region { return allowRegion }
        return path.hasPrefix(customPrefix) && path.count > customPrefix.count
    }

    /// The closest known spelling for a mistyped field.
    public static func suggestion(for path: String, allowRegion: Bool) -> String? {
        Suggestion.closest(to: path, in: fixed + (allowRegion ? [region] : []) + ["build.custom.KEY"])
    }
}
