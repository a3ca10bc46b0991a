import ECDropCore
import Testing

@testable import ECDropRuntime

@Suite("Which names in a drop folder count")
struct DropFolderFilterTests {
    @Test(
        "built-in rules: JSON counts, hidden and temporary names do not",
        arguments: [
            ("packer-manifest.json", true), ("build.json", true), (".build.json", false),
            ("build.json.tmp", false), ("build.json.part", false), ("build.json~", false),
            ("notes.txt", false), ("", false), (".", false),
        ])
    func builtIn(name: String, counts: Bool) {
        #expect(DropFolderFilter().accepts(name) == counts)
    }

    @Test(
        "configured patterns add ignores and replace the includes",
        arguments: [
            ("win11.manifest", true), ("win11.json", false), ("draft-win11.manifest", false),
            (".win11.manifest", false), ("win11.manifest.part", false),
        ])
    func configured(name: String, counts: Bool) {
        var settings = DropFolderSettings(path: "/srv/drop")
        settings.include = ["*.manifest"]
        settings.ignore = ["draft-*"]
        #expect(DropFolderFilter(settings).accepts(name) == counts)
    }
}
