import ECDropCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Decides which names in a drop folder count as manifests.
///
/// A name counts when it matches an include pattern (`*.json` when none are configured) and no
/// ignore pattern; hidden and temporary names (`.*`, `*.tmp`, `*.part`, `*~`) never count, so a
/// writer can build a file under such a name and rename it into place when it is done.
public struct DropFolderFilter: Sendable, Equatable {
    public static let builtInIgnores = [".*", "*.tmp", "*.part", "*~"]
    public static let defaultIncludes = ["*.json"]

    public var include: [String]
    public var ignore: [String]

    public init(include: [String] = [], ignore: [String] = []) {
        self.include = include.isEmpty ? DropFolderFilter.defaultIncludes : include
        self.ignore = DropFolderFilter.builtInIgnores + ignore
    }

    public init(_ settings: DropFolderSettings) {
        self.init(include: settings.include, ignore: settings.ignore)
    }

    public func accepts(_ name: String) -> Bool {
        guard !name.isEmpty, !name.contains("/") else { return false }
        guard include.contains(where: { DropFolderFilter.matches($0, name) }) else { return false }
        return !ignore.contains { DropFolderFilter.matches($0, name) }
    }

    /// Shell-style matching of one name (`*`, `?`, `[a-z]`); a leading dot needs a dot in the pattern.
    static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, FNM_PERIOD) == 0
    }
}
