import ECDropCore
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

    @Test("the corpus has seeds for every parser", arguments: ["FuzzYAML", "FuzzConfig", "FuzzECDResponse"])
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
}
