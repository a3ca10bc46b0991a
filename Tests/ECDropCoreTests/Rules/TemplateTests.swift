import ECDropCore
import Testing

@Suite("Templates and filters")
struct TemplateTests {
    static let context = MatchContext(values: [
        "build.name": "Win11 Pro 24H2.1", "build.time": "1796314442", "build.run_id": "6a274087-85f6-c30d",
        "build.custom.channel": "nightly", "region": "cn-shanghai", "artifact.name": "win11.vhd",
    ])

    static func render(_ text: String) throws -> String {
        let template = try TemplateParser(allowRegion: true).parse(text, at: Y.at(3, 5)).get()
        return try template.render(in: context)
    }

    @Test(
        "each filter transforms the value",
        arguments: [
            ("{{ build.name | image_name }}", "Win11-Pro-24H2-1"),
            ("{{ build.time | date: '%Y%m%d' }}", "20261203"),
            ("{{ build.time | date: \"%F %T\" }}", "2026-12-03 16:14:02"),
            ("{{ build.time | date: '%y-%j %b %a %s %%' }}", "26-337 Dec Thu 1796314442 %"),
            ("{{ build.custom.channel | upper }}", "NIGHTLY"),
            ("{{ build.name | lower }}", "win11 pro 24h2.1"),
            ("{{ build.name | replace: ' ', '_' }}", "Win11_Pro_24H2.1"),
            ("{{ build.run_id | truncate: 8 }}", "6a274087"),
            ("{{ build.run_id | truncate: 100 }}", "6a274087-85f6-c30d"),
            ("{{ build.custom.owner | default: 'ops' }}", "ops"),
            ("{{ build.custom.channel | default: 'x' }}", "nightly"),
            ("{{ build.custom.owner | default: 'Ops Team' | image_name | lower }}", "ops-team"),
            ("{{region}}-{{ artifact.name }}", "cn-shanghai-win11.vhd"),
            ("plain text", "plain text"),
        ])
    func filters(text: String, expected: String) throws {
        #expect(try Self.render(text) == expected)
    }

    @Test(
        "image_name makes any text a valid ImageName",
        arguments: [
            ("win11-pro", "win11-pro"), ("Win 11 / Pro (x64)", "Win-11-Pro-x64"), ("2024-build", "img-2024-build"),
            ("", "img"), ("a", "a-image"), ("镜像", "img"), ("https://x.y/z", "https:-x-y-z"),
            (String(repeating: "ab", count: 100), String(repeating: "ab", count: 64)),
        ])
    func imageName(text: String, expected: String) {
        let name = ImageNameFilter.apply(text)
        #expect(name == expected)
        #expect(UploadConstraints.check(.ImageName, name).isEmpty, "\(name) is not a valid ImageName")
    }

    @Test("a missing field without default is an error naming the field, never an empty string")
    func missingField() {
        do {
            let text = try Self.render("{{ build.custom.oss_key }}")
            Issue.record("rendered '\(text)'")
        } catch let error as TemplateRenderError {
            #expect(error.code == "render.missing_field")
            #expect(error.message.contains("build.custom.oss_key"))
            #expect(error.message.contains("t.yaml:3:5"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a date filter over text that is no time fails to render")
    func badDate() {
        #expect(throws: TemplateRenderError.self) { try Self.render("{{ build.custom.channel | date: '%Y' }}") }
    }

    @Test(
        "mistakes in templates are caught when the rules load",
        arguments: [
            ("{{ build.nmae }}", "rules.unknown_field", "build.name"),
            ("{{ build.name | lowr }}", "rules.unknown_filter", "lower"),
            ("{{ build.name | imagename }}", "rules.unknown_filter", "image_name"),
            ("{{ build.time | date: '%Q' }}", "rules.bad_filter_argument", nil),
            ("{{ build.time | date }}", "rules.bad_filter_argument", nil),
            ("{{ build.name | truncate: x }}", "rules.bad_filter_argument", nil),
            ("{{ build.name | truncate: 0 }}", "rules.bad_filter_argument", nil),
            ("{{ build.name | replace: 'a' }}", "rules.bad_filter_argument", nil),
            ("{{ build.name | upper: 1 }}", "rules.bad_filter_argument", nil),
            ("{{ build.name | default: 'a }}", "rules.bad_filter_argument", nil),
            ("{{ build.name ", "rules.bad_template", nil),
            ("{{ | lower }}", "rules.bad_template", nil),
        ] as [(String, String, String?)])
    func loadTimeErrors(text: String, code: String, suggestion: String?) {
        let result = TemplateParser(allowRegion: true).parse(text, at: Y.at(7, 9))
        guard case .failure(let list) = result else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(list.diagnostics.first?.code == code)
        #expect(list.diagnostics.first?.suggestion == suggestion)
        #expect(list.diagnostics.first?.location == Y.at(7, 9))
    }

    @Test("region is only known where a region is being rendered")
    func regionOutsideUpload() {
        let result = TemplateParser(allowRegion: false).parse("{{ region }}", at: Y.at(1, 1))
        guard case .failure(let list) = result else {
            Issue.record("region accepted outside upload")
            return
        }
        #expect(list.diagnostics.first?.code == "rules.unknown_field")
    }

    @Test("a template without expressions is static and keeps its text")
    func staticText() throws {
        let template = try TemplateParser(allowRegion: true).parse("Windows", at: Y.at(1, 1)).get()
        #expect(template.isStatic)
        #expect(template.staticText == "Windows")
        let dynamic = try TemplateParser(allowRegion: true).parse("a{{ region }}", at: Y.at(1, 1)).get()
        #expect(!dynamic.isStatic)
    }
}
