import ECDropCore
import ECDropHTTP
import Foundation

extension WebhookServer {
    /// `GET /v1/jobs/{id}`: one job, or 404.
    func showJob(_ request: HTTPRequest) async throws -> HTTPResponse {
        try authenticator.verify(request)
        let raw = String(request.path.dropFirst("/v1/jobs/".count))
        let id = raw.removingPercentEncoding ?? raw
        guard !id.isEmpty, !id.contains("/") else {
            throw WebhookRefusal(400, code: "webhook.bad_job_id", "'\(raw.prefix(100))' is not a job id")
        }
        guard let job = try await jobSource.job(id: id) else {
            throw WebhookRefusal(
                404, code: "webhook.job_not_found", "no job has the id '\(id.prefix(100))'; list them with GET /v1/jobs"
            )
        }
        return .json(200, job)
    }

    /// `GET /v1/jobs?state=`: the jobs in a state, or all.
    func listJobs(_ request: HTTPRequest) async throws -> HTTPResponse {
        try authenticator.verify(request)
        let state = Self.queryValue("state", in: request.rawQuery)
        return .json(200, try await jobSource.jobs(state: state?.isEmpty == true ? nil : state))
    }

    /// `GET /readyz`: 200 when every check passes, 503 naming those that do not.
    func ready() async -> HTTPResponse {
        let checks = await readiness.readinessChecks()
        let ready = checks.allSatisfy(\.ready)
        var object: [String: Any] = ["status": ready ? "ready" : "not_ready"]
        object["checks"] = Dictionary(checks.map { ($0.name, $0.ready) }, uniquingKeysWith: { $0 && $1 })
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return .json(ready ? 200 : 503, body)
    }

    /// The first value of `name` in a query string, `+` and percent escapes decoded.
    static func queryValue(_ name: String, in query: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first.map(String.init) == name else { continue }
            let raw = parts.count > 1 ? String(parts[1]).replacingOccurrences(of: "+", with: " ") : ""
            return raw.removingPercentEncoding ?? raw
        }
        return nil
    }
}
