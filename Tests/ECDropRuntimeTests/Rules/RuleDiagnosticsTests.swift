import ECDropCore
import ECDropRuntime
import Foundation
import Testing

/// Diagnostics as users see them: real YAML text, real positions.
@Suite("Rule diagnostics point at the mistake")
struct RuleDiagnosticsTests {
    static let base = """
        rules:
          - name: win11
            match:
              all:
                - build.name: {glob: "win11-*"}
            regions: [cn-hangzhou]
            upload:
              OssObjectPath: "https://b.oss-{{ region }}.aliyuncs.com/{{ build.custom.oss_key }}"
              ImageName: "{{ build.name | image_name }}"
              GpuCategory: false

        """

    static func diagnostics(replacing old: String, with new: String) throws -> [Diagnostic] {
        let folder = try RulesTestFolder()
        try folder.write("win11.yaml", base.replacingOccurrences(of: old, with: new))
        return try RulesFolder.read(folder.path).diagnostics
    }

    @Test("the unmodified example is valid")
    func baseIsValid() throws {
        #expect(try Self.diagnostics(replacing: "", with: "").isEmpty)
    }

    @Test(
        "each mistake has its code, line, column and suggestion",
        arguments: [
            ("{glob: \"win11-*\"}", "{globb: \"win11-*\"}", "rules.unknown_operator", 5, 24, "glob"),
            ("- build.name:", "- build.nmae:", "rules.unknown_field", 5, 11, "build.name"),
            ("    match:", "    matchs:", "rules.unknown_key", 3, 5, "match"),
            ("all:", "alll:", "rules.unknown_field", 4, 7, "all"),
            ("{glob: \"win11-*\"}", "{regex: \"win11-(\"}", "rules.bad_regex", 5, 31, nil),
            ("{glob: \"win11-*\"}", "{gt: lots}", "rules.wrong_type", 5, 28, nil),
            ("[cn-hangzhou]", "[cn_hangzhou]", "upload.region_id", 6, 15, "cn-hangzhou"),
            ("[cn-hangzhou]", "cn-hangzhou", "rules.wrong_type", 6, 14, nil),
            ("image_name }}", "imagename }}", "rules.unknown_filter", 9, 18, "image_name"),
            ("build.custom.oss_key", "build.custom", "rules.unknown_field", 8, 22, "build.custom.KEY"),
            ("GpuCategory: false", "GpuCategory: no", "upload.not_boolean", 10, 20, nil),
            ("GpuCategory: false", "GpuCategory: false\n      OsType: windows", "upload.os_type", 11, 15, "Windows"),
            (
                "GpuCategory: false", "GpuCategory: false\n      Descripton: x", "rules.unknown_parameter", 11, 7,
                "Description"
            ),
            ("GpuCategory: false", "GpuCategory: false\n      DataDiskSize: 501", "upload.data_disk_size", 11, 21, nil),
            (
                "GpuCategory: false", "GpuCategory: false\n      SystemDiskSize: 0", "upload.system_disk_size", 11, 23,
                nil
            ),
            (
                "GpuCategory: false", "GpuCategory: false\n      LicenseType: Byol", "upload.license_type", 11, 20,
                "BYOL"
            ),
            ("GpuCategory: false", "GpuCategory: false\n      ProtocolType: HDX", "upload.protocol_type", 11, 21, nil),
            (
                "GpuCategory: false", "GpuCategory: false\n      GpuDriverType: gpu_grd9", "upload.gpu_driver_type", 11,
                22,
                "gpu_grid9"
            ),
            (
                "GpuCategory: false", "GpuCategory: false\n      Description: \"https://x\"", "upload.description", 11,
                20,
                nil
            ),
            ("GpuCategory: false", "GpuCategory: false\n      ImageName: x", "yaml.duplicate_key", 11, 7, nil),
            ("ImageName: \"{{", "ImageName: \"win 11 {{", "upload.image_name", 9, 18, nil),
            ("      GpuCategory: false\n", "", "rules.missing_parameter", 8, 7, nil),
            ("  - name: win11", "  - name: win11\n    final: maybe", "rules.wrong_type", 3, 12, nil),
            ("  - name: win11", "  - name: win11\n    follow: {deadline: 6 hours}", "rules.bad_duration", 3, 24, nil),
        ] as [(String, String, String, Int, Int, String?)])
    func positioned(old: String, new: String, code: String, line: Int, column: Int, suggestion: String?) throws {
        let diagnostics = try Self.diagnostics(replacing: old, with: new)
        let diagnostic = try #require(diagnostics.first { $0.code == code }, "got \(diagnostics)")
        #expect(diagnostic.location?.line == line)
        #expect(diagnostic.location?.column == column)
        #expect(diagnostic.location?.file.hasSuffix("/win11.yaml") == true)
        #expect(diagnostic.suggestion == suggestion)
    }

    @Test("Windows 10 without BYOL is a warning, and the set still loads")
    func windowsTenWarning() throws {
        let folder = try RulesTestFolder()
        try folder.write("w.yaml", Self.base.replacingOccurrences(of: "name: win11", with: "name: win10-lab"))
        let read = try RulesFolder.read(folder.path)
        #expect(read.ruleSet != nil)
        #expect(read.diagnostics.map(\.code) == ["upload.windows10_license"])
        #expect(read.diagnostics.first?.severity == .warning)
    }
}
