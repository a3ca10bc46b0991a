internal import CMicroHTTPD

/// The one place library return codes become errors, named after the call that failed.
enum MHDCall {
    static func check(_ result: MHD_Result, _ call: StaticString, _ detail: String = "") throws(HTTPServerError) {
        guard result != .YES else { return }
        let suffix = detail.isEmpty ? "" : ": \(detail)"
        throw HTTPServerError(.library, "libmicrohttpd \(call) failed\(suffix)")
    }

    static func check<T>(_ value: T?, _ call: StaticString, _ detail: String = "") throws(HTTPServerError) -> T {
        guard let value else {
            let suffix = detail.isEmpty ? "" : ": \(detail)"
            throw HTTPServerError(.library, "libmicrohttpd \(call) failed\(suffix)")
        }
        return value
    }
}
