import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("The built ecdrop binary")
struct BinarySmokeTests {
    @Test("--version prints the version and exits 0")
    func version() throws {
        let result = try ProcessRunner.run(try BuiltBinary.path(), ["--version"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "ecdrop \(EntryPoint.version)\n")
    }

    @Test("--help lists the commands on stdout")
    func help() throws {
        let result = try ProcessRunner.run(try BuiltBinary.path(), ["--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("USAGE: ecdrop <command>"))
        #expect(result.standardOutput.contains("rules check"))
        #expect(result.standardError.isEmpty)
    }

    @Test("a mistyped command exits 64 with the closest spelling on stderr")
    func typo() throws {
        let result = try ProcessRunner.run(try BuiltBinary.path(), ["rnu"])
        #expect(result.status == ExitCode.usage.rawValue)
        #expect(result.standardError.contains("did you mean 'run'?"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test("the lookup finds the executable named ecdrop and refuses names that were not built")
    func override() throws {
        let found = try BuiltBinary.path()
        #expect(FileManager.default.isExecutableFile(atPath: found))
        #expect(URL(fileURLWithPath: found).lastPathComponent == "ecdrop")
        #expect(throws: BuiltBinaryError.self) { try BuiltBinary.path("no-such-program-\(UUID().uuidString)") }
    }
}
