/// Why an ECD call did not succeed, classified by the service's Code (not the HTTP status).
public struct ECDCallError: ECDropError {
    public enum Disposition: String, Sendable, Codable {
        /// Throttling, 5xx, timeouts, resets, gateway pages: worth another attempt.
        case transient
        /// Signature, credentials, Missing*/InvalidParameter*, Forbidden*: retrying will not help.
        case permanent
    }

    /// The API action, `UploadImage`.
    public var action: String
    public var disposition: Disposition
    /// The service's Code (`Throttling.User`), or a local one (`Timeout`, `ConnectionReset`, `BadResponse`).
    public var serviceCode: String
    public var serviceMessage: String
    public var httpStatus: Int?
    public var requestId: String?
    public var recommend: String?
    /// True when the request may have been carried out although no answer came back (a timeout
    /// or reset after the request was sent). The pipeline looks before it sends again.
    public var outcomeUnknown: Bool
    public var cause: (any Error)?

    public init(
        action: String, disposition: Disposition, serviceCode: String, serviceMessage: String,
        httpStatus: Int? = nil, requestId: String? = nil, recommend: String? = nil,
        outcomeUnknown: Bool = false, cause: (any Error)? = nil
    ) {
        self.action = action
        self.disposition = disposition
        self.serviceCode = serviceCode
        self.serviceMessage = serviceMessage
        self.httpStatus = httpStatus
        self.requestId = requestId
        self.recommend = recommend
        self.outcomeUnknown = outcomeUnknown
        self.cause = cause
    }

    public var code: String { "ecd.\(serviceCode)" }

    public var message: String {
        var text = "\(action) failed: \(serviceCode): \(serviceMessage)"
        if let requestId { text += " (RequestId \(requestId))" }
        if let recommend, !recommend.isEmpty { text += "; see \(recommend)" }
        return text
    }

    public var exitCode: ExitCode {
        let refused = [
            "Signature", "IncompleteSignature", "InvalidAccessKeyId", "InvalidSecurityToken", "Forbidden",
            "InvalidCredentials", "NoPermission",
        ]
        if disposition == .permanent, refused.contains(where: { serviceCode.hasPrefix($0) }) {
            return .permissionDenied
        }
        switch disposition {
        case .transient: return .temporaryFailure
        case .permanent: return .unavailable
        }
    }
}
