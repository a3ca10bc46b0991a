import ECDropCore
import ECDropTesting
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("ecdrop run reloads its rules", .serialized)
struct DaemonReloadTests {
    static func rule(_ name: String) -> String {
        """
        rules:
          - name: \(name)
            match:
              all:
                - build.custom.channel: {equals: quickstart}
            regions: [cn-hangzhou]
            upload:
              OssObjectPath: "https://b.oss-cn-hangzhou.aliyuncs.com/{{ build.name }}.vhd"
              ImageName: "{{ build.name | image_name }}"
              OsType: Windows
              GpuCategory: false

        """
    }

    /// Writes `text` the way editors save: a hidden temporary file renamed over the target.
    func renameSave(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = folder + "/." + (path as NSString).lastPathComponent + ".swp"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        #expect(rename(temporary, path) == 0)
    }

    @Test("SIGHUP and rename-saves reload the rules; a broken set is refused, logged, and the old one kept")
    func reloads() async throws {
        let folder = try TemporaryFolder("ecdrop-reload")
        try FileManager.default.createDirectory(atPath: folder.path("rules"), withIntermediateDirectories: true)
        try Self.rule("first").write(toFile: folder.path("rules/a.yaml"), atomically: true, encoding: .utf8)
        try "state_dir: state\nrules_dir: rules\nwebhook: null\nresults:\n  folder: results\n".write(
            toFile: folder.path("ecdrop.yaml"), atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(
            ["run", "--config", "ecdrop.yaml"], environment: ["PATH": "/usr/bin:/bin"], folder: folder)
        #expect(await daemon.waitForLog("msg=\"rules loaded\"", "rules.count=1"))
        #expect(await daemon.waitForLog("msg=\"ecdrop serving\""))
        // The watch is set up right after the serving line; give it a moment.
        try await Task.sleep(nanoseconds: 300_000_000)

        try renameSave("rules:\n  - name: broken\n    mach: {}\n", to: folder.path("rules/b.yaml"))
        #expect(await daemon.waitForLog("msg=\"rules reload refused; previous rules kept\""))
        #expect(daemon.count("msg=\"rules diagnostic\"", "b.yaml:3:5") >= 1)

        try renameSave(Self.rule("second"), to: folder.path("rules/b.yaml"))
        #expect(await daemon.waitForLog("msg=\"rules reloaded\"", "rules.count=2"))

        daemon.signal(SIGHUP)
        #expect(await daemon.waitForLog("msg=\"rules reloaded\"", "reason=SIGHUP", "rules.count=2"))
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
    }

    @Test("a broken rule set at start is refused with positioned errors and exit status 78")
    func brokenAtStart() throws {
        let folder = try TemporaryFolder("ecdrop-reload")
        try FileManager.default.createDirectory(atPath: folder.path("rules"), withIntermediateDirectories: true)
        try "rules:\n  - name: x\n    matchs: {}\n".write(
            toFile: folder.path("rules/a.yaml"), atomically: true, encoding: .utf8)
        try "state_dir: state\nrules_dir: rules\nwebhook: null\n".write(
            toFile: folder.path("ecdrop.yaml"), atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(
            try BuiltBinary.path(), ["run", "--config", "ecdrop.yaml", "--check"],
            environment: ["PATH": "/usr/bin:/bin"],
            currentDirectory: folder.path)
        #expect(result.status == ExitCode.config.rawValue)
        #expect(result.standardError.contains("rules/a.yaml:3:5: error:"))
    }
}
