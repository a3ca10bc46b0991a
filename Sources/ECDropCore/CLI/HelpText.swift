/// Renders `--help` pages from command specs.
public enum HelpText {
    public static func overview(commands: [CommandSpec], globalOptions: [OptionSpec], version: String) -> String {
        var lines = [
            "ecdrop \(version): publish finished image builds to Alibaba Cloud ECD as custom images",
            "",
            "USAGE: ecdrop <command> [options]",
            "",
            "COMMANDS:",
        ]
        let width = (commands.map { $0.name.count }.max() ?? 0) + 2
        for command in commands {
            lines.append("  " + command.name.padded(to: width) + command.summary)
        }
        lines += ["", "GLOBAL OPTIONS:"]
        lines += optionLines(globalOptions + helpAndVersion)
        lines += ["", "EXIT STATUS:"]
        lines += exitStatusLines
        lines += ["", "Run 'ecdrop <command> --help' for a command's options."]
        return lines.joined(separator: "\n")
    }

    public static func group(_ path: [String], commands: [CommandSpec]) -> String {
        let members = commands.filter { Array($0.path.prefix(path.count)) == path }
        var lines = ["USAGE: ecdrop \(path.joined(separator: " ")) <subcommand> [options]", "", "SUBCOMMANDS:"]
        let width = (members.map { $0.name.count }.max() ?? 0) + 2
        for command in members {
            lines.append("  " + command.name.padded(to: width) + command.summary)
        }
        return lines.joined(separator: "\n")
    }

    public static func command(_ spec: CommandSpec, globalOptions: [OptionSpec]) -> String {
        var lines = [spec.summary, "", "USAGE: \(spec.usage)"]
        if !spec.arguments.isEmpty {
            lines += ["", "ARGUMENTS:"]
            let width = (spec.arguments.map { $0.name.count }.max() ?? 0) + 4
            for argument in spec.arguments {
                lines.append("  " + argument.name.padded(to: width) + argument.help)
            }
        }
        lines += ["", "OPTIONS:"]
        lines += optionLines(spec.options + globalOptions + [helpAndVersion[0]])
        if let discussion = spec.discussion { lines += ["", discussion] }
        return lines.joined(separator: "\n")
    }

    static let helpAndVersion = [
        OptionSpec("help", short: "h", help: "Show help and exit."),
        OptionSpec("version", short: "V", help: "Show the version and exit."),
    ]

    static let exitStatusLines = [
        "  0   success",
        "  1   at least one job failed",
        "  2   no rule matched the manifest",
        "  64  usage error",
        "  65  invalid input data (manifest)",
        "  66  input file missing or unreadable",
        "  69  service unavailable (ECD endpoint unreachable or refusing)",
        "  70  internal error",
        "  73  an output file or folder cannot be created",
        "  74  input/output error",
        "  75  temporary failure; try again",
        "  77  credentials refused",
        "  78  configuration or rules invalid",
    ]

    static func optionLines(_ options: [OptionSpec]) -> [String] {
        let labels = options.map { option -> String in
            var label = option.short.map { "-\($0), " } ?? "    "
            label += "--\(option.name)"
            if let value = option.valueName { label += " \(value)" }
            return label
        }
        let width = (labels.map(\.count).max() ?? 0) + 2
        return zip(labels, options).map { "  " + $0.padded(to: width) + $1.help }
    }
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
