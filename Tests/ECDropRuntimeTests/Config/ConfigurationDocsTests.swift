import ECDropCore
import Foundation
import Testing

@testable import ECDropRuntime

@Suite("The documented configuration matches the loader")
struct ConfigurationDocsTests {
    static let root = ConfigTestFolder.repositoryRoot

    func text(_ path: String) throws -> String {
        try String(contentsOfFile: Self.root + "/" + path, encoding: .utf8)
    }

    @Test("every key the loader knows appears in the documented example")
    func everyKeyDocumented() throws {
        let example = try text("docs/ecdrop.example.yaml")
        let names =
            ConfigurationKey.all.map(\.name) + DropFolderKey.all.map(\.name) + DropFolderKey.listKeys
            + ReporterKey.all.map(\.name)
        for name in names {
            #expect(example.contains("\(name):"), "docs/ecdrop.example.yaml does not document '\(name)'")
        }
    }

    @Test("the README's configuration block is the documented example")
    func readmeShowsExample() throws {
        let readme = try text("README.md")
        let lines = try text("docs/ecdrop.example.yaml").split(separator: "\n").filter { !$0.hasPrefix("#") }
        for line in lines {
            #expect(readme.contains(line), "README.md lacks the example line '\(line)'")
        }
    }

    @Test("the quickstart configuration loads once the quickstart script has made its secrets")
    func quickstartLoads() throws {
        let folder = try ConfigTestFolder()
        try folder.write("quickstart/ecdrop.yaml", try text("quickstart/ecdrop.yaml"))
        for name in ["webhook.secret", "access_key_id", "access_key_secret"] {
            try folder.write(".quickstart/\(name)", "generated\n")
        }
        let loaded = try ConfigurationLoader(environment: [:], workingDirectory: folder.path)
            .load(file: "quickstart/ecdrop.yaml")
        let config = loaded.configuration
        #expect(loaded.warnings.isEmpty)
        #expect(config.ecd.endpoint == "http://127.0.0.1:9000")
        #expect(config.drop.first?.path == folder.path + "/.quickstart/drop")
        #expect(config.rulesDir == folder.path + "/quickstart/rules")
        #expect(config.webhook.listen == "127.0.0.1:8787")
        #expect(loaded.secrets.webhook == [Secret("generated")])
    }
}
