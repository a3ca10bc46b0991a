import ECDropCore
import ECDropRuntime
import Foundation
import Testing

@Suite("Loading a rules folder from disk")
struct RulesFolderTests {
    @Test("files load in name order, rules in file order; hidden and other files are ignored")
    func order() throws {
        let folder = try RulesTestFolder()
        try folder.write("20-b.yaml", "rules:\n" + RulesTestFolder.rule("b1") + RulesTestFolder.rule("b2"))
        try folder.write("10-a.yml", "rules:\n" + RulesTestFolder.rule("a1"))
        try folder.write("3-c.yaml", "rules:\n" + RulesTestFolder.rule("c1"))
        try folder.write(".hidden.yaml", "rules: [oops")
        try folder.write("notes.txt", "not rules")
        let read = try RulesFolder.read(folder.path)
        #expect(read.files.map { ($0 as NSString).lastPathComponent } == ["10-a.yml", "20-b.yaml", "3-c.yaml"])
        #expect(read.ruleSet?.rules.map(\.name) == ["a1", "b1", "b2", "c1"])
        #expect(read.diagnostics.isEmpty)
    }

    @Test("one bad file rejects the whole folder, with every error of every file listed in order")
    func oneBadFileRejectsAll() throws {
        let folder = try RulesTestFolder()
        try folder.write("10-good.yaml", "rules:\n" + RulesTestFolder.rule("good"))
        let bad = try folder.write(
            "20-bad.yaml",
            """
            rules:
              - name: bad
                match:
                  build.name: {globb: "win11-*"}
                regions: [cn-hangzhou]
                upload: {OssObjectPath: "oss://b/x.vhd", ImageName: x1, GpuCategory: false, DataDiskSize: 20}

            """)
        let broken = try folder.write("30-broken.yaml", "rules:\n  - name: [unclosed\n")
        let read = try RulesFolder.read(folder.path)
        #expect(read.ruleSet == nil)
        #expect(read.errors.map(\.code) == ["rules.unknown_operator", "upload.data_disk_size", "yaml.syntax"])
        #expect(read.errors.map { $0.location?.file } == [bad, bad, broken])
        #expect(read.errors.first?.location?.line == 4)
        #expect(read.errors.first?.location?.column == 20)
        #expect(throws: RuleSetError.self) { try RulesFolder.load(folder.path) }
    }

    @Test("rendered diagnostics show the line and a caret under the column")
    func caret() throws {
        let folder = try RulesTestFolder()
        try folder.write("a.yaml", "rules:\n  - name: a\n    matchs: {}\n")
        let lines = try RulesFolder.read(folder.path).renderedDiagnostics()
        let unknown = try #require(lines.first { $0.contains("unknown key 'matchs'") })
        #expect(unknown.hasSuffix("did you mean 'match'?\n        matchs: {}\n        ^"))
    }

    @Test("a folder that does not exist is an error naming it; an empty one only warns")
    func missingAndEmpty() throws {
        let error = #expect(throws: RulesFolderError.self) { try RulesFolder.read("/nonexistent/rules.d") }
        #expect(error?.message.contains("/nonexistent/rules.d") == true)
        #expect(error?.exitCode == .config)
        let folder = try RulesTestFolder()
        let read = try RulesFolder.read(folder.path)
        #expect(read.ruleSet?.rules.isEmpty == true)
        #expect(read.diagnostics.map(\.code) == ["rules.empty_folder"])
    }
}
