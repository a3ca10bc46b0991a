import ECDropCore
import Foundation

/// Request headers as the simulator reads them: the Authorization header and the header list
/// that is canonicalized for the signature check. Input: header lines, `name: value`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuthorization(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    var headers: [(name: String, value: String)] = []
    for line in text.split(separator: "\n") {
        let parts = line.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { continue }
        headers.append((String(parts[0]), String(parts[1])))
    }
    for header in headers where header.name.lowercased() == "authorization" {
        _ = ACS3Signer.parseAuthorization(header.value.trimmingCharacters(in: .whitespaces))
    }
    _ = ACS3Signer.canonicalHeaders(headers)
    return 0
}
