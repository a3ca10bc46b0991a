import ECDropCore
import ECDropRuntime
import Foundation
import Testing

@Suite("Result schema document")
struct ResultSchemaTests {
    func schema() throws -> [String: Any] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("docs/result.schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func failedDocument() throws -> [String: Any] {
        let problem = PlanProblem(
            ruleName: "r", region: "cn-hangzhou", buildName: "b", runId: "run", artifactName: "a", code: "rules.x",
            message: "bad")
        var job = Job(
            id: "job-0123456789abcdef", manifestId: "man-1", idempotencyKey: "k", problem: problem,
            createdAt: Date(timeIntervalSince1970: 0))
        job.request = UploadImageRequest(RegionId: "cn-hangzhou", OssObjectPath: "oss://b/o", ImageName: "n")
        job.imageId = "m-1"
        job.progress = 5
        let data = ResultDocument(job: job, manifest: nil).encoded()
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("a result document has every field the schema requires, and no field it does not declare")
    func documentMatchesSchema() throws {
        let schema = try schema()
        let document = try failedDocument()
        let required = try #require(schema["required"] as? [String])
        let declared = try #require(schema["properties"] as? [String: Any])
        #expect(Set(required).isSubset(of: Set(document.keys)))
        #expect(Set(document.keys).isSubset(of: Set(declared.keys)))
        #expect((declared["schema"] as? [String: Any])?["const"] as? String == ResultDocument.schemaName)
    }

    @Test("the schema lists every failure reason the state machine can give")
    func reasonsMatch() throws {
        let properties = try #require(try schema()["properties"] as? [String: Any])
        let error = try #require(properties["error"] as? [String: Any])
        let reason = try #require((error["properties"] as? [String: Any])?["reason"] as? [String: Any])
        #expect(Set(reason["enum"] as? [String] ?? []) == Set(FailureReason.allCases.map(\.rawValue)))
    }
}
