import ECDropCore
import ECDropCrypto
import ECDropTesting
import ECDropYAML
import Foundation
import Testing

/// Every input kept in fuzz/corpus (seeds and former findings) goes through its parser again on
/// every test run, without the fuzzer: a crash fails the run, a refusal must be a clean error.
@Suite("Fuzz corpus replay")
struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fuzz/corpus")

    static func inputs(_ target: String) -> [Data] {
        let folder = corpus.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { try? Data(contentsOf: folder.appendingPathComponent($0)) }
    }

    @Test(
        "the corpus has seeds for every parser",
        arguments: [
            "FuzzYAML", "FuzzConfig", "FuzzECDResponse", "FuzzAuthorization", "FuzzManifest", "FuzzRules",
            "FuzzTemplate", "FuzzPackerManifest", "FuzzNativeManifest", "FuzzWebhookRequest",
        ])
    func corpusPresent(target: String) {
        #expect(!Self.inputs(target).isEmpty)
    }

    @Test("YAML inputs load or fail with a positioned YAML error")
    func yaml() {
        for data in Self.inputs("FuzzYAML") {
            do {
                _ = try YAMLLoader.load(data, file: "corpus.yaml")
            } catch {
                #expect(error.location?.file == "corpus.yaml")
            }
        }
    }

    @Test("configuration inputs decode or give diagnostics that render against their text")
    func configuration() {
        for data in Self.inputs("FuzzConfig") {
            guard let root = try? YAMLLoader.load(data, file: "ecdrop.yaml") else { continue }
            var decoder = ConfigurationDecoder(fileDirectory: "/etc/ecdrop", workingDirectory: "/")
            var config = Configuration()
            decoder.decode(root, into: &config)
            for diagnostic in decoder.diagnostics {
                #expect(!diagnostic.rendered(source: String(decoding: data, as: UTF8.self)).isEmpty)
            }
        }
    }

    @Test("endpoint answers decode to a result or a classified call error, never a crash")
    func ecdResponses() {
        var decoded = 0
        for body in Self.inputs("FuzzECDResponse") {
            if (try? ECDResponseDecoder.uploadImage(body)) != nil { decoded += 1 }
            _ = try? ECDResponseDecoder.describeImages(body)
            _ = ECDResponseDecoder.serviceError(body)
        }
        #expect(decoded >= 1)
    }

    @Test("manifest inputs decode, or are refused with an intake error naming the input")
    func manifests() {
        var decoded = 0
        for bytes in Self.inputs("FuzzManifest") {
            do {
                _ = try ManifestDecoder.decode(bytes, origin: "corpus.json")
                decoded += 1
            } catch {
                #expect(error.message.contains("corpus.json"))
            }
        }
        #expect(decoded >= 1)
    }

    @Test("rule inputs load into a rule set or give positioned diagnostics")
    func rules() {
        for data in Self.inputs("FuzzRules") {
            guard let document = try? YAMLLoader.load(data, file: "rules.yaml") else { continue }
            do {
                let ruleSet = try RuleSetParser.parse([RulesFile(name: "rules.yaml", document: document)])
                #expect(!ruleSet.rules.isEmpty)
            } catch {
                #expect(error.location?.file == "rules.yaml")
            }
        }
    }

    @Test("template inputs parse and render, or fail with diagnostics")
    func templates() {
        let context = MatchContext(values: ["build.name": "win11", "build.time": "1767225600", "region": "cn-hangzhou"])
        let location = SourceLocation(file: "rules.yaml", line: 1, column: 1)
        var parsed = 0
        for data in Self.inputs("FuzzTemplate") {
            let text = String(decoding: data, as: UTF8.self)
            if case .success(let template) = TemplateParser(allowRegion: true).parse(text, at: location) {
                parsed += 1
                _ = try? template.render(in: context)
            }
        }
        #expect(parsed >= 1)
    }

    @Test(
        "Packer and native inputs, completed into their format, decode or are refused naming the input",
        arguments: FuzzManifestFormat.allCases)
    func manifestFormats(format: FuzzManifestFormat) {
        let target = format == .packer ? "FuzzPackerManifest" : "FuzzNativeManifest"
        var decoded = 0
        for input in Self.inputs(target) {
            switch FuzzManifestFormat.read(format.document(input)) {
            case .success(let manifest):
                #expect(manifest.format.rawValue == format.rawValue)
                decoded += 1
            case .failure(let error):
                #expect(error.message.contains("fuzz.json"))
            }
        }
        #expect(decoded >= 2)
    }

    @Test("webhook requests get a documented answer, a JSON error when refused, and no success unsigned")
    func webhookRequests() {
        let harness = WebhookFuzzHarness(digests: OpenSSLDigests())
        var statuses: Set<Int> = []
        for input in Self.inputs("FuzzWebhookRequest") {
            let (request, response) = harness.answer(input)
            #expect(WebhookFuzzHarness.problems(response, for: request).isEmpty)
            statuses.insert(response.status)
        }
        // The seeds reach past the signature check to the manifest reader, and are refused before it.
        #expect(statuses.isSuperset(of: [202, 400, 401, 404, 405, 415]))
    }
}
