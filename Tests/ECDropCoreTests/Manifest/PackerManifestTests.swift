import ECDropCore
import Foundation
import Testing

@Suite("Packer manifests as Packer writes them")
struct PackerManifestTests {
    @Test("a run with several builds decodes every build, its files, custom_data and run")
    func decodesOneRun() throws {
        let manifest = try ManifestDecoder.decode(ManifestFixtures.data("packer", "one-run"), origin: "one-run.json")
        #expect(manifest.format == .packer)
        #expect(manifest.builds.map(\.name) == ["win11-pro", "win11-ent", "win10-ltsc"])
        let pro = try #require(manifest.builds.first)
        #expect(pro.builderType == "file")
        #expect(pro.artifactId == "File")
        #expect(pro.time ?? 0 > 1_700_000_000)
        #expect(pro.runId == manifest.lastRunId)
        #expect(pro.custom == ["channel": "nightly", "oss_key": "images/win11-pro.vhd", "publish": "true"])
        #expect(pro.artifacts == [ManifestArtifact(name: "win11-pro.vhd", path: "win11-pro.vhd", size: 18)])
    }

    @Test("a build whose files are null has no artifacts")
    func nullFiles() throws {
        let manifest = try ManifestDecoder.decode(ManifestFixtures.data("packer", "one-run"), origin: "one-run.json")
        let ltsc = try #require(manifest.builds.first { $0.name == "win10-ltsc" })
        #expect(ltsc.builderType == "null")
        #expect(ltsc.artifacts.isEmpty)
    }

    @Test("without strip_path the artifact path keeps its folders and the name is the last part")
    func keepsPaths() throws {
        let manifest = try ManifestDecoder.decode(ManifestFixtures.data("packer", "plain"), origin: "plain.json")
        let build = try #require(manifest.builds.first)
        #expect(build.custom.isEmpty)
        #expect(build.artifacts.first?.path == "output/gpu/gpu-workstation.vhd")
        #expect(build.artifacts.first?.name == "gpu-workstation.vhd")
    }

    @Test("two runs into one file: only the newest run counts by default, all on request")
    func selectsNewestRun() throws {
        let manifest = try ManifestDecoder.decode(ManifestFixtures.data("packer", "two-runs"), origin: "two-runs.json")
        #expect(manifest.builds.count == 6)
        let newest = manifest.builds(runs: .newest)
        #expect(newest.count == 3)
        #expect(newest.allSatisfy { $0.runId == manifest.lastRunId && $0.custom["channel"] == "nightly" })
        #expect(manifest.builds(runs: .all).count == 6)
        #expect(Set(manifest.builds.map(\.runId)).count == 2)
    }

    @Test(
        "what Packer leaves while rewriting the file is incomplete, not invalid",
        arguments: ["empty", "truncated"])
    func incompleteFixtures(name: String) {
        #expect(reason(of: ManifestFixtures.data("packer", name)) == .incomplete)
    }

    @Test("every prefix of a real manifest is incomplete", arguments: [1, 2, 40, 150, 700, 1200])
    func everyPrefixIsIncomplete(length: Int) {
        let whole = ManifestFixtures.data("packer", "one-run")
        #expect(reason(of: whole.prefix(length)) == .incomplete)
    }

    @Test(
        "broken, foreign and empty documents get their own reasons",
        arguments: [
            ("{\"builds\": [}", IntakeError.Reason.invalid),
            ("{\"a\": 1}}", .invalid),
            ("not json at all", .invalid),
            ("[1, 2]", .unknownFormat),
            ("{\"name\": \"x\"}", .unknownFormat),
            ("{\"builds\": []}", .unknownFormat),
            ("{\"builds\": [], \"last_run_uuid\": \"r\"}", .noBuild),
            ("{\"builds\": [{\"name\": 3}], \"last_run_uuid\": \"r\"}", .invalid),
            ("{\"builds\": [{\"name\": \"a\"}], \"last_run_uuid\": \"r\"}", .invalid),
            ("{\"builds\": \"x\", \"last_run_uuid\": \"r\"}", .invalid),
            (
                #"{"builds":[{"name":"a","packer_run_uuid":"r","files":[{"size":1}]}],"last_run_uuid":"r"}"#,
                .invalid
            ),
            ("   \n", .incomplete),
        ] as [(String, IntakeError.Reason)])
    func reasons(text: String, expected: IntakeError.Reason) {
        #expect(reason(of: Data(text.utf8)) == expected)
    }

    @Test("messages name the manifest and the field at fault")
    func messagesNameTheField() {
        let text = #"{"builds": [{"name": "a", "packer_run_uuid": "r", "build_time": "soon"}], "last_run_uuid": "r"}"#
        do {
            _ = try ManifestDecoder.decode(Data(text.utf8), origin: "drop/m.json")
            Issue.record("a string build_time was accepted")
        } catch {
            #expect(error.code == "manifest.invalid")
            #expect(error.exitCode == .dataError)
            #expect(error.message.contains("drop/m.json"))
            #expect(error.message.contains("builds[0].build_time"))
        }
    }

    private func reason(of data: Data) -> IntakeError.Reason? {
        do {
            _ = try ManifestDecoder.decode(data, origin: "m.json")
            return nil
        } catch {
            return error.reason
        }
    }
}
