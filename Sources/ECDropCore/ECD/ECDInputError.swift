/// A request, region, endpoint or credential that ecdrop refuses before anything is sent.
public struct ECDInputError: ECDropError {
    public var code: String
    public var message: String
    public var exitCode: ExitCode
    public var cause: (any Error)?

    public init(code: String, message: String, exitCode: ExitCode = .config, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.exitCode = exitCode
        self.cause = cause
    }

    public static func invalidRegion(_ value: String, suggestion: String?) -> ECDInputError {
        var text = "region id '\(value)' is not valid: a region id looks like cn-hangzhou or ap-southeast-1"
        if let suggestion { text += "; did you mean '\(suggestion)'?" }
        return ECDInputError(code: "ecd.invalid_region", message: text, exitCode: .usage)
    }

    public static func invalidEndpoint(_ value: String, why: String) -> ECDInputError {
        ECDInputError(
            code: "ecd.invalid_endpoint",
            message: "ECD endpoint '\(value)' is not usable: \(why); give a URL such as "
                + "https://ecd.cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000 (ecd.endpoint, ECDROP_ECD_ENDPOINT)")
    }
}
