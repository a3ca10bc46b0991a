import ECDropCore
import ECDropYAML
import Foundation

/// libyaml through the loader into the neutral tree, and the positioned error it renders.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    do {
        _ = try YAMLLoader.load(data, file: "fuzz.yaml", limits: YAMLLimits(maxBytes: 1 << 16, maxDepth: 32))
    } catch {
        _ = error.message.count
    }
    return 0
}
