/// Matches every build and artifact of a manifest against a rule set, in order, and renders one
/// job per matching artifact × rule × region.
public enum RulesEngine {
    public static func evaluate(
        _ manifest: DecodedManifest, with ruleSet: RuleSet, options: PlanningOptions
    )
        -> RuleEvaluation
    {
        var plan = PlanBuilder(format: manifest.format, options: options)
        var builds: [BuildEvaluation] = []
        for build in manifest.builds {
            let evaluation = plan.evaluate(build, rules: ruleSet.rules, lastRunId: manifest.lastRunId)
            builds.append(evaluation)
        }
        let outcome = PlanOutcome(
            format: manifest.format.rawValue, buildKeys: plan.buildKeys, jobs: plan.jobs, problems: plan.problems,
            reports: plan.reports)
        return RuleEvaluation(builds: builds, outcome: outcome)
    }
}

/// The plan as it grows, build by build.
struct PlanBuilder {
    var format: ManifestFormat
    var options: PlanningOptions
    var buildKeys: [String] = []
    var jobs: [JobPlan] = []
    var problems: [PlanProblem] = []
    var reports: [ReportPlan] = []

    init(format: ManifestFormat, options: PlanningOptions) {
        self.format = format
        self.options = options
    }

    mutating func evaluate(_ build: ManifestBuild, rules: [Rule], lastRunId: String?) -> BuildEvaluation {
        let artifacts: [ManifestArtifact?] = build.artifacts.isEmpty ? [nil] : build.artifacts
        let contexts = artifacts.map {
            MatchContext(build: build, artifact: $0, format: format, source: options.source, origin: options.origin)
        }
        var verdicts = Array(repeating: [RuleVerdict](), count: artifacts.count)
        var finalRule: String?
        var considered = false

        for rule in rules {
            let counts = counts(build, rule: rule, lastRunId: lastRunId)
            considered = considered || counts
            var matched = false
            for (index, artifact) in artifacts.enumerated() {
                if let finalRule {
                    let reason = "the final rule '\(finalRule)' matched this build first"
                    verdicts[index].append(RuleVerdict(rule: rule.name, status: .skipped, reason: reason))
                } else if !counts {
                    let reason = "the build is from an older Packer run; add 'runs: all' to the rule to include it"
                    verdicts[index].append(RuleVerdict(rule: rule.name, status: .skipped, reason: reason))
                } else {
                    let outcome = rule.match.evaluate(in: contexts[index])
                    if outcome.matched {
                        matched = true
                        produce(rule, build: build, artifact: artifact, context: contexts[index])
                        verdicts[index].append(RuleVerdict(rule: rule.name, status: .matched))
                    } else {
                        verdicts[index].append(RuleVerdict(rule: rule.name, status: .notMatched, failure: outcome))
                    }
                }
            }
            if matched, rule.isFinal, finalRule == nil { finalRule = rule.name }
        }
        if considered || (rules.isEmpty && counts(build, rule: nil, lastRunId: lastRunId)) {
            buildKeys.append(build.key)
        }
        let evaluations = zip(artifacts, verdicts).map { ArtifactEvaluation(artifactName: $0?.name, verdicts: $1) }
        return BuildEvaluation(buildName: build.name, runId: build.runId, artifacts: evaluations)
    }

    /// Whether `rule` looks at `build`: Packer entries of older runs only count with `runs: all`.
    private func counts(_ build: ManifestBuild, rule: Rule?, lastRunId: String?) -> Bool {
        guard format == .packer, let lastRunId else { return true }
        return (rule?.runs ?? options.packerRuns) == .all || build.runId == lastRunId
    }

    private mutating func produce(
        _ rule: Rule, build: ManifestBuild, artifact: ManifestArtifact?, context: MatchContext
    ) {
        let artifactName = artifact?.name ?? ""
        guard case .upload(let spec, let regions) = rule.action else {
            reports.append(
                ReportPlan(
                    ruleName: rule.name, buildName: build.name, runId: build.runId, artifactName: artifactName,
                    reporters: rule.reporters))
            return
        }
        for region in regions {
            let rendering = context.rendering(rule: rule.name, region: region)
            switch spec.render(in: rendering, region: region) {
            case .success(let upload):
                add(rule, build: build, artifactName: artifactName, region: region, upload: upload)
            case .failure(let failure):
                problems.append(
                    PlanProblem(
                        ruleName: rule.name, region: region, buildName: build.name, runId: build.runId,
                        artifactName: artifactName, code: failure.code,
                        message: "rule '\(rule.name)' matched but its upload cannot be rendered: \(failure.message)"))
            }
        }
    }

    private mutating func add(
        _ rule: Rule, build: ManifestBuild, artifactName: String, region: String, upload: RenderedUpload
    ) {
        let name = upload.request.ImageName
        if let earlier = jobs.first(where: { $0.region == region && $0.request.ImageName == name }) {
            problems.append(
                PlanProblem(
                    ruleName: rule.name, region: region, buildName: build.name, runId: build.runId,
                    artifactName: artifactName, code: "plan.duplicate_image_name",
                    message:
                        "rule '\(rule.name)' renders ImageName '\(name)' in \(region), which rule "
                        + "'\(earlier.ruleName)' already uses for build '\(earlier.buildName)' artifact "
                        + "'\(earlier.artifactName)'; make the names differ, e.g. with {{ artifact.name | image_name }}"
                ))
            return
        }
        jobs.append(
            JobPlan(
                ruleName: rule.name, region: region, request: upload.request, buildName: build.name,
                runId: build.runId, artifactName: artifactName,
                followDeadline: rule.followDeadline ?? options.followDeadline, reporters: rule.reporters,
                warnings: upload.warnings.map(\.text)))
    }
}
