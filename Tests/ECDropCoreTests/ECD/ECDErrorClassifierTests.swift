import ECDropCore
import Foundation
import Testing

@Suite("ECD error classification")
struct ECDErrorClassifierTests {
    @Test(
        "a Code decides the disposition before the HTTP status does",
        arguments: [
            ("Throttling.User", 400, ECDCallError.Disposition.transient),
            ("Throttling", 400, .transient),
            ("Throttling.Api", 503, .transient),
            ("ServiceUnavailable", 503, .transient),
            ("InternalError", 500, .transient),
            ("SignatureDoesNotMatch", 400, .permanent),
            ("IncompleteSignature", 400, .permanent),
            ("InvalidAccessKeyId.NotFound", 404, .permanent),
            ("InvalidSecurityToken.Expired", 400, .permanent),
            ("MissingImageName", 400, .permanent),
            ("InvalidParameter.ImageName", 400, .permanent),
            ("Forbidden.RAM", 403, .permanent),
            ("InvalidTimeStamp.Expired", 400, .permanent),
            ("SomethingNew", 502, .transient),
            ("SomethingNew", 400, .permanent),
        ])
    func classifies(code: String, status: Int, expected: ECDCallError.Disposition) {
        #expect(ECDErrorClassifier.disposition(code: code, httpStatus: status) == expected)
    }

    @Test("the service's JSON error keeps Code, Message, RequestId and Recommend")
    func serviceErrorBody() {
        let body = Data(
            #"{"RequestId":"R-1","HostId":"ecd.cn-hangzhou.aliyuncs.com","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched.","Recommend":"https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch"}"#
                .utf8)
        let error = ECDCallError.fromResponse(action: "UploadImage", httpStatus: 400, body: body)
        #expect(error.disposition == .permanent)
        #expect(error.serviceCode == "SignatureDoesNotMatch")
        #expect(error.requestId == "R-1")
        #expect(error.recommend?.contains("troubleshoot") == true)
        #expect(error.message.contains("AccessKey secret"))
        #expect(error.message.contains("R-1"))
        #expect(!error.outcomeUnknown)
    }

    @Test("an HTML gateway page is a transient BadResponse that quotes the page")
    func htmlGatewayPage() {
        let body = Data("<html><head><title>502 Bad Gateway</title></head></html>".utf8)
        let error = ECDCallError.fromResponse(action: "DescribeImages", httpStatus: 502, body: body)
        #expect(error.disposition == .transient)
        #expect(error.serviceCode == "BadResponse")
        #expect(error.message.contains("502 Bad Gateway"))
    }

    @Test("a reused nonce means an earlier copy arrived, so the outcome is unknown")
    func nonceReuse() {
        let body = Data(#"{"Code":"SignatureNonceUsed","Message":"used","RequestId":"R"}"#.utf8)
        let error = ECDCallError.fromResponse(action: "UploadImage", httpStatus: 400, body: body)
        #expect(error.outcomeUnknown)
    }
}

@Suite("ECD retry policy")
struct ECDRetryPolicyTests {
    let policy = ECDRetryPolicy(maxAttempts: 4, baseDelay: 1, maxDelay: 10, budget: 60)

    @Test(
        "full jitter: the pause is the random unit times the doubled step, capped",
        arguments: [(1, 0.5, 0.5), (2, 0.5, 1.0), (3, 1.0, 4.0), (5, 1.0, 10.0), (3, 0.0, 0.0)])
    func backoff(attempt: Int, unit: Double, expected: Double) {
        #expect(policy.delay(afterAttempt: attempt, retryAfter: nil, unit: unit) == expected)
    }

    @Test("x-acs-retry-after (milliseconds) replaces the backoff, within the cap")
    func retryAfter() {
        #expect(ECDRetryPolicy.retryAfterSeconds(header: "1500") == 1.5)
        #expect(ECDRetryPolicy.retryAfterSeconds(header: "-3") == nil)
        #expect(ECDRetryPolicy.retryAfterSeconds(header: "soon") == nil)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 1.5, unit: 0.9) == 1.5)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 300, unit: 0.9) == 10)
    }

    @Test("only transient errors are retried, within attempts and budget, and never a maybe-sent upload")
    func retryDecisions() {
        let transient = ECDCallError(
            action: "UploadImage", disposition: .transient, serviceCode: "Throttling", serviceMessage: "")
        var unknown = transient
        unknown.outcomeUnknown = true
        var permanent = transient
        permanent.disposition = .permanent
        #expect(policy.shouldRetry(transient, afterAttempt: 1, waited: 0, idempotent: false))
        #expect(!policy.shouldRetry(transient, afterAttempt: 4, waited: 0, idempotent: false))
        #expect(!policy.shouldRetry(transient, afterAttempt: 1, waited: 61, idempotent: false))
        #expect(!policy.shouldRetry(permanent, afterAttempt: 1, waited: 0, idempotent: true))
        #expect(!policy.shouldRetry(unknown, afterAttempt: 1, waited: 0, idempotent: false))
        #expect(policy.shouldRetry(unknown, afterAttempt: 1, waited: 0, idempotent: true))
    }
}
