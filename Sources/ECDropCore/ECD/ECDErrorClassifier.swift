/// Decides whether an ECD error is worth another attempt, by the service's Code first (the
/// gateway answers `Throttling.User` with HTTP 400) and by the HTTP status only when the Code
/// says nothing.
public enum ECDErrorClassifier {
    /// Code prefixes that are transient whatever the status.
    static let transientPrefixes = [
        "Throttling", "ServiceUnavailable", "InternalError", "UnknownError", "ServiceTimeout",
        "Timeout", "ConnectionReset", "ConnectionFailed", "BadResponse", "SignatureNonceUsed",
    ]
    /// Code prefixes that retrying cannot fix.
    static let permanentPrefixes = [
        "SignatureDoesNotMatch", "IncompleteSignature", "InvalidAccessKeyId", "InvalidSecurityToken",
        "InvalidTimeStamp", "Missing", "InvalidParameter", "Forbidden", "InvalidAction", "InvalidRegionId",
        "InvalidApi", "NoPermission", "UnsupportedOperation", "Invalid",
    ]

    public static func disposition(code: String, httpStatus: Int?) -> ECDCallError.Disposition {
        if transientPrefixes.contains(where: { code.hasPrefix($0) }) { return .transient }
        if permanentPrefixes.contains(where: { code.hasPrefix($0) }) { return .permanent }
        if let httpStatus, httpStatus >= 500 || httpStatus == 429 { return .transient }
        return .permanent
    }

    /// A hint that turns a permanent Code into something to do, appended to the service's message.
    public static func hint(code: String) -> String? {
        if code.hasPrefix("SignatureDoesNotMatch") || code == "IncompleteSignature" {
            return "check that the AccessKey secret belongs to the AccessKey id"
        }
        if code.hasPrefix("InvalidAccessKeyId") {
            return "check the AccessKey id, or whether it was disabled or deleted in the RAM console"
        }
        if code.hasPrefix("InvalidSecurityToken") {
            return "the STS token is expired or does not belong to the AccessKey id; get fresh credentials"
        }
        if code.hasPrefix("InvalidTimeStamp") { return "set the machine's clock right (NTP); x-acs-date is checked" }
        if code.hasPrefix("Forbidden") || code == "NoPermission" {
            return "grant the RAM user or role the ecd:* action it needs"
        }
        return nil
    }
}
