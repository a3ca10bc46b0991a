import Foundation

/// A request as the simulator sees it, independent of the HTTP server that received it.
public struct SimulatedRequest: Sendable {
    public var method: String
    public var path: String
    public var rawQuery: String
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(method: String, path: String, rawQuery: String, headers: [(name: String, value: String)], body: Data) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// What the simulator does with a request.
public enum SimulatorReply: Sendable, Equatable {
    case respond(status: Int, headers: [String: String], body: Data)
    /// Close the connection without answering.
    case drop
    /// Wait, then close the connection without answering.
    case hangThenDrop(seconds: Double)

    public static func json(_ status: Int, _ object: [String: Any], headers: [String: String] = [:]) -> SimulatorReply {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        var all = headers
        all["Content-Type"] = "application/json;charset=utf-8"
        return .respond(status: status, headers: all, body: body)
    }

    public var status: Int? {
        if case .respond(let status, _, _) = self { return status }
        return nil
    }
}
