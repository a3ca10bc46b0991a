/// An option a command accepts: a flag (`--json`) or an option with a value (`--region R`).
public struct OptionSpec: Sendable, Hashable {
    /// The long name without dashes: `region` for `--region`.
    public var name: String
    public var short: Character?
    /// The placeholder in help (`R`, `FILE`); nil for a flag that takes no value.
    public var valueName: String?
    public var help: String
    public var repeatable: Bool

    public init(_ name: String, short: Character? = nil, value: String? = nil, repeatable: Bool = false, help: String) {
        self.name = name
        self.short = short
        self.valueName = value
        self.help = help
        self.repeatable = repeatable
    }

    public var takesValue: Bool { valueName != nil }
}

/// A positional argument.
public struct ArgumentSpec: Sendable, Hashable {
    public var name: String
    public var help: String
    public var optional: Bool
    /// Takes every remaining argument (at least one unless optional).
    public var variadic: Bool

    public init(_ name: String, optional: Bool = false, variadic: Bool = false, help: String) {
        self.name = name
        self.help = help
        self.optional = optional
        self.variadic = variadic
    }
}

/// A command's name, help and grammar: `["images", "list"]` for `ecdrop images list`.
public struct CommandSpec: Sendable, Hashable {
    public var path: [String]
    public var summary: String
    public var arguments: [ArgumentSpec]
    public var options: [OptionSpec]
    public var discussion: String?

    public init(
        _ path: [String], summary: String, arguments: [ArgumentSpec] = [], options: [OptionSpec] = [],
        discussion: String? = nil
    ) {
        self.path = path
        self.summary = summary
        self.arguments = arguments
        self.options = options
        self.discussion = discussion
    }

    public var name: String { path.joined(separator: " ") }

    public var usage: String {
        var parts = ["ecdrop"] + path
        if !options.isEmpty { parts.append("[options]") }
        for argument in arguments {
            let shown = argument.variadic ? "\(argument.name)..." : argument.name
            parts.append(argument.optional ? "[\(shown)]" : shown)
        }
        return parts.joined(separator: " ")
    }
}
