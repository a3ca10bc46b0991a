import ECDropCore
import Foundation
import Testing

@Suite("Planning jobs from manifests and rules")
struct RulesEngineTests {
    static func ruleSet(_ rules: [YAMLNode]) throws -> RuleSet {
        try RuleSetParser.parse([RulesFile(name: "t.yaml", document: Y.file(rules))])
    }

    static func evaluate(
        _ fixture: (String, String), _ rules: [YAMLNode], options: PlanningOptions = PlanningOptions()
    ) throws -> RuleEvaluation {
        let manifest = try ManifestDecoder.decode(ManifestFixtures.data(fixture.0, fixture.1), origin: fixture.1)
        return RulesEngine.evaluate(manifest, with: try ruleSet(rules), options: options)
    }

    static let nightly = Y.rule(
        "nightly",
        match: Y.map([
            (
                "all",
                Y.list([Y.test("build.name", "glob", Y.s("win11-*")), Y.test("artifact.name", "glob", Y.s("*.vhd"))])
            )
        ]),
        regions: ["cn-hangzhou", "cn-shanghai"],
        upload: Y.upload([("Description", "Nightly golden image, run {{ build.run_id | truncate: 8 }}")]),
        extra: [("follow", Y.map([("deadline", Y.s("2h"))])), ("report", Y.strings(["results", "ops"]))])

    @Test("one job per matching artifact and region, with the exact request")
    func jobsPerArtifactAndRegion() throws {
        let evaluation = try Self.evaluate(("packer", "one-run"), [Self.nightly])
        let jobs = evaluation.outcome.jobs
        #expect(
            jobs.map { "\($0.buildName)/\($0.region)" } == [
                "win11-pro/cn-hangzhou", "win11-pro/cn-shanghai", "win11-ent/cn-hangzhou", "win11-ent/cn-shanghai",
            ])
        let first = try #require(jobs.first)
        let run = first.runId
        #expect(first.request.RegionId == "cn-hangzhou")
        #expect(first.request.OssObjectPath == "https://golden.oss-cn-hangzhou.aliyuncs.com/images/win11-pro.vhd")
        #expect(first.request.ImageName == "win11-pro-20261203")
        #expect(first.request.Description == "Nightly golden image, run \(run.prefix(8))")
        #expect(first.request.GpuCategory == false)
        #expect(first.request.LicenseType == "BYOL")
        #expect(first.ruleName == "nightly")
        #expect(first.artifactName == "win11-pro.vhd")
        #expect(first.followDeadline == 7200)
        #expect(first.reporters == ["results", "ops"])
        #expect(evaluation.outcome.problems.isEmpty)
        #expect(evaluation.outcome.format == "packer")
        #expect(evaluation.outcome.buildKeys.count == 3)
    }

    @Test("a build without files is explained by the missing artifact field")
    func explainsMiss() throws {
        let evaluation = try Self.evaluate(("packer", "one-run"), [Self.nightly])
        let ltsc = try #require(evaluation.builds.first { $0.buildName == "win10-ltsc" })
        let verdict = try #require(ltsc.artifacts.first?.verdicts.first)
        #expect(ltsc.artifacts.first?.artifactName == nil)
        #expect(verdict.status == .notMatched)
        #expect(verdict.failure?.clause == "build.name glob 'win11-*'")
        #expect(verdict.failure?.seen == "win10-ltsc")
    }

    @Test("a final rule stops later rules for that build only")
    func finalRule() throws {
        let first = Y.rule(
            "pro-only", match: Y.test("build.name", "equals", Y.s("win11-pro")),
            upload: Y.upload([("ImageName", "first-{{ build.name }}")]), extra: [("final", Y.s("true"))])
        let second = Y.rule("everything", upload: Y.upload([("ImageName", "second-{{ build.name }}")]))
        let evaluation = try Self.evaluate(("packer", "one-run"), [first, second])
        #expect(
            evaluation.outcome.jobs.map(\.request.ImageName) == [
                "first-win11-pro", "second-win11-ent", "second-win10-ltsc",
            ])
        let pro = try #require(evaluation.builds.first { $0.buildName == "win11-pro" })
        #expect(pro.artifacts.first?.verdicts.map(\.status) == [.matched, .skipped])
    }

    @Test("older Packer runs count only with runs: all, and a repeated ImageName becomes a problem")
    func runs() throws {
        let newest = try Self.evaluate(("packer", "two-runs"), [Self.nightly])
        #expect(newest.outcome.jobs.count == 4)
        #expect(newest.outcome.buildKeys.count == 3)
        let skipped = newest.builds.first!.artifacts.first!.verdicts.first!
        #expect(skipped.status == .skipped)

        let all = try Self.evaluate(
            ("packer", "two-runs"), [Self.nightly], options: PlanningOptions(packerRuns: .all))
        #expect(all.outcome.buildKeys.count == 6)
        #expect(all.outcome.jobs.count == 4)
        #expect(all.outcome.problems.count == 4)
        #expect(all.outcome.problems.allSatisfy { $0.code == "plan.duplicate_image_name" })
    }

    @Test("a template that cannot render makes a problem, not a job with an empty value")
    func renderProblem() throws {
        let rule = Y.rule("broken", upload: Y.upload([("Description", "owner {{ build.custom.owner }}")]))
        let evaluation = try Self.evaluate(("packer", "plain"), [rule])
        #expect(evaluation.outcome.jobs.isEmpty)
        let problem = try #require(evaluation.outcome.problems.first)
        #expect(problem.code == "render.missing_field")
        #expect(problem.ruleName == "broken")
        #expect(problem.region == "cn-hangzhou")
        #expect(problem.artifactName == "gpu-workstation.vhd")
        #expect(problem.message.contains("build.custom.owner"))
    }

    @Test("a rendered value that breaks a constraint makes a problem with the constraint's code")
    func constraintProblem() throws {
        let rule = Y.rule(
            "long",
            upload: Y.upload([
                ("ImageName", "{{ artifact.path }}"), ("OssObjectPath", "https://b.oss-cn-hangzhou.aliyuncs.com/x.vhd"),
            ]))
        let evaluation = try Self.evaluate(("packer", "plain"), [rule])
        #expect(evaluation.outcome.jobs.isEmpty)
        #expect(evaluation.outcome.problems.first?.code == "upload.image_name")
    }

    @Test("a report-only rule records the match and uploads nothing")
    func reportOnly() throws {
        let rule = Y.map([
            ("name", Y.s("catch-all")), ("action", Y.s("report")),
            ("match", Y.test("build.name", "exists", Y.s("true"))),
        ])
        let evaluation = try Self.evaluate(("packer", "one-run"), [rule])
        #expect(evaluation.outcome.jobs.isEmpty)
        #expect(evaluation.outcome.reports.map(\.buildName) == ["win11-pro", "win11-ent", "win10-ltsc"])
        #expect(evaluation.outcome.reports.last?.artifactName == "")
        #expect(evaluation.matchedAnything)
    }

    @Test("warnings travel with the job, and the configured deadline fills in")
    func warningsAndDefaults() throws {
        let rule = Y.rule(
            "lab", match: Y.test("build.name", "equals", Y.s("win10-ltsc")),
            upload: Y.upload([
                ("ImageName", "{{ build.name }}"), ("LicenseType", "{{ build.custom.license | default: 'Auto' }}"),
            ]))
        let evaluation = try Self.evaluate(
            ("packer", "one-run"), [rule], options: PlanningOptions(followDeadline: 600))
        let job = try #require(evaluation.outcome.jobs.first)
        #expect(job.followDeadline == 600)
        #expect(job.warnings.contains { $0.contains("Windows 10") })
    }

    @Test("native manifests feed artifact.oss_object_path and numeric custom fields")
    func native() throws {
        let rule = Y.rule(
            "iot", match: Y.test("build.custom.attempt", "gte", Y.s("2")),
            upload: Y.upload([("OssObjectPath", "{{ artifact.oss_object_path }}"), ("ImageName", "{{ build.name }}")]))
        let evaluation = try Self.evaluate(("native", "nightly"), [rule])
        #expect(evaluation.outcome.format == "native")
        #expect(
            evaluation.outcome.jobs.map(\.request.OssObjectPath) == [
                "https://golden.oss-cn-hangzhou.aliyuncs.com/images/win11-iot.vhd"
            ])
        #expect(evaluation.outcome.jobs.first?.runId == "gha-8812-1")
    }
}
