import ECDropCore

/// The pipeline's `JobPlanner`: decodes a manifest and plans its jobs with the rule set in force.
public struct RulesPlanner: JobPlanner {
    public let store: RuleSetStore
    public var settings: PipelineSettings

    public init(store: RuleSetStore, settings: PipelineSettings = PipelineSettings()) {
        self.store = store
        self.settings = settings
    }

    public func plan(_ manifest: IncomingManifest) throws -> PlanOutcome {
        try evaluate(manifest).outcome
    }

    /// The plan with every rule's verdict, for `ecdrop rules test`.
    public func evaluate(_ manifest: IncomingManifest) throws(IntakeError) -> RuleEvaluation {
        let decoded = try ManifestDecoder.decode(manifest.bytes, origin: manifest.origin)
        let options = PlanningOptions(
            packerRuns: settings.packerRuns, followDeadline: settings.followDeadline,
            source: manifest.source.rawValue, origin: manifest.origin)
        let evaluation = RulesEngine.evaluate(decoded, with: store.current, options: options)
        guard !evaluation.outcome.buildKeys.isEmpty else {
            throw IntakeError(
                .noBuild,
                "manifest '\(manifest.origin)' has no build of its newest Packer run "
                    + "(last_run_uuid \(decoded.lastRunId ?? "?")); nothing to publish"
            )
        }
        return evaluation
    }
}
