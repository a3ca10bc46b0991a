import ECDropTesting
import Foundation

/// The native manifest reader alone: every input is completed into a native document (see
/// `FuzzManifestFormat`), so none stops at "unknown format"; what decodes is also turned into
/// the rules' view of each build and artifact.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNativeManifest(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    _ = FuzzManifestFormat.read(FuzzManifestFormat.native.document(Data(bytes: start, count: count)))
    return 0
}
