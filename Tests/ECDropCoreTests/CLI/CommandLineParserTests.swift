import ECDropCore
import Testing

@Suite("CommandLineParser")
struct CommandLineParserTests {
    static let commands = [
        CommandSpec(
            ["run"], summary: "Run.",
            options: [
                OptionSpec("config", short: "c", value: "FILE", help: "Config."), OptionSpec("check", help: "Check."),
            ]),
        CommandSpec(
            ["rules", "check"], summary: "Check rules.",
            arguments: [ArgumentSpec("PATH", optional: true, variadic: true, help: "Rule files.")]),
        CommandSpec(
            ["rules", "test"], summary: "Test rules.", arguments: [ArgumentSpec("MANIFEST", help: "A manifest.")]),
        CommandSpec(
            ["images", "list"], summary: "List images.",
            options: [
                OptionSpec("region", value: "R", help: "Region."),
                OptionSpec("tag", value: "K=V", repeatable: true, help: "Tag filter."),
                OptionSpec("json", help: "JSON."),
            ]),
        CommandSpec(
            ["jobs", "show"], summary: "Show a job.",
            arguments: [ArgumentSpec("JOB", help: "Job id."), ArgumentSpec("FIELD", optional: true, help: "Field.")]),
    ]
    static let global = [
        OptionSpec("log-format", value: "FORMAT", help: "Format."),
        OptionSpec("log-level", value: "LEVEL", help: "Level."),
    ]
    let parser = CommandLineParser(commands: commands, globalOptions: global)

    /// What a command line should produce: a command with these parts, or a usage error.
    enum Expected: Sendable {
        case command([String], options: [String: [String]] = [:], flags: Set<String> = [], arguments: [String] = [])
        case help([String])
        case version
        case failure(UsageError.Kind, suggestion: String? = nil)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var words: [String]
        var expected: Expected
        var testDescription: String { words.isEmpty ? "(nothing)" : words.joined(separator: " ") }
        init(_ words: [String], _ expected: Expected) {
            self.words = words
            self.expected = expected
        }
    }

    static let cases: [Case] = [
        Case(["run"], .command(["run"])),
        Case(
            ["run", "--config", "a.yaml", "--check"],
            .command(["run"], options: ["config": ["a.yaml"]], flags: ["check"])),
        Case(["run", "--config=a=b.yaml"], .command(["run"], options: ["config": ["a=b.yaml"]])),
        Case(["run", "-c", "x.yaml"], .command(["run"], options: ["config": ["x.yaml"]])),
        Case(["run", "--config", "-"], .command(["run"], options: ["config": ["-"]])),
        Case(["rules", "check"], .command(["rules", "check"])),
        Case(["rules", "check", "a.yaml", "b.yaml"], .command(["rules", "check"], arguments: ["a.yaml", "b.yaml"])),
        Case(["rules", "check", "--", "--odd.yaml"], .command(["rules", "check"], arguments: ["--odd.yaml"])),
        Case(
            ["images", "list", "--tag", "a=1", "--tag=b=2", "--json"],
            .command(["images", "list"], options: ["tag": ["a=1", "b=2"]], flags: ["json"])),
        Case(
            ["images", "list", "--region", "x", "--region", "y"],
            .command(["images", "list"], options: ["region": ["y"]])),
        Case(["jobs", "show", "j1"], .command(["jobs", "show"], arguments: ["j1"])),
        Case(["jobs", "show", "j1", "status"], .command(["jobs", "show"], arguments: ["j1", "status"])),
        Case([], .help([])),
        Case(["--help"], .help([])),
        Case(["-h"], .help([])),
        Case(["rules"], .help(["rules"])),
        Case(["rules", "--help"], .help(["rules"])),
        Case(["images", "list", "--help"], .help(["images", "list"])),
        Case(["images", "list", "--region", "x", "-h"], .help(["images", "list"])),
        Case(["--version"], .version),
        Case(["-V"], .version),
        Case(["rnu"], .failure(.unknownCommand, suggestion: "run")),
        Case(["rules", "chek"], .failure(.unknownCommand, suggestion: "rules check")),
        Case(["zzzzzz"], .failure(.unknownCommand)),
        Case(["run", "--confg", "a"], .failure(.unknownOption, suggestion: "--config")),
        Case(["run", "--log-formt", "json"], .failure(.unknownOption, suggestion: "--log-format")),
        Case(["--verison"], .failure(.unknownOption, suggestion: "--version")),
        Case(["--hlep"], .failure(.unknownOption, suggestion: "--help")),
        Case(["run", "-x"], .failure(.unknownOption)),
        Case(["run", "--config"], .failure(.missingValue)),
        Case(["run", "--config", "--check"], .failure(.missingValue)),
        Case(["run", "--config", "--"], .failure(.missingValue)),
        Case(["run", "--check=yes"], .failure(.badValue)),
        Case(["rules", "test"], .failure(.missingArgument)),
        Case(["rules", "test", "a.json", "b.json"], .failure(.unexpectedArgument)),
        Case(["run", "extra"], .failure(.unexpectedArgument)),
        Case(["jobs", "show", "j1", "status", "more"], .failure(.unexpectedArgument)),
    ]

    @Test("parses each command line to its command, help, version or usage error", arguments: cases)
    func table(_ testCase: Case) {
        let result = Result { () throws(UsageError) in try parser.parse(testCase.words) }
        switch (testCase.expected, result) {
        case let (.command(path, options, flags, arguments), .success(.command(parsed, _))):
            #expect(parsed.spec.path == path)
            #expect(parsed.options == options)
            #expect(parsed.flags == flags)
            #expect(parsed.arguments == arguments)
        case let (.help(path), .success(actual)):
            #expect(actual == .help(path: path))
        case (.version, .success(let actual)):
            #expect(actual == .version)
        case let (.failure(kind, suggestion), .failure(error)):
            #expect(error.kind == kind)
            #expect(error.suggestion == suggestion)
            #expect(error.exitCode == .usage)
            #expect(error.code == "usage.\(kind.rawValue)")
        default:
            Issue.record("expected \(testCase.expected), got \(result)")
        }
    }

    @Test("global options are accepted before and after the command")
    func globalOptions() throws {
        let before = try parser.parse(["--log-format", "json", "run", "--log-level=debug"])
        guard case .command(let parsed, let global) = before else {
            Issue.record("not a command: \(before)")
            return
        }
        #expect(parsed.spec.path == ["run"])
        #expect(global.value("log-format") == "json")
        #expect(global.value("log-level") == "debug")
    }

    @Test("a usage error's message names the help to read and the suggestion")
    func message() {
        let error = #expect(throws: UsageError.self) { try parser.parse(["images", "list", "--regoin", "x"]) }
        #expect(error?.message.contains("unknown option '--regoin'; did you mean '--region'?") == true)
        #expect(error?.message.contains("(see 'ecdrop images list --help')") == true)
    }

    @Test("integer option values are checked")
    func integers() throws {
        let spec = CommandSpec(["jobs", "list"], summary: "", options: [OptionSpec("limit", value: "N", help: "")])
        let numbers = CommandLineParser(commands: [spec], globalOptions: [])
        guard case .command(let good, _) = try numbers.parse(["jobs", "list", "--limit", "20"]),
            case .command(let bad, _) = try numbers.parse(["jobs", "list", "--limit", "many"])
        else {
            Issue.record("not parsed as commands")
            return
        }
        #expect(try good.integer("limit") == 20)
        #expect(try good.integer("missing") == nil)
        #expect(throws: UsageError.self) { try bad.integer("limit") }
    }
}
