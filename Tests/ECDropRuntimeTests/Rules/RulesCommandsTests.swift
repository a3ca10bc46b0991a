import ECDropCore
import ECDropRuntime
import Foundation
import Testing

@Suite("ecdrop rules check and rules test")
struct RulesCommandsTests {
    static let fixtures = RepositoryFiles.path("Tests/ECDropCoreTests/Fixtures")
    static let rules = RepositoryFiles.path("rules")

    static func run(_ arguments: [String], environment: [String: String] = [:]) async -> (Int32, String) {
        let output = BufferedOutput()
        let status = await EntryPoint.main(arguments, output: output, environment: environment)
        return (status, output.text)
    }

    @Test("check passes the worked examples with exit status 0")
    func checkValid() async {
        let (status, text) = await Self.run(["rules", "check", Self.rules])
        #expect(status == 0)
        #expect(text.contains("valid: 3 rule(s) in 3 file(s), 0 error(s), 0 warning(s)"))
    }

    @Test("check prints every diagnostic with its caret and exits 78")
    func checkInvalid() async throws {
        let folder = try RulesTestFolder()
        try folder.write("a.yaml", "rules:\n  - name: a\n    matchs: {}\n")
        try folder.write("b.yaml", "rules: [")
        let (status, text) = await Self.run(["rules", "check", folder.path])
        #expect(status == 78)
        #expect(text.contains("a.yaml:3:5: error: unknown key 'matchs' in a rule; did you mean 'match'?"))
        #expect(text.contains("    ^"))
        #expect(text.contains("b.yaml:"))
        #expect(text.contains("invalid: 0 rule(s) in 2 file(s)"))
    }

    @Test("check takes rules_dir from the configuration file")
    func checkFromConfig() async throws {
        let folder = try RulesTestFolder()
        let config = try folder.write("ecdrop.yaml", "rules_dir: \(Self.rules)\n")
        let (status, text) = await Self.run(["rules", "check", "--config", config])
        #expect(status == 0)
        #expect(text.hasPrefix(Self.rules))
    }

    @Test("test explains each rule per build and prints the requests, sending nothing")
    func testExplains() async {
        let (status, text) = await Self.run(
            ["rules", "test", "\(Self.fixtures)/packer/one-run.json", "--rules", Self.rules])
        #expect(status == 0)
        #expect(text.contains("no match  win11-nightly: "))
        #expect(text.contains("10-nightly.yaml:7:24: build.name glob 'win11-*' saw 'win10-ltsc'"))
        #expect(text.contains("skipped   unpublished: the final rule 'win11-nightly' matched this build first"))
        #expect(text.contains("    OssObjectPath: https://golden.oss-cn-shanghai.aliyuncs.com/images/win11-ent.vhd"))
        #expect(text.contains("    ImageName: win11-pro-20261203"))
        #expect(text.contains("4 job(s), 0 problem(s), 1 report-only match(es)"))
    }

    @Test("test --json gives the verdicts and the requests with the API's names")
    func testJSON() async throws {
        let (status, text) = await Self.run(
            ["rules", "test", "\(Self.fixtures)/packer/plain.json", "--rules", Self.rules, "--json"])
        #expect(status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let jobs = try #require(object["jobs"] as? [[String: Any]])
        let request = try #require(jobs.first?["request"] as? [String: Any])
        #expect(request["GpuDriverType"] as? String == "gpu_grid12")
        #expect(request["RegionId"] as? String == "cn-shanghai")
        let builds = try #require(object["builds"] as? [[String: Any]])
        #expect(builds.count == 1)
    }

    @Test(
        "test exit statuses: bad manifest 65, missing manifest 66, nothing matched 2, render problem 1",
        arguments: [
            ("packer/truncated.json", 65), ("packer/empty.json", 65), ("native/absent.json", 66),
            ("packer/plain.json", 2), ("packer/two-runs.json", 1),
        ] as [(String, Int32)])
    func testStatuses(fixture: String, expected: Int32) async throws {
        let folder = try RulesTestFolder()
        try folder.write(
            "a.yaml",
            """
            rules:
              - name: runs-all
                runs: all
                match: {build.name: {glob: "win11-*"}}
                regions: [cn-hangzhou]
                upload:
                  OssObjectPath: "oss://b/{{ build.custom.oss_key }}"
                  ImageName: "{{ build.name }}"
                  GpuCategory: false

            """)
        let (status, _) = await Self.run(["rules", "test", "\(Self.fixtures)/\(fixture)", "--rules", folder.path])
        #expect(status == expected)
    }

    @Test("test refuses invalid rules with 78 before reading the manifest")
    func testInvalidRules() async throws {
        let folder = try RulesTestFolder()
        try folder.write("a.yaml", "rules:\n  - name: a\n")
        let (status, text) = await Self.run(["rules", "test", "/nonexistent.json", "--rules", folder.path])
        #expect(status == 78)
        #expect(text.contains("rule 'a' needs 'match:'"))
    }
}
