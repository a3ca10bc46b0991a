import ECDropCore

/// Credentials that are missing, malformed or could not be fetched.
public struct CredentialsError: ECDropError {
    public var code: String
    public var message: String
    /// True when asking again later may work (metadata service or STS unreachable).
    public var transient: Bool
    public var cause: (any Error)?

    public init(code: String, message: String, transient: Bool = false, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.transient = transient
        self.cause = cause
    }

    public var exitCode: ExitCode { transient ? .temporaryFailure : .permissionDenied }

    public static let chainHelp =
        "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, configure a profile with "
        + "'aliyun configure', run on ECS with a RAM role, or set ecd.access_key_id_file and "
        + "ecd.access_key_secret_file in the configuration"

    public static var none: CredentialsError {
        CredentialsError(
            code: "credentials.none", message: "no Alibaba Cloud credentials were found; \(chainHelp)")
    }
}
