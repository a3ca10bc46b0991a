import ECDropCore
import ECDropRuntime
import Testing

@Suite("EntryPoint")
struct EntryPointTests {
    @Test("--version prints the name and version and succeeds", arguments: ["--version", "-V"])
    func version(_ flag: String) async {
        let output = BufferedOutput()
        let status = await EntryPoint.main([flag], output: output, environment: [:])
        #expect(status == ExitCode.success.rawValue)
        #expect(output.text == "ecdrop \(EntryPoint.version)\n")
    }

    @Test("--help lists every registered command")
    func help() async {
        let output = BufferedOutput()
        let status = await EntryPoint.main(["--help"], output: output, environment: [:])
        #expect(status == 0)
        for spec in CommandRegistry.specs {
            #expect(output.text.contains("  \(spec.name) "), "help does not list '\(spec.name)'")
        }
    }

    @Test("every command has its own help page", arguments: CommandRegistry.specs.map(\.path))
    func commandHelp(_ path: [String]) async {
        let output = BufferedOutput()
        let status = await EntryPoint.main(path + ["--help"], output: output, environment: [:])
        #expect(status == 0)
        #expect(output.text.contains("USAGE: ecdrop \(path.joined(separator: " "))"))
    }

    @Test(
        "usage mistakes exit 64 and print nothing on stdout", arguments: [["rnu"], ["--verison"], ["run", "--confg"]])
    func usage(_ words: [String]) async {
        let output = BufferedOutput()
        #expect(await EntryPoint.main(words, output: output, environment: [:]) == ExitCode.usage.rawValue)
        #expect(output.text.isEmpty)
    }

    @Test(
        "a bad log format or level is a usage error",
        arguments: [
            ["--log-format", "xml", "--help"], ["--log-level", "loud", "run"], ["--log-format=jsn", "run"],
        ])
    func badLogging(_ words: [String]) async {
        let status = await EntryPoint.main(words, output: BufferedOutput(), environment: [:])
        // "--help" wins over a bad value because help needs no logging; anything else is refused.
        #expect(status == (words.contains("--help") ? 0 : ExitCode.usage.rawValue))
    }
}
