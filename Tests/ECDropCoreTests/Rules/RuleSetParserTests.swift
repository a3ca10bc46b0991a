import ECDropCore
import Testing

@Suite("Loading rules from YAML trees")
struct RuleSetParserTests {
    static func parse(_ documents: [YAMLNode?]) -> Result<RuleSet, RuleSetError> {
        let files = documents.enumerated().map { RulesFile(name: "f\($0.offset).yaml", document: $0.element) }
        do {
            return .success(try RuleSetParser.parse(files))
        } catch {
            return .failure(error)
        }
    }

    static func errors(_ rule: YAMLNode) -> [Diagnostic] {
        guard case .failure(let error) = parse([Y.file([rule])]) else { return [] }
        return error.errors
    }

    @Test("a complete rule loads with every field")
    func loads() throws {
        let rule = Y.rule(
            "nightly",
            extra: [
                ("follow", Y.map([("deadline", Y.s("1h30m"))])), ("report", Y.strings(["results", "ops"])),
                ("final", Y.s("true")), ("runs", Y.s("all")), ("description", Y.s("text")),
            ])
        let set = try Self.parse([Y.file([rule])]).get()
        let loaded = try #require(set.rules.first)
        #expect(loaded.name == "nightly")
        #expect(loaded.regions == ["cn-hangzhou"])
        #expect(loaded.followDeadline == 5400)
        #expect(loaded.reporters == ["results", "ops"])
        #expect(loaded.isFinal)
        #expect(loaded.runs == .all)
        #expect(loaded.description == "text")
        #expect(set.warnings.isEmpty)
    }

    @Test(
        "mistakes in a rule are caught with a code and, where one is close, a suggestion",
        arguments: [
            (Y.rule("a", extra: [("matchs", Y.s("x"))]), "rules.unknown_key", "match"),
            (Y.rule("a", match: Y.test("build.name", "globb", Y.s("x"))), "rules.unknown_operator", "glob"),
            (Y.rule("a", match: Y.test("build.nmae", "glob", Y.s("x"))), "rules.unknown_field", "build.name"),
            (Y.rule("a", match: Y.map([("al", Y.list([]))])), "rules.unknown_field", "all"),
            (Y.rule("a", match: Y.test("build.name", "regex", Y.s("win(["))), "rules.bad_regex", nil),
            (Y.rule("a", match: Y.test("build.name", "glob", Y.s("[ab"))), "rules.bad_glob", nil),
            (Y.rule("a", match: Y.test("build.name", "in", Y.s("x"))), "rules.wrong_type", nil),
            (Y.rule("a", match: Y.test("build.name", "exists", Y.s("maybe"))), "rules.wrong_type", nil),
            (Y.rule("a", match: Y.test("artifact.size", "gt", Y.s("big"))), "rules.wrong_type", nil),
            (Y.rule("a", match: Y.test("build.name", "equals", Y.list([]))), "rules.wrong_type", nil),
            (Y.rule("a", match: Y.map([])), "rules.empty_clause", nil),
            (Y.rule("a", match: Y.map([("any", Y.list([]))])), "rules.empty_clause", nil),
            (Y.rule("a", match: Y.test("region", "equals", Y.s("x"))), "rules.unknown_field", nil),
            (Y.rule("a", regions: ["cn_hangzhou"]), "upload.region_id", "cn-hangzhou"),
            (Y.rule("a", regions: []), "rules.missing_key", nil),
            (Y.rule("a", regions: ["cn-hangzhou", "cn-hangzhou"]), "rules.duplicate_region", nil),
            (Y.rule("a", upload: Y.upload([("ImageNme", "x1")])), "rules.unknown_parameter", "ImageName"),
            (Y.rule("a", upload: Y.upload([("imagename", "x1")])), "rules.unknown_parameter", "ImageName"),
            (Y.rule("a", upload: Y.upload([("RegionId", "cn-hangzhou")])), "rules.unknown_parameter", nil),
            (Y.rule("a", upload: Y.upload([("ImageName", "")])), "rules.missing_parameter", nil),
            (Y.rule("a", upload: Y.upload([("GpuCategory", "")])), "rules.missing_parameter", nil),
            (Y.rule("a", upload: Y.upload([("OssObjectPath", "")])), "rules.missing_parameter", nil),
            (Y.rule("a", upload: Y.upload([("ImageName", "9lives")])), "upload.image_name", nil),
            (Y.rule("a", upload: Y.upload([("OsType", "windows")])), "upload.os_type", "Windows"),
            (Y.rule("a", upload: Y.upload([("DataDiskSize", "40")])), "upload.data_disk_size", nil),
            (Y.rule("a", upload: Y.upload([("Description", "{{ build.nme }}")])), "rules.unknown_field", "build.name"),
            (
                Y.rule("a", upload: Y.upload([("Description", "{{ build.name | truncat: 3 }}")])),
                "rules.unknown_filter", "truncate"
            ),
            (Y.rule("a", extra: [("follow", Y.map([("deadline", Y.s("soon"))]))]), "rules.bad_duration", nil),
            (Y.rule("a", extra: [("follow", Y.map([("deadlin", Y.s("6h"))]))]), "rules.unknown_key", "deadline"),
            (Y.rule("a", extra: [("runs", Y.s("newst"))]), "rules.bad_value", "newest"),
            (Y.rule("a", extra: [("final", Y.s("yes"))]), "rules.wrong_type", nil),
            (Y.rule("a", extra: [("action", Y.s("reprt"))]), "rules.bad_value", "report"),
            (Y.rule("a", extra: [("action", Y.s("report"))]), "rules.unexpected_key", nil),
            (Y.rule("a", extra: [("report", Y.strings(["ops team"]))]), "rules.bad_reporter", nil),
            (Y.rule("a", extra: [("report", Y.list([]))]), "rules.missing_key", nil),
            (Y.rule("bad name"), "rules.bad_name", nil),
            (Y.map([("match", Y.test("build.name", "exists", Y.s("true")))]), "rules.missing_key", nil),
        ] as [(YAMLNode, String, String?)])
    func diagnostics(rule: YAMLNode, code: String, suggestion: String?) {
        let errors = Self.errors(rule)
        let match = errors.first { $0.code == code }
        #expect(match != nil, "got \(errors.map(\.code))")
        #expect(match?.suggestion == suggestion)
        #expect(match?.location != nil)
    }

    @Test("a diagnostic points at the key that is wrong")
    func position() {
        let key = Y.s("globb", at: Y.at(9, 7))
        let test = Y.map(keyed: [(key, Y.s("win11-*"))], at: Y.at(9, 7))
        let match = Y.map([("build.name", test)], at: Y.at(8, 9))
        let errors = Self.errors(Y.rule("a", match: match))
        #expect(errors.count == 1)
        #expect(errors.first?.description == "t.yaml:9:7: error: unknown operator 'globb'; did you mean 'glob'?")
    }

    @Test("duplicate rule names across files are an error naming the first place")
    func duplicateNames() {
        guard case .failure(let error) = Self.parse([Y.file([Y.rule("same")]), Y.file([Y.rule("same")])]) else {
            Issue.record("duplicate names accepted")
            return
        }
        #expect(error.errors.map(\.code) == ["rules.duplicate_name"])
        #expect(error.errors.first?.message.contains("t.yaml:1:1") == true)
        #expect(error.exitCode == .config)
    }

    @Test("one bad file rejects the whole set and every error of every file is listed")
    func allOrNothing() {
        let good = Y.file([Y.rule("good")])
        let bad1 = Y.file([Y.rule("b1", match: Y.test("build.name", "globb", Y.s("x")))])
        let bad2 = Y.file([Y.rule("b2", regions: ["nowhere"]), Y.rule("b3", upload: Y.upload([("ImageName", "")]))])
        guard case .failure(let error) = Self.parse([good, bad1, bad2]) else {
            Issue.record("a bad set was accepted")
            return
        }
        #expect(error.errors.map(\.code) == ["rules.unknown_operator", "upload.region_id", "rules.missing_parameter"])
        #expect(error.message.contains("3 errors"))
    }

    @Test("a report-only rule needs no upload and no regions")
    func reportOnly() throws {
        let rule = Y.map([
            ("name", Y.s("catch-all")), ("action", Y.s("report")),
            ("match", Y.test("build.name", "exists", Y.s("true"))),
        ])
        let set = try Self.parse([Y.file([rule])]).get()
        #expect(set.rules.first?.action == .report)
        #expect(set.rules.first?.regions == [])
    }

    @Test("warnings do not reject the set: empty files, unknown regions, Windows 10 without BYOL")
    func warnings() throws {
        let win10 = Y.rule("win10-lab", regions: ["cn-hangzou"], upload: Y.upload([("LicenseType", "Auto")]))
        let set = try Self.parse([nil, Y.file([win10])]).get()
        #expect(set.warnings.map(\.code) == ["rules.empty_file", "upload.unknown_region", "upload.windows10_license"])
        #expect(set.warnings.allSatisfy { $0.severity == .warning })
        #expect(set.rules.count == 1)
    }
}
