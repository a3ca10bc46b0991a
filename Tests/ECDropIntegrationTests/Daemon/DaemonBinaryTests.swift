import ECDropCore
import ECDropTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("ecdrop run: the real binary", .serialized)
struct DaemonBinaryTests {
    /// A folder with a configuration file and the usual sub-folders.
    func setUp(_ yaml: String = "") throws -> TemporaryFolder {
        let folder = try TemporaryFolder("ecdrop-daemon")
        for name in ["state", "rules", "drop", "results"] {
            try FileManager.default.createDirectory(atPath: folder.path(name), withIntermediateDirectories: true)
        }
        let config = """
            state_dir: state
            rules_dir: rules
            drop:
              - path: drop
                settle: 200ms
            webhook:
              listen: 127.0.0.1:0
            results:
              folder: results
            pipeline:
              shutdown_grace: 2s

            """
        try (config + yaml).write(toFile: folder.path("ecdrop.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "ECDROP_WEBHOOK_SECRET": "integration-secret"]
        environment.merge(extra) { _, new in new }
        return environment
    }

    @Test("--check accepts a good configuration and refuses a bad one with positioned errors")
    func checkMode() throws {
        let folder = try setUp()
        let binary = try BuiltBinary.path()
        let good = try ProcessRunner.run(
            binary, ["run", "--config", "ecdrop.yaml", "--check"], environment: environment(),
            currentDirectory: folder.path)
        #expect(good.status == 0)
        #expect(good.standardOutput.contains("configuration OK: ecdrop.yaml"))

        try "ecd:\n  concurency: 4\nwebhook:\n  secret: inline\n".write(
            toFile: folder.path("bad.yaml"), atomically: true, encoding: .utf8)
        let bad = try ProcessRunner.run(
            binary, ["run", "--config", "bad.yaml", "--check"], environment: environment(),
            currentDirectory: folder.path)
        #expect(bad.status == ExitCode.config.rawValue)
        #expect(
            bad.standardError.contains(
                "bad.yaml:2:3: error: unknown key 'concurency' in 'ecd'; did you mean 'concurrency'?"))
        #expect(bad.standardError.contains("bad.yaml:4:3: error: 'secret' would put a secret"))
        #expect(!bad.standardError.contains("inline"))
    }

    @Test("a missing --config file is an input error naming the file")
    func missingConfig() throws {
        let folder = try setUp()
        let result = try ProcessRunner.run(
            try BuiltBinary.path(), ["run", "--config", "absent.yaml"], environment: environment(),
            currentDirectory: folder.path)
        #expect(result.status == ExitCode.noInput.rawValue)
        #expect(result.standardError.contains("absent.yaml"))
    }

    @Test(
        "it tells systemd it is ready, serves, and on SIGTERM or SIGINT says it is stopping and exits 0",
        arguments: [SIGTERM, SIGINT])
    func readyAndStop(signal: Int32) async throws {
        let folder = try setUp()
        let socket = folder.path("notify.sock")
        let listener = try NotifyListener(name: socket)
        let daemon = try DaemonProcess(
            ["run", "--config", "ecdrop.yaml"], environment: environment(["NOTIFY_SOCKET": socket]), folder: folder)

        #expect(listener.receive()?.hasPrefix("READY=1") == true)
        #expect(await daemon.waitForLog("msg=\"ecdrop serving\"", "drop.folders=\(folder.path("drop"))"))
        daemon.signal(signal)
        #expect(await daemon.waitForExit() == 0)
        #expect(listener.receive() == "STOPPING=1")
        #expect(daemon.count("msg=\"ecdrop stopped\"") == 1)
    }
}
