import ECDropCrypto
import ECDropTesting
import Foundation

/// A webhook request, headers and body, through the server's whole handling: signature and
/// replay window, routing, content type, the manifest reader, the answer. Input: a request
/// line, header lines, a blank line, the body (see `FuzzedWebhookRequest` for the `now` and
/// `sign` placeholders). Traps when an answer is undocumented, an error without its JSON, or a
/// success for a request the fuzzer could not have signed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebhookRequest(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let (request, response) = FuzzWebhookTarget.harness.answer(Data(bytes: start, count: count))
    let problems = WebhookFuzzHarness.problems(response, for: request)
    precondition(problems.isEmpty, "webhook answer: \(problems.joined(separator: "; "))")
    return 0
}

enum FuzzWebhookTarget {
    static let harness = WebhookFuzzHarness(digests: OpenSSLDigests())
}
