import CCurl
import Foundation

/// Why a `CurlRequest` got no complete answer.
public struct CurlFailure: LocalizedError, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case timedOut
        /// The connection broke or closed before the answer was complete.
        case connectionLost
        case cannotConnect
        case unknownHost
        case tls
        /// The answer was larger than the client accepts.
        case tooLarge
        case cancelled
        case other
    }

    public var kind: Kind
    /// False only when not one byte of the request was sent.
    public var requestSent: Bool
    /// libcurl's own words, with its error number.
    public var detail: String

    public init(kind: Kind, requestSent: Bool, detail: String) {
        self.kind = kind
        self.requestSent = requestSent
        self.detail = detail
    }

    public var description: String { detail }

    public var errorDescription: String? { detail }

    /// The kind of a libcurl result code.
    static func kind(of code: CURLcode) -> Kind {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_COULDNT_CONNECT: .cannotConnect
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .unknownHost
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_SHUTDOWN_FAILED,
            CURLE_USE_SSL_FAILED:
            .tls
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM, CURLE_HTTP3:
            .connectionLost
        case CURLE_WRITE_ERROR, CURLE_FILESIZE_EXCEEDED: .tooLarge
        case CURLE_ABORTED_BY_CALLBACK: .cancelled
        default: .other
        }
    }
}
