import CCurl
import CCurlShim
import Foundation
import Synchronization

/// One request in flight: its easy handle, what has come back so far and who waits for it.
/// After submission only the client's thread touches it, except `cancelRequested`.
final class CurlTransfer: @unchecked Sendable {
    let request: CurlRequest
    let maxBodyBytes: Int
    let cancelRequested = Atomic<Bool>(false)
    private var continuation: CheckedContinuation<Result<CurlResponse, CurlFailure>, Never>?
    private(set) var handle: UnsafeMutableRawPointer?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    private var body = Data()
    private var headers: [String: String] = [:]
    private var overflowed = false

    init(
        _ request: CurlRequest, maxBodyBytes: Int,
        continuation: CheckedContinuation<Result<CurlResponse, CurlFailure>, Never>
    ) {
        self.request = request
        self.maxBodyBytes = maxBodyBytes
        self.continuation = continuation
        errorBuffer.initialize(to: 0)
    }

    deinit {
        if let headerList { curl_slist_free_all(headerList) }
        if let handle { curl_easy_cleanup(handle) }
        errorBuffer.deallocate()
    }

    /// A configured easy handle, or the failure that prevented one.
    func makeHandle() -> CurlFailure? {
        guard let handle = curl_easy_init() else {
            return CurlFailure(
                kind: .other, requestSent: false, detail: "libcurl could not make a handle (out of memory?)")
        }
        self.handle = handle
        let context = Unmanaged.passUnretained(self).toOpaque()
        var codes: [CURLcode] = []
        codes.append(setString(CURLOPT_URL, request.url))
        codes.append(setString(CURLOPT_PROTOCOLS_STR, "http,https"))
        codes.append(setString(CURLOPT_ACCEPT_ENCODING, ""))
        codes.append(ecdrop_curl_set_long(handle, CURLOPT_NOSIGNAL, 1))
        codes.append(ecdrop_curl_set_long(handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout)))
        codes.append(
            ecdrop_curl_set_long(
                handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(min(request.connectTimeout, request.timeout))))
        codes.append(ecdrop_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        codes.append(ecdrop_curl_set_sink(handle, CURLOPT_WRITEFUNCTION, curlBodySink))
        codes.append(ecdrop_curl_set_pointer(handle, CURLOPT_WRITEDATA, context))
        codes.append(ecdrop_curl_set_sink(handle, CURLOPT_HEADERFUNCTION, curlHeaderSink))
        codes.append(ecdrop_curl_set_pointer(handle, CURLOPT_HEADERDATA, context))
        codes += setMethodAndBody(handle)
        // An empty "Expect:" keeps libcurl from waiting for a 100 Continue before a large body.
        var list: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "Expect:")
        for header in request.headers where header.name.lowercased() != "host" {
            list = curl_slist_append(list, "\(header.name): \(header.value)")
        }
        headerList = list
        codes.append(ecdrop_curl_set_pointer(handle, CURLOPT_HTTPHEADER, list))
        if let refused = codes.first(where: { $0 != CURLE_OK }) {
            return CurlFailure(
                kind: .other, requestSent: false,
                detail: "libcurl refused an option for \(request.method) \(request.url): "
                    + "\(String(cString: curl_easy_strerror(refused))) (curl error \(refused.rawValue))")
        }
        return nil
    }

    private func setMethodAndBody(_ handle: UnsafeMutableRawPointer) -> [CURLcode] {
        switch request.method.uppercased() {
        case "GET" where request.body.isEmpty:
            return [ecdrop_curl_set_long(handle, CURLOPT_HTTPGET, 1)]
        case "HEAD":
            return [ecdrop_curl_set_long(handle, CURLOPT_NOBODY, 1)]
        case let method:
            var codes = [
                request.body.withUnsafeBytes { bytes in
                    ecdrop_curl_set_body(handle, bytes.baseAddress, bytes.count)
                }
            ]
            if method != "POST" { codes.append(setString(CURLOPT_CUSTOMREQUEST, method)) }
            return codes
        }
    }

    /// Strings given to libcurl's options are copied by it.
    private func setString(_ option: CURLoption, _ value: String) -> CURLcode {
        value.withCString { ecdrop_curl_set_pointer(handle, option, $0) }
    }

    private static func milliseconds(_ seconds: TimeInterval) -> Int {
        Int(max(1, min(seconds, 86_400) * 1000))
    }

    /// Called by the body sink: false refuses the bytes (the answer is too large).
    func take(body bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maxBodyBytes else {
            overflowed = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Called by the header sink with one line, its CRLF included.
    func take(headerLine bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = [:]  // a new response: an interim 1xx, or the answer after it
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { return }
        headers[name] = value
    }

    /// Ends the transfer with libcurl's result for it.
    func complete(_ code: CURLcode) {
        guard code == CURLE_OK else {
            let words =
                errorBuffer.pointee != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
            let sent = handle.map { ecdrop_curl_request_size($0) > 0 } ?? false
            let kind: CurlFailure.Kind = overflowed ? .tooLarge : CurlFailure.kind(of: code)
            let detail =
                overflowed
                ? "the answer was larger than \(maxBodyBytes) bytes; it was cut off"
                : "\(words) (curl error \(code.rawValue))"
            finish(.failure(CurlFailure(kind: kind, requestSent: sent, detail: detail)))
            return
        }
        let status = handle.map { Int(ecdrop_curl_response_code($0)) } ?? 0
        finish(.success(CurlResponse(status: status, headers: headers, body: body)))
    }

    /// Hands the outcome to the waiting caller, once; later calls do nothing.
    func finish(_ outcome: Result<CurlResponse, CurlFailure>) {
        continuation?.resume(returning: outcome)
        continuation = nil
    }

    var isFinished: Bool { continuation == nil }
}

/// CURLOPT_WRITEFUNCTION: the body's bytes, to the transfer whose address is the context.
private func curlBodySink(
    data: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?
) -> Int {
    guard let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    guard let data, length > 0 else { return length }
    return transfer.take(body: UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

/// CURLOPT_HEADERFUNCTION: one header line, to the transfer whose address is the context.
private func curlHeaderSink(
    data: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?
) -> Int {
    guard let context else { return 0 }
    let length = size * count
    if let data, length > 0 {
        Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            .take(headerLine: UnsafeRawBufferPointer(start: data, count: length))
    }
    return length
}
