/// Bounds the loader enforces before and while parsing, so a hostile or mistaken file gives
/// an error instead of exhausting memory or the stack.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest accepted input, checked before parsing starts.
    public var maxBytes: Int
    /// Deepest accepted nesting of mappings and lists; the document's top collection is depth 1.
    public var maxDepth: Int

    public init(maxBytes: Int = 4 * 1024 * 1024, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// 4 MiB and 64 levels: far above any rule or configuration file.
    public static let `default` = YAMLLimits()
}
