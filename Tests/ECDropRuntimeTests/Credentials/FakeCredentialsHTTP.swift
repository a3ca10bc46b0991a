import ECDropRuntime
import Foundation
import Synchronization

/// Answers credential fetches from a table by path, and records what was asked.
final class FakeCredentialsHTTP: CredentialsHTTP {
    struct Call: Sendable {
        var method: String
        var url: URL
        var headers: [String: String]
    }

    private let answers: [String: Answer]
    private let recorded = Mutex<[Call]>([])

    struct Answer: Sendable {
        var status: Int
        var body: String
    }

    init(_ answers: [String: (Int, String)]) { self.answers = answers.mapValues { Answer(status: $0.0, body: $0.1) } }

    var calls: [Call] { recorded.withLock { $0 } }

    func fetch(
        _ url: URL, method: String, headers: [String: String], timeout: TimeInterval
    ) async throws
        -> (status: Int, body: Data)
    {
        recorded.withLock { $0.append(Call(method: method, url: url, headers: headers)) }
        let path = url.path.isEmpty ? "/" : url.path
        guard let answer = answers["\(method) \(path)"] else { throw URLError(.cannotConnectToHost) }
        return (answer.status, Data(answer.body.utf8))
    }
}

let temporaryCredentialsJSON = """
    {"Code":"Success","AccessKeyId":"STS.TempId","AccessKeySecret":"TempSecret","SecurityToken":"TempToken",
     "Expiration":"2030-01-01T00:00:00Z"}
    """
