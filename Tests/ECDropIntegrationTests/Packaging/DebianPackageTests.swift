import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("scripts/build-deb and the package it makes")
struct DebianPackageTests {
    /// A package built from the test build's binary into a scratch folder.
    struct Built {
        var folder: TemporaryFolder
        var deb: String
        var buildLog: ProcessRunner.Result

        init() throws {
            folder = try TemporaryFolder("ecdrop-deb")
            let script = SourceTree.path("scripts/build-deb")
            buildLog = try ProcessRunner.run(
                script, ["--binary", try BuiltBinary.path(), "--out", folder.path("out"), "--fast"], timeout: 300)
            deb = buildLog.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        }

        func dpkgDeb(_ arguments: String...) throws -> ProcessRunner.Result {
            try ProcessRunner.run("/usr/bin/dpkg-deb", arguments, timeout: 120)
        }
    }

    /// One build serves every check: packaging takes a while on a busy machine.
    @Test("build-deb makes a package with the right files, control data and a binary that runs")
    func package() throws {
        let built = try Built()
        defer { withExtendedLifetime(built.folder) {} }
        #expect(built.buildLog.status == 0, "\(built.buildLog.standardError)")
        guard built.buildLog.status == 0 else { return }

        try checkContents(built)
        try checkControl(built)
        try checkScratchRoot(built)
    }

    /// The binary, the unit, the config, the docs and the state folder, with their modes.
    func checkContents(_ built: Built) throws {
        let listing = try built.dpkgDeb("-c", built.deb)
        #expect(listing.status == 0)
        let entries = Self.entries(listing.standardOutput)
        let expected = [
            "./usr/bin/ecdrop", "./lib/systemd/system/ecdrop.service", "./etc/ecdrop/ecdrop.yaml",
            "./etc/ecdrop/rules.d/", "./usr/share/doc/ecdrop/ecdrop.txt", "./usr/share/doc/ecdrop/README.md",
            "./usr/share/doc/ecdrop/examples/rules/", "./var/lib/ecdrop/",
        ]
        for path in expected {
            #expect(entries[path] != nil, "missing \(path)")
        }
        #expect(entries["./usr/bin/ecdrop"]?.hasPrefix("-rwxr-xr-x root/root") == true)
        #expect(entries["./etc/ecdrop/ecdrop.yaml"]?.hasPrefix("-rw-r--r-- root/root") == true)
        for rule in Self.exampleRules() {
            #expect(entries["./usr/share/doc/ecdrop/examples/rules/\(rule)"] != nil, "missing example rule \(rule)")
        }
    }

    /// The version from `ecdrop --version`, the dependencies, the conffile and maintainer scripts.
    func checkControl(_ built: Built) throws {
        #expect(built.deb.hasSuffix("ecdrop_\(EntryPoint.version)_\(try Self.architecture()).deb"))

        let info = try built.dpkgDeb("-I", built.deb)
        #expect(info.status == 0)
        #expect(info.standardOutput.contains(" Package: ecdrop\n"))
        #expect(info.standardOutput.contains(" Version: \(EntryPoint.version)\n"))
        #expect(info.standardOutput.contains("libyaml-0-2 (>= "))
        #expect(info.standardOutput.contains("adduser"))
        for script in ["postinst", "prerm", "postrm", "conffiles"] {
            #expect(info.standardOutput.contains(" \(script) "), "no \(script) in the control archive")
        }

        let control = built.folder.path("control")
        #expect(try built.dpkgDeb("-e", built.deb, control).status == 0)
        let conffiles = try String(contentsOfFile: control + "/conffiles", encoding: .utf8)
        #expect(conffiles == "/etc/ecdrop/ecdrop.yaml\n")
        let postinst = try String(contentsOfFile: control + "/postinst", encoding: .utf8)
        #expect(postinst.contains("adduser --system"))
        #expect(postinst.contains("useradd --system"))
        let postrm = try String(contentsOfFile: control + "/postrm", encoding: .utf8)
        #expect(postrm.contains("purge)"))
        for script in ["postinst", "prerm", "postrm"] {
            let check = try ProcessRunner.run("/bin/sh", ["-n", control + "/" + script])
            #expect(check.status == 0, "\(script): \(check.standardError)")
        }
    }

    /// The binary unpacked into a scratch root runs; the help page covers every command.
    func checkScratchRoot(_ built: Built) throws {
        let root = built.folder.path("root")
        #expect(try built.dpkgDeb("-x", built.deb, root).status == 0)

        let version = try ProcessRunner.run(root + "/usr/bin/ecdrop", ["--version"])
        #expect(version.status == 0)
        #expect(version.standardOutput == "ecdrop \(EntryPoint.version)\n")

        let page = try String(contentsOfFile: root + "/usr/share/doc/ecdrop/ecdrop.txt", encoding: .utf8)
        #expect(page.hasPrefix("ECDROP(1)"))
        for spec in CommandRegistry.specs {
            #expect(page.contains("COMMAND: ecdrop \(spec.name)\n"), "no help for \(spec.name)")
            #expect(page.contains("USAGE: \(spec.usage)"))
        }
    }

    @Test(
        "build-deb refuses bad arguments with a clear status",
        arguments: [
            (["--bogus"], ExitCode.usage), (["--out"], .usage), (["--binary", "/nonexistent/ecdrop"], .noInput),
            (["--binary", "/bin/true"], .dataError),
        ])
    func badArguments(_ arguments: [String], _ status: ExitCode) throws {
        let result = try ProcessRunner.run(SourceTree.path("scripts/build-deb"), arguments)
        #expect(result.status == status.rawValue)
        #expect(result.standardError.contains("build-deb: ") || result.standardError.contains("usage: "))
        #expect(result.standardOutput.isEmpty)
    }

    /// `dpkg-deb -c` lines keyed by path.
    static func entries(_ listing: String) -> [String: String] {
        var entries: [String: String] = [:]
        for line in listing.split(separator: "\n") {
            guard let path = line.split(separator: " ", omittingEmptySubsequences: true).last else { continue }
            entries[String(path)] = String(line)
        }
        return entries
    }

    static func exampleRules() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: SourceTree.path("rules"))) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
    }

    static func architecture() throws -> String {
        try ProcessRunner.run("/usr/bin/dpkg", ["--print-architecture"]).standardOutput
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
