import ECDropCore
import Foundation

/// Manifest bytes as a drop folder or a webhook delivers them: Packer's format or the native one,
/// then the rules' view of every build and artifact.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifest(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Data(bytes: start, count: count)
    guard let manifest = try? ManifestDecoder.decode(bytes, origin: "fuzz.json") else { return 0 }
    for build in manifest.builds {
        for artifact in build.artifacts {
            let context = MatchContext(
                build: build, artifact: artifact, format: manifest.format, source: "drop", origin: "fuzz.json")
            _ = context.values.count
        }
    }
    return 0
}
