import ECDropTesting
import Foundation

/// The Packer manifest reader alone: every input is completed into a packer document (see
/// `FuzzManifestFormat`), so none stops at "unknown format"; what decodes is also turned into
/// the rules' view of each build and artifact.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPackerManifest(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = FuzzManifestFormat.read(FuzzManifestFormat.packer.document(Data(bytes: start, count: count)))
    return 0
}
