import Foundation

/// The identity that makes a job unique: the build (run id, build name, artifact), the rule,
/// the region and the rendered ImageName. The same manifest received twice, or the same builds
/// inside a rewritten Packer file, derive the same keys, so no new jobs are created.
public enum IdempotencyKey {
    public static func derive(
        runId: String, buildName: String, artifactName: String, ruleName: String, region: String,
        imageName: String, digests: any Digests
    ) -> String {
        // The unit separator cannot occur in any of the fields, so no two tuples collide.
        let fields = [runId, buildName, artifactName, ruleName, region, imageName]
        return digests.sha256Hex(fields.joined(separator: "\u{1F}"))
    }

    public static func derive(_ plan: JobPlan, digests: any Digests) -> String {
        derive(
            runId: plan.runId, buildName: plan.buildName, artifactName: plan.artifactName, ruleName: plan.ruleName,
            region: plan.region, imageName: plan.request.ImageName, digests: digests)
    }

    /// Problems have no ImageName; their error code stands in, so one bad rule yields one failed job.
    public static func derive(_ problem: PlanProblem, digests: any Digests) -> String {
        derive(
            runId: problem.runId, buildName: problem.buildName, artifactName: problem.artifactName,
            ruleName: problem.ruleName, region: problem.region ?? "", imageName: "!\(problem.code)", digests: digests)
    }

    /// `job-` and the first 16 hex digits of the key: short, stable, and the same on every agent.
    public static func jobId(forKey key: String) -> String { "job-" + key.prefix(16) }

    /// `man-` and the first 16 hex digits of the manifest's SHA-256.
    public static func manifestId(forDigest digest: String) -> String { "man-" + digest.prefix(16) }
}
