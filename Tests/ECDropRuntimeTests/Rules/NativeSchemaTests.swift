import ECDropCore
import Foundation
import Testing

/// The schema in docs/ and the decoder must agree on the fields a native manifest needs.
@Suite("The native manifest JSON Schema")
struct NativeSchemaTests {
    @Test("the schema requires what the decoder requires, at every level")
    func requiredFields() throws {
        let schema = try #require(
            try JSONSerialization.jsonObject(with: RepositoryFiles.data("docs/native-manifest.schema.json"))
                as? [String: Any])
        #expect(schema["required"] as? [String] == ["ecdrop_manifest", "run_id", "builds"])
        let defs = try #require(schema["$defs"] as? [String: Any])
        let build = try #require(defs["build"] as? [String: Any])
        #expect(build["required"] as? [String] == ["name"])
        let version = try #require((schema["properties"] as? [String: Any])?["ecdrop_manifest"] as? [String: Any])
        #expect(version["const"] as? Int == 1)
    }

    @Test("the native fixtures carry every field the schema requires", arguments: ["nightly", "minimal"])
    func fixturesFollowSchema(name: String) throws {
        let object = try #require(
            try JSONSerialization.jsonObject(
                with: RepositoryFiles.data("Tests/ECDropCoreTests/Fixtures/native/\(name).json")) as? [String: Any])
        for key in ["ecdrop_manifest", "run_id", "builds"] { #expect(object[key] != nil, "missing \(key)") }
        let builds = try #require(object["builds"] as? [[String: Any]])
        #expect(builds.allSatisfy { $0["name"] is String })
        let artifacts = builds.flatMap { $0["artifacts"] as? [[String: Any]] ?? [] }
        #expect(artifacts.allSatisfy { $0["name"] != nil || $0["path"] != nil })
    }
}
