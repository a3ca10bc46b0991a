import ECDropCore
import ECDropYAML
import Foundation

/// A rule file: YAML, the rule parser (operators, regexes, globs, templates, constraints), and
/// when it loads, an evaluation against a fixed manifest.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard let document = try? YAMLLoader.load(data, file: "rules.yaml") else { return 0 }
    let ruleSet: RuleSet
    do {
        ruleSet = try RuleSetParser.parse([RulesFile(name: "rules.yaml", document: document)])
    } catch {
        _ = error.message.count
        return 0
    }
    if let manifest = try? ManifestDecoder.decode(FuzzRulesManifest.bytes, origin: "fuzz.json") {
        _ = RulesEngine.evaluate(manifest, with: ruleSet, options: PlanningOptions()).outcome.jobs.count
    }
    return 0
}

enum FuzzRulesManifest {
    static let bytes = Data(
        """
        {"builds": [{"name": "win11-golden", "builder_type": "qemu", "build_time": 1767225600,
          "files": [{"name": "out/win11.vhd", "size": 42949672960}], "artifact_id": "a",
          "packer_run_uuid": "6f1c2d3e-0a1b-4c5d-8e9f-000000000001",
          "custom_data": {"channel": "nightly", "oss_key": "win11/a.vhd", "team": "t"}}],
         "last_run_uuid": "6f1c2d3e-0a1b-4c5d-8e9f-000000000001"}
        """.utf8)
}
