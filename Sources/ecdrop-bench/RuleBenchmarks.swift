import ECDropCore
import ECDropYAML
import Foundation

/// Rule evaluation on a realistic set: 50 rules mixing every operator and combinator, matched
/// against a Packer manifest that only the last rule takes, so every rule is evaluated and one
/// renders two jobs (two regions). The rate is rules evaluated per second.
enum RuleBenchmarks {
    static let ruleCount = 50

    static var all: [BenchmarkCase] {
        [evaluation, manifestDecoding]
    }

    static let evaluation = BenchmarkCase(name: "rules.evaluate_50", unit: "rules evaluated", unitsPerCall: ruleCount) {
        let ruleSet = try loadRuleSet()
        let manifest = try ManifestDecoder.decode(manifestBytes(team: ruleCount - 1), origin: "bench.json")
        let options = PlanningOptions(source: "drop", origin: "bench.json")
        let check = RulesEngine.evaluate(manifest, with: ruleSet, options: options)
        guard check.outcome.jobs.count == 2 else {
            throw BenchmarkOptions.Problem(
                description: "the bench manifest should plan 2 jobs, planned \(check.outcome.jobs.count)")
        }
        return {
            RulesEngine.evaluate(manifest, with: ruleSet, options: options).outcome.jobs.count
        }
    }

    static let manifestDecoding = BenchmarkCase(name: "manifest.decode_packer", unit: "manifests") {
        let bytes = manifestBytes(team: 7)
        return { try ManifestDecoder.decode(bytes, origin: "bench.json").builds.count }
    }

    static func loadRuleSet() throws -> RuleSet {
        let document = try YAMLLoader.load(Data(rulesYAML().utf8), file: "bench-rules.yaml")
        return try RuleSetParser.parse([RulesFile(name: "bench-rules.yaml", document: document)])
    }

    static func rulesYAML() -> String {
        var text = "rules:\n"
        for index in 0..<ruleCount {
            let team = String(format: "team-%02d", index)
            text += """
                  - name: publish-\(team)
                    match:
                      all:
                        - build.custom.team: {equals: \(team)}
                        - artifact.name: {glob: "*.vhd"}
                        - any:
                            - build.name: {regex: "^win1[01]-[a-z]+$"}
                            - build.custom.channel: {in: [nightly, weekly, release]}
                        - not: {artifact.size: {lt: 10GiB}}
                        - build.custom.os_version: {exists: true}
                    regions: [cn-hangzhou, cn-shanghai]
                    upload:
                      OssObjectPath: "https://builds-{{ region }}.oss-{{ region }}.aliyuncs.com/{{ build.custom.oss_key }}"
                      ImageName: "{{ build.name | image_name }}-{{ build.time | date: '%Y%m%d-%H%M%S' }}"
                      Description: "\(team) image from run {{ build.run_id | truncate: 8 }}"
                      OsType: Windows
                      GpuCategory: false

                """
        }
        return text
    }

    static func manifestBytes(team: Int) -> Data {
        let run = "6f1c2d3e-0a1b-4c5d-8e9f-\(String(format: "%012d", team))"
        let text = """
            {"builds": [{"name": "win11-golden", "builder_type": "qemu", "build_time": 1767225600,
              "files": [{"name": "output/win11-golden.vhd", "size": 42949672960}],
              "artifact_id": "win11-golden", "packer_run_uuid": "\(run)",
              "custom_data": {"team": "\(String(format: "team-%02d", team))", "channel": "nightly",
                "oss_key": "win11/\(run).vhd", "os_version": "Windows 11 23H2"}}],
             "last_run_uuid": "\(run)"}
            """
        return Data(text.utf8)
    }
}
