/// Every parameter of ECD UploadImage (API 2020-09-30), spelled as on the wire.
///
/// Rules render into this type; the client sends it; the journal stores it as JSON with the
/// API's own names, so what a user reads in a result is what was sent.
public struct UploadImageRequest: Sendable, Hashable, Codable {
    public var RegionId: String
    public var OssObjectPath: String
    public var ImageName: String
    public var Description: String?
    public var OsType: String?
    /// Required by the API page (the SDK does not enforce it); always sent.
    public var GpuCategory: Bool
    public var ProtocolType: String?
    public var DataDiskSize: Int?
    public var GpuDriverType: String?
    public var LicenseType: String?
    public var EnableSecurityCheck: Bool?
    /// GiB, sent as text like the SDK does.
    public var SystemDiskSize: String?
    /// In the 5.x SDK only; values undocumented (ECS uses BIOS and UEFI).
    public var BootMode: String?

    public init(
        RegionId: String, OssObjectPath: String, ImageName: String, Description: String? = nil,
        OsType: String? = nil, GpuCategory: Bool = false, ProtocolType: String? = nil,
        DataDiskSize: Int? = nil, GpuDriverType: String? = nil, LicenseType: String? = nil,
        EnableSecurityCheck: Bool? = nil, SystemDiskSize: String? = nil, BootMode: String? = nil
    ) {
        self.RegionId = RegionId
        self.OssObjectPath = OssObjectPath
        self.ImageName = ImageName
        self.Description = Description
        self.OsType = OsType
        self.GpuCategory = GpuCategory
        self.ProtocolType = ProtocolType
        self.DataDiskSize = DataDiskSize
        self.GpuDriverType = GpuDriverType
        self.LicenseType = LicenseType
        self.EnableSecurityCheck = EnableSecurityCheck
        self.SystemDiskSize = SystemDiskSize
        self.BootMode = BootMode
    }
}
