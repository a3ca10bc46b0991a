import Foundation

extension ECDCallError {
    /// The error an HTTP answer other than 200 stands for: the service's Code when the body is
    /// its JSON error, a `BadResponse` (transient) for a gateway page or garbage.
    public static func fromResponse(action: String, httpStatus: Int, body: Data) -> ECDCallError {
        guard let service = ECDResponseDecoder.serviceError(body) else {
            let why =
                "HTTP \(httpStatus) with a body that is not the service's JSON error "
                + "(\(ECDResponseDecoder.preview(body))); a proxy or gateway may have answered"
            return ECDCallError(
                action: action, disposition: .transient, serviceCode: "BadResponse", serviceMessage: why,
                httpStatus: httpStatus)
        }
        var message = service.message
        if let hint = ECDErrorClassifier.hint(code: service.code) { message += " (\(hint))" }
        return ECDCallError(
            action: action, disposition: ECDErrorClassifier.disposition(code: service.code, httpStatus: httpStatus),
            serviceCode: service.code, serviceMessage: message, httpStatus: httpStatus,
            requestId: service.requestId, recommend: service.recommend,
            outcomeUnknown: service.code.hasPrefix("SignatureNonceUsed"))
    }
}
