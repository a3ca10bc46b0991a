import ECDropCore
import Testing

@Suite("HelpText")
struct HelpTextTests {
    @Test("the overview lists every command, the global options and every exit status")
    func overview() {
        let commands = CommandLineParserTests.commands
        let text = HelpText.overview(commands: commands, globalOptions: CommandLineParserTests.global, version: "9.8.7")

        #expect(text.hasPrefix("ecdrop 9.8.7: "))
        for command in commands { #expect(text.contains("  \(command.name)  ")) }
        #expect(text.contains("--log-format FORMAT"))
        #expect(text.contains("-V, --version"))
        for code in ExitCode.allCases {
            #expect(text.contains("\n  \(code.rawValue) "), "exit status \(code.rawValue) is not documented")
        }
    }

    @Test("a command page shows usage, arguments and options")
    func command() {
        let spec = CommandLineParserTests.commands[4]
        let text = HelpText.command(spec, globalOptions: [])
        #expect(text.contains("USAGE: ecdrop jobs show JOB [FIELD]"))
        #expect(text.contains("ARGUMENTS:"))
        #expect(text.contains("-h, --help"))
    }

    @Test("a group page lists only the group's subcommands")
    func group() {
        let text = HelpText.group(["rules"], commands: CommandLineParserTests.commands)
        #expect(text.contains("rules check"))
        #expect(text.contains("rules test"))
        #expect(!text.contains("images list"))
    }
}
