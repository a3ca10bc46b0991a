import ECDropCore
import Foundation

/// The output of `ecdrop rules test`: per build and artifact which rules matched and why the
/// others did not, then the exact UploadImage parameters per job.
struct RulesTestReport {
    var origin: String
    var manifest: DecodedManifest
    var evaluation: RuleEvaluation

    /// Nothing matched: 2; a matched rule could not render: 1; otherwise 0.
    var exitCode: ExitCode {
        if !evaluation.matchedAnything { return .noMatchingRule }
        return evaluation.outcome.problems.isEmpty ? .success : .jobsFailed
    }

    func text() -> String {
        var lines = [
            "manifest \(origin): \(manifest.format.rawValue), \(manifest.builds.count) build(s), "
                + "newest run \(manifest.lastRunId ?? "-")"
        ]
        for build in evaluation.builds {
            for artifact in build.artifacts {
                lines.append("")
                lines.append("build \(build.buildName) (run \(build.runId)), " + artifactLabel(artifact.artifactName))
                lines += artifact.verdicts.map { "  " + verdictLine($0) }
            }
        }
        lines += requestLines() + problemLines() + reportLines()
        lines.append("")
        lines.append(summary())
        return lines.joined(separator: "\n")
    }

    func json() throws -> String {
        let document = RulesTestDocument(
            manifest: .init(origin: origin, format: manifest.format.rawValue, lastRunId: manifest.lastRunId),
            builds: evaluation.builds, jobs: evaluation.outcome.jobs, problems: evaluation.outcome.problems,
            reports: evaluation.outcome.reports)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    private func artifactLabel(_ name: String?) -> String {
        name.map { "artifact \($0)" } ?? "no artifact (the build lists no files)"
    }

    private func verdictLine(_ verdict: RuleVerdict) -> String {
        switch verdict.status {
        case .matched: return "matched   \(verdict.rule)"
        case .notMatched:
            return "no match  \(verdict.rule): " + (verdict.failure?.explanation ?? "")
        case .skipped: return "skipped   \(verdict.rule): \(verdict.reason ?? "")"
        }
    }

    private func requestLines() -> [String] {
        let jobs = evaluation.outcome.jobs
        guard !jobs.isEmpty else { return [] }
        var lines = ["", "UploadImage requests (nothing is sent):"]
        for job in jobs {
            let artifact = job.artifactName.isEmpty ? "" : " / \(job.artifactName)"
            lines.append("  rule \(job.ruleName), build \(job.buildName)\(artifact), region \(job.region):")
            lines += Self.parameters(job.request).map { "    \($0.0): \($0.1)" }
            lines += job.warnings.map { "    warning: \($0)" }
        }
        return lines
    }

    private func problemLines() -> [String] {
        let problems = evaluation.outcome.problems
        guard !problems.isEmpty else { return [] }
        return ["", "Problems (these jobs would fail):"]
            + problems.map { "  error: [\($0.code)] \($0.message)" }
    }

    private func reportLines() -> [String] {
        let reports = evaluation.outcome.reports
        guard !reports.isEmpty else { return [] }
        return ["", "Report-only matches (no upload):"]
            + reports.map { report in
                let artifact = report.artifactName.isEmpty ? "" : " / \(report.artifactName)"
                return "  rule \(report.ruleName), build \(report.buildName)\(artifact) -> "
                    + report.reporters.joined(separator: ", ")
            }
    }

    private func summary() -> String {
        let outcome = evaluation.outcome
        return "\(outcome.jobs.count) job(s), \(outcome.problems.count) problem(s), "
            + "\(outcome.reports.count) report-only match(es)"
    }

    /// The parameters that would be sent, in the API page's order, as the API spells them.
    static func parameters(_ request: UploadImageRequest) -> [(String, String)] {
        let values: [(String, String?)] = [
            ("RegionId", request.RegionId), ("OssObjectPath", request.OssObjectPath),
            ("ImageName", request.ImageName), ("Description", request.Description), ("OsType", request.OsType),
            ("GpuCategory", String(request.GpuCategory)), ("ProtocolType", request.ProtocolType),
            ("DataDiskSize", request.DataDiskSize.map(String.init)), ("GpuDriverType", request.GpuDriverType),
            ("LicenseType", request.LicenseType), ("EnableSecurityCheck", request.EnableSecurityCheck.map(String.init)),
            ("SystemDiskSize", request.SystemDiskSize), ("BootMode", request.BootMode),
        ]
        return values.compactMap { name, value in value.map { (name, $0) } }
    }
}

/// `ecdrop rules test --json`.
struct RulesTestDocument: Encodable {
    struct Manifest: Encodable {
        var origin: String
        var format: String
        var lastRunId: String?
    }

    var manifest: Manifest
    var builds: [BuildEvaluation]
    var jobs: [JobPlan]
    var problems: [PlanProblem]
    var reports: [ReportPlan]
}
