/// A small command-line parser: commands and subcommands, long and short options,
/// `--name=value`, `--` to end options, and "did you mean" answers for typos.
public struct CommandLineParser: Sendable {
    public var commands: [CommandSpec]
    /// Options every command accepts (`--log-format`, `--log-level`).
    public var globalOptions: [OptionSpec]

    public init(commands: [CommandSpec], globalOptions: [OptionSpec]) {
        self.commands = commands
        self.globalOptions = globalOptions
    }

    public func parse(_ arguments: [String]) throws(UsageError) -> ParseResult {
        var rest = arguments[...]
        var path: [String] = []
        var global = ParsedCommand(spec: CommandSpec([], summary: ""))

        // Leading global options and --help/--version, then the command words.
        while let word = rest.first {
            if word == "--help" || word == "-h" { return .help(path: path) }
            if word == "--version" || word == "-V", path.isEmpty { return .version }
            if word.hasPrefix("-"), word != "-" {
                guard path.isEmpty || !isCommandPrefix(path) || !commands.contains(where: { $0.path == path }) else {
                    break
                }
                try consumeOption(&rest, into: &global, specs: globalOptions, command: path)
                continue
            }
            if commands.contains(where: { $0.path == path }) { break }
            let next = path + [word]
            guard isCommandPrefix(next) else {
                let choices = commands.filter {
                    Array($0.path.prefix(path.count)) == path && $0.path.count > path.count
                }
                .map { $0.path[path.count] }
                let scope = path.isEmpty ? "" : path.joined(separator: " ") + " "
                throw UsageError(
                    .unknownCommand, "unknown command '\(scope)\(word)'", command: path.joined(separator: " "),
                    suggestion: Suggestion.closest(to: word, in: Set(choices)).map { scope + $0 })
            }
            path = next
            rest = rest.dropFirst()
        }

        guard let spec = commands.first(where: { $0.path == path }) else {
            return .help(path: path)
        }
        var parsed = ParsedCommand(spec: spec)
        var optionsEnded = false
        while let word = rest.first {
            if !optionsEnded, word == "--" {
                optionsEnded = true
                rest = rest.dropFirst()
            } else if !optionsEnded, word == "--help" || word == "-h" {
                return .help(path: path)
            } else if !optionsEnded, word.hasPrefix("-"), word != "-" {
                if let option = lookup(word, in: globalOptions), lookup(word, in: spec.options) == nil {
                    _ = option
                    try consumeOption(&rest, into: &global, specs: globalOptions, command: path)
                } else {
                    try consumeOption(&rest, into: &parsed, specs: spec.options, command: path, extra: globalOptions)
                }
            } else {
                parsed.arguments.append(word)
                rest = rest.dropFirst()
            }
        }
        try checkArguments(parsed)
        return .command(parsed, global: global)
    }

    private func isCommandPrefix(_ path: [String]) -> Bool {
        commands.contains { Array($0.path.prefix(path.count)) == path }
    }

    private func lookup(_ word: String, in specs: [OptionSpec]) -> OptionSpec? {
        if word.hasPrefix("--") {
            let name = String(word.dropFirst(2).split(separator: "=", maxSplits: 1).first ?? "")
            return specs.first { $0.name == name }
        }
        guard word.count == 2, let letter = word.last else { return nil }
        return specs.first { $0.short == letter }
    }

    private func consumeOption(
        _ rest: inout ArraySlice<String>, into parsed: inout ParsedCommand, specs: [OptionSpec], command: [String],
        extra: [OptionSpec] = []
    ) throws(UsageError) {
        let word = rest.removeFirst()
        let commandName = command.joined(separator: " ")
        guard let option = lookup(word, in: specs) else {
            let known = (specs + extra).map { "--\($0.name)" } + ["--help"] + (command.isEmpty ? ["--version"] : [])
            let typed = word.hasPrefix("--") ? String(word.split(separator: "=", maxSplits: 1)[0]) : word
            throw UsageError(
                .unknownOption, "unknown option '\(typed)'", command: commandName,
                suggestion: Suggestion.closest(to: typed, in: known))
        }
        var inlineValue: String?
        if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
            inlineValue = String(word[word.index(after: equals)...])
        }
        guard option.takesValue else {
            if inlineValue != nil {
                throw UsageError(.badValue, "--\(option.name) takes no value", command: commandName)
            }
            parsed.flags.insert(option.name)
            return
        }
        let value: String
        if let inlineValue {
            value = inlineValue
        } else if let next = rest.first, !next.hasPrefix("--") {
            value = next
            rest = rest.dropFirst()
        } else {
            throw UsageError(
                .missingValue, "--\(option.name) needs a value (\(option.valueName ?? "VALUE"))", command: commandName)
        }
        if option.repeatable {
            parsed.options[option.name, default: []].append(value)
        } else {
            parsed.options[option.name] = [value]
        }
    }

    private func checkArguments(_ parsed: ParsedCommand) throws(UsageError) {
        let specs = parsed.spec.arguments
        let required = specs.filter { !$0.optional }.count
        if parsed.arguments.count < required {
            let missing = specs.filter { !$0.optional }[parsed.arguments.count]
            throw UsageError(.missingArgument, "missing \(missing.name): \(missing.help)", command: parsed.spec.name)
        }
        let variadic = specs.last?.variadic ?? false
        if !variadic, parsed.arguments.count > specs.count {
            let extra = parsed.arguments[specs.count]
            throw UsageError(.unexpectedArgument, "unexpected argument '\(extra)'", command: parsed.spec.name)
        }
    }
}
