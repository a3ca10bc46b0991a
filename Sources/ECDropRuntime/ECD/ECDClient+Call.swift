import ECDropCore
import Foundation

extension ECDClient {
    /// Sends one action with retries and decodes its answer.
    func call<Result>(
        _ action: String, region: String, parameters: ACSParameters, idempotent: Bool,
        decode: (Data) throws(ECDCallError) -> Result
    ) async throws(ECDCallError) -> Result {
        let endpoint = try resolveEndpoint(action: action, region: region)
        var waited: TimeInterval = 0
        var attempt = 0
        while true {
            attempt += 1
            let outcome = await attemptOnce(
                action, endpoint: endpoint, region: region, parameters: parameters, idempotent: idempotent,
                decode: decode)
            let failure: (error: ECDCallError, retryAfter: TimeInterval?)
            switch outcome {
            case .success(let result): return result
            case .failure(let error, let retryAfter): failure = (error, retryAfter)
            }
            guard
                options.retry.shouldRetry(failure.error, afterAttempt: attempt, waited: waited, idempotent: idempotent)
            else {
                var error = failure.error
                if attempt > 1 { error.serviceMessage += " (gave up after \(attempt) attempts)" }
                throw error
            }
            let delay = options.retry.delay(afterAttempt: attempt, retryAfter: failure.retryAfter, unit: jitter())
            logger.debug(
                "ecd call will be retried",
                [
                    "api.action": .string(action), "api.code": .string(failure.error.serviceCode),
                    "api.request_id": .string(failure.error.requestId ?? ""), "attempt": .int(attempt),
                    "delay_ms": .int(Int(delay * 1000)),
                ])
            waited += delay
            do { try await time.sleep(for: delay) } catch {
                throw ECDCallError(
                    action: action, disposition: .transient, serviceCode: "Cancelled",
                    serviceMessage: "the call was cancelled while waiting to retry", cause: error)
            }
        }
    }

    enum AttemptOutcome<Result> {
        case success(Result)
        case failure(ECDCallError, retryAfter: TimeInterval?)
    }

    private func attemptOnce<Result>(
        _ action: String, endpoint: ECDEndpoint, region: String, parameters: ACSParameters, idempotent: Bool,
        decode: (Data) throws(ECDCallError) -> Result
    ) async -> AttemptOutcome<Result> {
        let found: ACSCredentials?
        do { found = try await credentials.credentials() } catch {
            return .failure(credentialsFailure(action, error), retryAfter: nil)
        }
        guard let current = found else { return .failure(credentialsFailure(action, .none), retryAfter: nil) }
        let builder = ACSRequestBuilder(host: endpoint.host, digests: digests, userAgent: options.userAgent)
        let signed = builder.build(
            action: action, parameters: parameters, credentials: current, date: time.now(), nonce: nonce())
        let url = URL(string: endpoint.baseURL.absoluteString + "?" + signed.query)!
        let request = ECDHTTPRequest(
            url: url, method: "POST", headers: signed.headers, timeout: options.requestTimeout,
            connectTimeout: options.connectTimeout)
        let response: ECDHTTPResponse
        do { response = try await transport.send(request) } catch {
            return .failure(transportFailure(action, error, endpoint: endpoint, region: region), retryAfter: nil)
        }
        guard response.status == 200 else {
            let error = ECDCallError.fromResponse(action: action, httpStatus: response.status, body: response.body)
            return .failure(
                error, retryAfter: ECDRetryPolicy.retryAfterSeconds(header: response.headers["x-acs-retry-after"]))
        }
        do { return .success(try decode(response.body)) } catch {
            var error = error
            // A 200 whose body cannot be read: the action may well have been carried out.
            error.outcomeUnknown = !idempotent
            error.httpStatus = 200
            return .failure(error, retryAfter: nil)
        }
    }

    func resolveEndpoint(action: String, region: String) throws(ECDCallError) -> ECDEndpoint {
        do {
            return try ECDEndpoint.resolve(region: region, configured: options.endpoint, environment: environment)
        } catch {
            let code = error.code == "ecd.invalid_region" ? "InvalidRegionId.Malformed" : "InvalidEndpoint"
            throw ECDCallError(
                action: action, disposition: .permanent, serviceCode: code, serviceMessage: error.message, cause: error)
        }
    }

    func credentialsFailure(_ action: String, _ error: CredentialsError) -> ECDCallError {
        ECDCallError(
            action: action, disposition: error.transient ? .transient : .permanent, serviceCode: "InvalidCredentials",
            serviceMessage: error.message, cause: error)
    }
}
