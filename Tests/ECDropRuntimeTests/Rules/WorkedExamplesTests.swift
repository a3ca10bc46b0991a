import ECDropCore
import ECDropRuntime
import Foundation
import Testing

/// The rules/ folder of the repository, documented in the README, against the fixtures.
@Suite("The worked examples in rules/")
struct WorkedExamplesTests {
    static func evaluate(_ fixture: String) throws -> RuleEvaluation {
        let ruleSet = try RulesFolder.load(RepositoryFiles.path("rules"))
        let manifest = IncomingManifest(
            source: .drop, origin: fixture,
            bytes: try RepositoryFiles.data("Tests/ECDropCoreTests/Fixtures/\(fixture)"),
            receivedAt: Date(timeIntervalSince1970: 0))
        return try RulesPlanner(store: RuleSetStore(ruleSet)).evaluate(manifest)
    }

    @Test("the examples load without a diagnostic")
    func loadsCleanly() throws {
        let folder = try RulesFolder.read(RepositoryFiles.path("rules"))
        #expect(folder.diagnostics.isEmpty)
        #expect(folder.ruleSet?.rules.map(\.name) == ["win11-nightly", "gpu-workstation", "unpublished"])
    }

    @Test("the nightly golden image goes to two regions; the build without files is only reported")
    func nightly() throws {
        let outcome = try Self.evaluate("packer/one-run.json").outcome
        #expect(
            outcome.jobs.map { "\($0.ruleName) \($0.buildName) \($0.region)" } == [
                "win11-nightly win11-pro cn-hangzhou", "win11-nightly win11-pro cn-shanghai",
                "win11-nightly win11-ent cn-hangzhou", "win11-nightly win11-ent cn-shanghai",
            ])
        let job = try #require(outcome.jobs.last)
        #expect(job.request.OssObjectPath == "https://golden.oss-cn-shanghai.aliyuncs.com/images/win11-ent.vhd")
        #expect(job.request.ImageName == "win11-ent-20261203")
        #expect(job.request.Description == "Nightly golden image, run \(job.runId.prefix(8))")
        #expect(job.request.DataDiskSize == 80)
        #expect(job.followDeadline == TimeInterval(6 * 3600))
        #expect(job.reporters == ["results", "ops"])
        #expect(outcome.reports.map { "\($0.ruleName) \($0.buildName)" } == ["unpublished win10-ltsc"])
        #expect(outcome.problems.isEmpty)
    }

    @Test("the GPU image gets its driver type and a bigger system disk")
    func gpu() throws {
        let job = try #require(try Self.evaluate("packer/plain.json").outcome.jobs.first)
        #expect(job.ruleName == "gpu-workstation")
        #expect(job.request.GpuCategory)
        #expect(job.request.GpuDriverType == "gpu_grid12")
        #expect(job.request.SystemDiskSize == "120")
        #expect(job.request.RegionId == "cn-shanghai")
        #expect(job.request.OssObjectPath.hasSuffix("/packer/\(job.runId)/gpu-workstation.vhd"))
    }

    @Test("of two runs in one file only the newest is published")
    func twoRuns() throws {
        let outcome = try Self.evaluate("packer/two-runs.json").outcome
        #expect(outcome.jobs.count == 4)
        #expect(Set(outcome.jobs.map(\.runId)).count == 1)
        #expect(outcome.buildKeys.count == 3)
    }

    @Test("a native manifest that no upload rule takes is only reported")
    func native() throws {
        let evaluation = try Self.evaluate("native/nightly.json")
        #expect(evaluation.outcome.jobs.map(\.buildName) == ["win11-iot", "win11-iot"])
        #expect(evaluation.outcome.reports.map(\.buildName) == ["tools-iso"])
    }
}

@Suite("The README's rules documentation")
struct RulesReadmeTests {
    @Test(
        "the README shows every file of rules/ exactly as it is", arguments: ["10-nightly", "20-gpu", "90-catch-all"])
    func examplesMatch(name: String) throws {
        let readme = String(decoding: try RepositoryFiles.data("README.md"), as: UTF8.self)
        let example = String(decoding: try RepositoryFiles.data("rules/\(name).yaml"), as: UTF8.self)
        #expect(readme.contains("```yaml\n" + example + "```"))
    }

    @Test("the README names every operator, filter and context field")
    func namesEverything() throws {
        let readme = String(decoding: try RepositoryFiles.data("README.md"), as: UTF8.self)
        for name in FieldOperator.names + TemplateFilter.names + ContextField.fixed {
            #expect(readme.contains("`\(name)"), "README does not mention \(name)")
        }
    }
}
