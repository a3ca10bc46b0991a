import ECDropCore
import Foundation

/// A planner that turns a tiny test manifest into jobs: the bytes are JSON
/// `{"run": "r1", "builds": ["win11"], "rules": ["a"], "regions": ["cn-hangzhou"]}`, one job per
/// build × rule × region, ImageName `<build>-<run>-<rule>`. Empty bytes are "incomplete";
/// bytes that are not that JSON are "invalid".
public struct FakeJobPlanner: JobPlanner {
    struct Manifest: Decodable {
        var run: String
        var builds: [String]
        var rules: [String]
        var regions: [String]
        var reporters: [String]?
        var deadline: TimeInterval?
        var broken: [String]?
    }

    public init() {}

    public func plan(_ manifest: IncomingManifest) throws -> PlanOutcome {
        guard !manifest.bytes.isEmpty else { throw IntakeError(.incomplete, "\(manifest.origin) is empty") }
        guard let parsed = try? JSONDecoder().decode(Manifest.self, from: manifest.bytes) else {
            throw IntakeError(.invalid, "\(manifest.origin) is not a test manifest")
        }
        var jobs: [JobPlan] = []
        for build in parsed.builds {
            for rule in parsed.rules {
                for region in parsed.regions {
                    let request = UploadImageRequest(
                        RegionId: region, OssObjectPath: "oss://images/\(build).vhd",
                        ImageName: "\(build)-\(parsed.run)-\(rule)",
                        OsType: "Windows")
                    jobs.append(
                        JobPlan(
                            ruleName: rule, region: region, request: request, buildName: build, runId: parsed.run,
                            artifactName: "\(build).vhd", followDeadline: parsed.deadline,
                            reporters: parsed.reporters ?? ["results"]))
                }
            }
        }
        let problems = (parsed.broken ?? []).map {
            PlanProblem(
                ruleName: $0, region: parsed.regions.first, buildName: parsed.builds.first ?? "", runId: parsed.run,
                artifactName: "", code: "rules.render_failed", message: "ImageName renders empty")
        }
        return PlanOutcome(
            format: "native", buildKeys: parsed.builds.map { "\(parsed.run)/\($0)" }, jobs: jobs, problems: problems)
    }

    /// The bytes of such a manifest.
    public static func manifest(
        run: String = "r1", builds: [String] = ["win11"], rules: [String] = ["a"], regions: [String] = ["cn-hangzhou"],
        reporters: [String]? = nil, deadline: TimeInterval? = nil, broken: [String] = [], padding: String = ""
    ) -> Data {
        var object: [String: Any] = [
            "run": run, "builds": builds, "rules": rules, "regions": regions, "broken": broken,
        ]
        if let reporters { object["reporters"] = reporters }
        if let deadline { object["deadline"] = deadline }
        if !padding.isEmpty { object["padding"] = padding }
        return try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
