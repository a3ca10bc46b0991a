import ECDropTesting
import Foundation
import Testing

@Suite("packaging/ecdrop.service")
struct SystemdUnitTests {
    static let analyzer = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static func unitText() throws -> String {
        try String(contentsOfFile: SourceTree.path("packaging/ecdrop.service"), encoding: .utf8)
    }

    /// A copy of the unit whose ExecStart names the binary just built: systemd-analyze checks
    /// that the program exists, and /usr/bin/ecdrop is not installed where tests run.
    static func writeUnit(into folder: TemporaryFolder) throws -> String {
        let unit = try unitText().replacingOccurrences(
            of: "ExecStart=/usr/bin/ecdrop ", with: "ExecStart=\(try BuiltBinary.path()) ")
        let path = folder.path("ecdrop.service")
        try unit.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(
        "systemd-analyze verify accepts the unit without a single warning",
        .enabled(if: analyzer != nil, "systemd-analyze is not installed (Debian package systemd; scripts/setup test)"))
    func verify() throws {
        let folder = try TemporaryFolder("ecdrop-unit")
        defer { withExtendedLifetime(folder) {} }
        let unit = try Self.writeUnit(into: folder)

        let result = try ProcessRunner.run(try #require(Self.analyzer), ["verify", unit])
        let complaints = (result.standardOutput + result.standardError).split(separator: "\n")
            .filter { $0.contains("ecdrop.service") }
        #expect(result.status == 0, "\(result.standardError)")
        #expect(complaints.isEmpty, "\(complaints.joined(separator: "\n"))")
    }

    @Test(
        "systemd-analyze security rates the unit's exposure at 2.5 or lower (of 10)",
        .enabled(if: analyzer != nil, "systemd-analyze is not installed (Debian package systemd; scripts/setup test)"))
    func exposure() throws {
        let folder = try TemporaryFolder("ecdrop-unit")
        defer { withExtendedLifetime(folder) {} }
        let unit = try Self.writeUnit(into: folder)

        // The threshold is in tenths: 25 means an overall exposure of 2.5.
        let result = try ProcessRunner.run(
            try #require(Self.analyzer),
            ["security", "--offline=true", "--threshold=25", "--no-pager", unit])
        let overall = result.standardOutput.split(separator: "\n").filter { $0.contains("Overall exposure") }
        #expect(result.status == 0, "\(overall.joined()) \(result.standardError)")
    }

    static let required: [(key: String, value: String)] = [
        ("Type", "notify"), ("User", "ecdrop"), ("Group", "ecdrop"),
        ("ExecStart", "/usr/bin/ecdrop run --config /etc/ecdrop/ecdrop.yaml"),
        ("ExecReload", "/bin/kill -HUP $MAINPID"), ("Restart", "on-failure"), ("WatchdogSec", "30s"),
        ("StateDirectory", "ecdrop"), ("ReadWritePaths", "-/srv/ecdrop"), ("ProtectSystem", "strict"),
        ("ProtectHome", "yes"), ("PrivateTmp", "yes"), ("NoNewPrivileges", "yes"), ("CapabilityBoundingSet", ""),
        ("LoadCredential", "webhook.secret:/etc/ecdrop/credentials/webhook.secret"),
        ("LoadCredential", "access_key_id:/etc/ecdrop/credentials/access_key_id"),
        ("LoadCredential", "access_key_secret:/etc/ecdrop/credentials/access_key_secret"),
        ("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX AF_NETLINK"),
        ("SystemCallFilter", "@system-service"), ("WantedBy", "multi-user.target"),
    ]

    @Test("the unit runs as its own user, notifies, and confines itself", arguments: required)
    func setting(_ key: String, _ value: String) throws {
        let settings = try Self.unitText().split(separator: "\n")
            .filter { !$0.hasPrefix("#") && $0.contains("=") }
            .map { line -> (String, String) in
                let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(parts[0]), String(parts[1]))
            }
        #expect(settings.contains { $0 == (key, value) }, "\(key)=\(value) is not set")
    }

    @Test("the unit writes nowhere but its state and drop folders")
    func writablePaths() throws {
        let writable = try Self.unitText().split(separator: "\n").filter {
            $0.hasPrefix("ReadWritePaths=") || $0.hasPrefix("StateDirectory=") || $0.hasPrefix("LogsDirectory=")
                || $0.hasPrefix("CacheDirectory=") || $0.hasPrefix("RuntimeDirectory=")
        }
        #expect(writable.sorted() == ["ReadWritePaths=-/srv/ecdrop", "StateDirectory=ecdrop"])
    }
}
