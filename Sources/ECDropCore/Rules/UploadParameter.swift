/// The UploadImage parameters a rule's `upload:` may set, spelled as the API spells them.
/// `RegionId` is not among them: it comes from the rule's `regions`.
public enum UploadParameter: String, Sendable, Hashable, CaseIterable, Codable {
    case OssObjectPath, ImageName, Description, OsType, GpuCategory, ProtocolType, DataDiskSize
    case GpuDriverType, LicenseType, EnableSecurityCheck, SystemDiskSize, BootMode

    public enum Kind: Sendable {
        case text, boolean, integer
    }

    public var kind: Kind {
        switch self {
        case .GpuCategory, .EnableSecurityCheck: .boolean
        case .DataDiskSize: .integer
        default: .text
        }
    }

    /// Required by the API page (besides `RegionId`), so a rule must set them.
    public var isRequired: Bool {
        self == .OssObjectPath || self == .ImageName || self == .GpuCategory
    }

    /// The values the API page lists, for parameters that are enumerations.
    public var allowedValues: [String]? {
        switch self {
        case .OsType: ["Windows", "Linux"]
        case .ProtocolType: ["ASP"]
        case .GpuDriverType: ["gpu_grid9", "gpu_grid12", "gpu_custom"]
        case .LicenseType: ["Auto", "Aliyun", "BYOL"]
        default: nil
        }
    }
}

/// One broken or doubtful UploadImage value.
public struct UploadIssue: Sendable, Hashable, Codable {
    public var severity: Diagnostic.Severity
    /// Stable, such as `upload.image_name`.
    public var code: String
    /// `ImageName`, `RegionId`, …
    public var parameter: String
    public var message: String
    public var suggestion: String?

    public init(
        _ severity: Diagnostic.Severity, code: String, parameter: String, _ message: String,
        suggestion: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.parameter = parameter
        self.message = message
        self.suggestion = suggestion
    }

    public var isError: Bool { severity == .error }

    /// The message, with the suggestion as compilers print it.
    public var text: String {
        suggestion.map { "\(message); did you mean '\($0)'?" } ?? message
    }
}
