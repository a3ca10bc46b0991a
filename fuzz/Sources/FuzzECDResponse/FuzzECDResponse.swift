import ECDropCore
import Foundation

/// Whatever an endpoint answers (JSON, an HTML gateway page, garbage) through the ECD decoders.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzECDResponse(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let body = Data(bytes: start, count: count)
    _ = ECDResponseDecoder.serviceError(body)
    _ = try? ECDResponseDecoder.uploadImage(body)
    _ = try? ECDResponseDecoder.describeImages(body)
    _ = try? ECDResponseDecoder.requestId(body, action: "DeleteImages")
    _ = ECDResponseDecoder.preview(body).count
    return 0
}
