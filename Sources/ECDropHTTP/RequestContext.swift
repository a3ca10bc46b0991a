import Foundation
import Synchronization

/// One request's state between the library's callbacks, from the request line to completion.
///
/// Everything but `answer` is touched only on the library thread that serves the connection;
/// `answer` carries the handler's response from its task back to that thread.
final class RequestContext: @unchecked Sendable {
    enum Phase {
        /// The request line is in; the headers are not read yet.
        case new
        /// Headers read; body bytes arriving.
        case receiving
        /// The body outgrew the limit while arriving; the rest is read and discarded so that the
        /// 413 can be sent once it ends. Holds the bytes discarded so far.
        case discarding(Int)
        /// Handed to the handler; the connection is suspended until it answers.
        case dispatched
        /// A response is queued (or the connection is being dropped).
        case answered
    }

    let rawTarget: String
    var phase = Phase.new
    var method = ""
    var headers: [(name: String, value: String)] = []
    var body = Data()
    var remoteAddress = ""
    let answer = Mutex<HTTPResponse?>(nil)

    init(rawTarget: String) {
        self.rawTarget = rawTarget
    }

    /// The request as handlers see it: path and query split at the first `?`, both undecoded.
    func makeRequest() -> HTTPRequest {
        let path: Substring
        let query: Substring
        if let mark = rawTarget.firstIndex(of: "?") {
            path = rawTarget[..<mark]
            query = rawTarget[rawTarget.index(after: mark)...]
        } else {
            path = rawTarget[...]
            query = ""
        }
        return HTTPRequest(
            method: method, path: String(path), rawQuery: String(query), headers: headers, body: body,
            remoteAddress: remoteAddress)
    }
}

/// A library connection handle carried to the handler's task, which only resumes it.
struct ConnectionHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}
