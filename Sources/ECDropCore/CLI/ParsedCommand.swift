/// What the parser made of a command line for one command.
public struct ParsedCommand: Sendable, Equatable {
    public var spec: CommandSpec
    public var options: [String: [String]]
    public var flags: Set<String>
    public var arguments: [String]

    public init(spec: CommandSpec, options: [String: [String]] = [:], flags: Set<String> = [], arguments: [String] = [])
    {
        self.spec = spec
        self.options = options
        self.flags = flags
        self.arguments = arguments
    }

    /// The last value given for `--name`.
    public func value(_ name: String) -> String? { options[name]?.last }

    /// Every value given for a repeatable `--name`.
    public func values(_ name: String) -> [String] { options[name] ?? [] }

    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of `--name` as a whole number, or a usage error naming the option.
    public func integer(_ name: String) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text) else {
            throw UsageError(.badValue, "--\(name) expects a whole number, not '\(text)'", command: spec.name)
        }
        return number
    }
}

/// The parser's verdict on a whole command line.
public enum ParseResult: Sendable, Equatable {
    /// Run this command.
    case command(ParsedCommand, global: ParsedCommand)
    /// Print help: for a command, for a group (`ecdrop rules`), or for everything (nil path).
    case help(path: [String])
    case version
}
