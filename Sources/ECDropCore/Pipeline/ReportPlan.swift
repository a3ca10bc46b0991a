/// A match of a report-only rule (`action: report`): nothing is uploaded, but the reporters hear
/// that the build arrived and which rule took it.
public struct ReportPlan: Sendable, Hashable, Codable {
    public var ruleName: String
    public var buildName: String
    public var runId: String
    /// Empty for builds without files.
    public var artifactName: String
    public var reporters: [String]

    public init(ruleName: String, buildName: String, runId: String, artifactName: String, reporters: [String]) {
        self.ruleName = ruleName
        self.buildName = buildName
        self.runId = runId
        self.artifactName = artifactName
        self.reporters = reporters
    }
}
