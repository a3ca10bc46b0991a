import ECDropCore
import ECDropYAML
import Foundation

/// A configuration file: YAML, then the decoder with its diagnostics rendered against the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard let root = try? YAMLLoader.load(data, file: "ecdrop.yaml") else { return 0 }
    var decoder = ConfigurationDecoder(fileDirectory: "/etc/ecdrop", workingDirectory: "/")
    var config = Configuration()
    decoder.decode(root, into: &config)
    let source = String(decoding: data, as: UTF8.self)
    for diagnostic in decoder.diagnostics {
        _ = diagnostic.rendered(source: source).count
    }
    return 0
}
