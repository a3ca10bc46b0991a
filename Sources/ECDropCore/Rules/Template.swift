/// A value in a rule's `upload:` that may read the build context: `win-{{ build.name | lower }}`.
/// Parsed and checked when the rules load; rendered per job.
public struct Template: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case literal(String)
        case expression(TemplateExpression)
    }

    public var parts: [Part]
    /// The text as written in the rule file.
    public var source: String
    public var location: SourceLocation

    public init(parts: [Part], source: String, location: SourceLocation) {
        self.parts = parts
        self.source = source
        self.location = location
    }

    /// True when the template reads nothing, so its value can be checked at load time.
    public var isStatic: Bool {
        parts.allSatisfy { if case .literal = $0 { true } else { false } }
    }

    /// The literal text of a static template.
    public var staticText: String? {
        guard isStatic else { return nil }
        return parts.map { if case .literal(let text) = $0 { text } else { "" } }.joined()
    }
}

/// `{{ path | filter: arg, arg | filter }}`.
public struct TemplateExpression: Sendable, Hashable {
    public var path: String
    public var filters: [TemplateFilter]

    public init(path: String, filters: [TemplateFilter]) {
        self.path = path
        self.filters = filters
    }
}

/// What a filter does to the value flowing through an expression.
public enum TemplateFilter: Sendable, Hashable {
    /// Any text into a valid ImageName.
    case imageName
    /// Unix seconds or an RFC 3339 time, formatted with strftime directives in UTC.
    case date(String)
    case lower
    case upper
    case replace(String, with: String)
    /// The first N characters, no ellipsis.
    case truncate(Int)
    /// The value to use when the field is missing.
    case defaultValue(String)

    /// Every filter name, as rules write them.
    public static let names = ["image_name", "date", "lower", "upper", "replace", "truncate", "default"]
}

/// Why a template could not be rendered for a job.
public struct TemplateRenderError: Error, Sendable, Hashable {
    public var code: String
    public var message: String
}
