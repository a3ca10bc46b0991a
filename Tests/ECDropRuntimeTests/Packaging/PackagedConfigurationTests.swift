import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("packaging/ecdrop.yaml, the installed default configuration")
struct PackagedConfigurationTests {
    @Test("loads without errors when systemd hands over the credentials the unit names")
    func loads() throws {
        let credentials = try TemporaryFolder("ecdrop-credentials")
        defer { withExtendedLifetime(credentials) {} }
        for name in ["webhook.secret", "access_key_id", "access_key_secret"] {
            let path = credentials.path(name)
            try Data("value-of-\(name)\n".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        }
        let loader = ConfigurationLoader(environment: ["CREDENTIALS_DIRECTORY": credentials.path])

        let loaded = try loader.load(file: SourceTree.path("packaging/ecdrop.yaml"))
        let configuration = loaded.configuration
        #expect(configuration.stateDir == "/var/lib/ecdrop")
        #expect(configuration.rulesDir == "/etc/ecdrop/rules.d")
        #expect(configuration.drop.map(\.path) == ["/srv/ecdrop/drop"])
        #expect(configuration.ecd.accessKeyIdFile == credentials.path("access_key_id"))
        #expect(loaded.secrets.webhook.map(\.revealed) == ["value-of-webhook.secret"])
        #expect(!loaded.warnings.contains { $0.severity == .error })
    }
}
