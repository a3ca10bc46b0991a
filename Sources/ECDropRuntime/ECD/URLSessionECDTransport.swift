import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// ECD calls over URLSession (libcurl on Linux). Proxies come from `HTTPS_PROXY`/`HTTP_PROXY`
/// (and their lowercase forms), which libcurl reads from the process environment.
public final class URLSessionECDTransport: ECDTransport {
    private let session: URLSession

    // Not yet: a separate connect timeout; FoundationNetworking's URLSession exposes none.
    public init(requestTimeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = requestTimeout
        configuration.timeoutIntervalForResource = requestTimeout
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        self.session = URLSession(configuration: configuration)
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: ECDHTTPRequest) async throws(ECDTransportFailure) -> ECDHTTPResponse {
        var urlRequest = URLRequest(url: request.url, timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        // The host header is derived from the URL by the transport; the signed value matches it.
        for header in request.headers where header.name.lowercased() != "host" {
            urlRequest.setValue(header.value, forHTTPHeaderField: header.name)
        }
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                throw ECDTransportFailure(kind: .other, maybeDelivered: true, detail: "the answer was not HTTP")
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
            return ECDHTTPResponse(status: http.statusCode, headers: headers, body: data)
        } catch let failure as ECDTransportFailure {
            throw failure
        } catch {
            throw Self.classify(error)
        }
    }

    static func classify(_ error: any Error) -> ECDTransportFailure {
        let nsError = error as NSError
        let detail = nsError.localizedDescription
        guard nsError.domain == NSURLErrorDomain else {
            return ECDTransportFailure(kind: .other, maybeDelivered: true, detail: detail)
        }
        switch nsError.code {
        case NSURLErrorTimedOut:
            return ECDTransportFailure(kind: .timedOut, maybeDelivered: true, detail: detail)
        case NSURLErrorNetworkConnectionLost, NSURLErrorBadServerResponse, NSURLErrorZeroByteResource:
            return ECDTransportFailure(kind: .connectionReset, maybeDelivered: true, detail: detail)
        case NSURLErrorCannotConnectToHost, NSURLErrorNotConnectedToInternet:
            return ECDTransportFailure(kind: .cannotConnect, maybeDelivered: false, detail: detail)
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed:
            return ECDTransportFailure(kind: .unknownHost, maybeDelivered: false, detail: detail)
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted,
            NSURLErrorServerCertificateHasBadDate, NSURLErrorServerCertificateHasUnknownRoot,
            NSURLErrorServerCertificateNotYetValid, NSURLErrorClientCertificateRejected:
            return ECDTransportFailure(kind: .tls, maybeDelivered: false, detail: detail)
        default:
            return ECDTransportFailure(kind: .other, maybeDelivered: true, detail: detail)
        }
    }
}
