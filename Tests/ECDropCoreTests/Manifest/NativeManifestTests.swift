import ECDropCore
import Foundation
import Testing

@Suite("The native manifest format")
struct NativeManifestTests {
    @Test("builds, artifacts with OSS paths, custom fields, run id and time decode")
    func decodesNightly() throws {
        let manifest = try ManifestDecoder.decode(ManifestFixtures.data("native", "nightly"), origin: "nightly.json")
        #expect(manifest.format == .native)
        #expect(manifest.lastRunId == "gha-8812-1")
        let iot = try #require(manifest.builds.first)
        #expect(iot.runId == "gha-8812-1")
        #expect(iot.time == 1_796_092_200)
        #expect(
            iot.custom == ["channel": "nightly", "oss_key": "images/win11-iot.vhd", "attempt": "2", "signed": "true"])
        #expect(
            iot.artifacts == [
                ManifestArtifact(
                    name: "win11-iot.vhd", path: "dist/win11-iot.vhd", size: 21_474_836_480,
                    ossObjectPath: "https://golden.oss-cn-hangzhou.aliyuncs.com/images/win11-iot.vhd")
            ])
        let tools = try #require(manifest.builds.last)
        #expect(tools.artifacts.first?.name == "tools.iso")
        #expect(tools.time == 1_796_095_800)
        #expect(manifest.builds(runs: .newest).count == 2)
    }

    @Test("a build needs only a name")
    func minimal() throws {
        let manifest = try ManifestDecoder.decode(ManifestFixtures.data("native", "minimal"), origin: "minimal.json")
        #expect(manifest.builds == [ManifestBuild(name: "win11-lab", runId: "r1")])
    }

    @Test(
        "wrong native documents are invalid and say which field",
        arguments: [
            (#"{"ecdrop_manifest": 2, "run_id": "r", "builds": []}"#, "ecdrop_manifest"),
            (#"{"ecdrop_manifest": 1, "builds": [{"name": "a"}]}"#, "run_id"),
            (#"{"ecdrop_manifest": 1, "run_id": "r"}"#, "builds"),
            (#"{"ecdrop_manifest": 1, "run_id": "r", "builds": [{"name": "a", "time": "noon"}]}"#, "builds[0].time"),
            (#"{"ecdrop_manifest": 1, "run_id": "r", "builds": [{"name": "a", "artifacts": [{}]}]}"#, "artifacts[0]"),
            (
                #"{"ecdrop_manifest":1,"run_id":"r","builds":[{"name":"a","artifacts":[{"name":"x","size":-1}]}]}"#,
                "size"
            ),
            (#"{"ecdrop_manifest": 1, "run_id": "r", "builds": [{"name": "a", "custom": {"k": [1]}}]}"#, "custom.k"),
            // A fuzz finding: a time text past Int64's range once trapped instead of being refused.
            (
                #"{"ecdrop_manifest":1,"run_id":"r","builds":[{"name":"a","time":"2021111111111111111111111116"}]}"#,
                "builds[0].time"
            ),
        ])
    func invalid(text: String, field: String) {
        do {
            _ = try ManifestDecoder.decode(Data(text.utf8), origin: "n.json")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.reason == .invalid)
            #expect(error.message.contains(field))
        }
    }

    @Test("a native manifest without builds has no build")
    func noBuild() {
        let text = #"{"ecdrop_manifest": 1, "run_id": "r", "builds": []}"#
        let error = #expect(throws: IntakeError.self) { try ManifestDecoder.decode(Data(text.utf8), origin: "n.json") }
        #expect(error?.reason == .noBuild)
    }
}
