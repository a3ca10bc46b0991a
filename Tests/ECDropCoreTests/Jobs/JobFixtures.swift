import ECDropCore
import Foundation

/// Jobs and clocks for the pure state machine tests.
enum JobFixtures {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)

    static func plan(
        rule: String = "win11", region: String = "cn-hangzhou", name: String = "win11-golden-42"
    )
        -> JobPlan
    {
        JobPlan(
            ruleName: rule, region: region,
            request: UploadImageRequest(
                RegionId: region, OssObjectPath: "oss://bucket/win11.vhd", ImageName: name, OsType: "Windows"),
            buildName: "win11", runId: "run-1", artifactName: "win11.vhd", followDeadline: 3600)
    }

    static func job(rule: String = "win11", id: String = "job-1", at time: Date = start) -> Job {
        Job(
            id: id, manifestId: "man-1", idempotencyKey: "key-\(id)", plan: plan(rule: rule), defaultDeadline: 60,
            createdAt: time)
    }

    static let machine = JobMachine(polling: Backoff(initial: 15, maximum: 120, factor: 1.5))

    static func image(
        _ id: String, name: String = "win11-golden-42", _ status: ImageRecord.Status, progress: Int? = nil
    )
        -> ImageRecord
    {
        ImageRecord(imageId: id, name: name, status: status, progress: progress)
    }

    static func transient(unknown: Bool = false) -> CallFailure {
        CallFailure(code: "ecd.Timeout", message: "timed out", isTransient: true, outcomeUnknown: unknown)
    }

    static let permanent = CallFailure(
        code: "ecd.InvalidParameter.OssObjectPath", message: "bad path", requestId: "req-bad", isTransient: false,
        outcomeUnknown: false)
}
