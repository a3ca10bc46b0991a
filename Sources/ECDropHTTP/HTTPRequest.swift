import ECDropCore
import Foundation

/// One request as the server received it; nothing is decoded.
public struct HTTPRequest: Sendable {
    /// `GET`, `POST`, … as sent.
    public var method: String
    /// The path without the query, percent-decoding not applied: `/v1/jobs/abc`.
    public var path: String
    /// Everything after `?`, undecoded; empty when there is none.
    public var rawQuery: String
    /// Header fields as received, in order.
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// The peer: `127.0.0.1:53122` or `[::1]:53122`.
    public var remoteAddress: String

    public init(
        method: String, path: String, rawQuery: String = "", headers: [(name: String, value: String)] = [],
        body: Data = Data(), remoteAddress: String = ""
    ) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The first value of a header, its name compared without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { ASCIIText.equalsIgnoringCase($0.name, name) }?.value
    }
}
