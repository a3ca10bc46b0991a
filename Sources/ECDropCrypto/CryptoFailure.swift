internal import CCrypto
public import ECDropCore

/// A libcrypto call that failed, with the library's own message.
public struct CryptoFailure: ECDropError {
    public var call: String
    public var detail: String

    public var code: String { "crypto.failure" }
    public var message: String {
        "libcrypto \(call) failed: \(detail); check that OpenSSL's libcrypto (libssl3) is installed and not damaged"
    }
    public var exitCode: ExitCode { .software }

    static func lastLibraryMessage() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "no error recorded" }
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
