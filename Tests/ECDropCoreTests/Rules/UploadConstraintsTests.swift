import ECDropCore
import Testing

@Suite("UploadImage constraints from the API page")
struct UploadConstraintsTests {
    @Test(
        "valid values pass",
        arguments: [
            (UploadParameter.ImageName, "Win10_Test"), (.ImageName, "ab"), (.ImageName, "w:1_2-3"),
            (.ImageName, "a" + String(repeating: "b", count: 127)), (.Description, "ok"),
            (.Description, String(repeating: "d", count: 256)), (.OsType, "Windows"), (.ProtocolType, "ASP"),
            (.GpuDriverType, "gpu_grid9"), (.GpuDriverType, "gpu_grid12"), (.GpuDriverType, "gpu_custom"),
            (.LicenseType, "Auto"), (.LicenseType, "Aliyun"), (.LicenseType, "BYOL"), (.DataDiskSize, "80"),
            (.DataDiskSize, "500"), (.SystemDiskSize, "1"), (.GpuCategory, "true"), (.EnableSecurityCheck, "False"),
            (.OssObjectPath, "https://bucket.oss-cn-hangzhou.aliyuncs.com/a.vhd"), (.OssObjectPath, "oss://b/a.vhd"),
        ] as [(UploadParameter, String)])
    func valid(parameter: UploadParameter, value: String) {
        #expect(UploadConstraints.check(parameter, value).isEmpty)
    }

    @Test(
        "each constraint is enforced with its own code",
        arguments: [
            (UploadParameter.ImageName, "a", "upload.image_name", nil),
            (.ImageName, "a" + String(repeating: "b", count: 128), "upload.image_name", nil),
            (.ImageName, "1win", "upload.image_name", nil), (.ImageName, "_win", "upload.image_name", nil),
            (.ImageName, "win 11", "upload.image_name", "win-11"),
            (.ImageName, "win.11", "upload.image_name", "win-11"),
            (.ImageName, "http://win", "upload.image_name", nil), (.ImageName, "https://win", "upload.image_name", nil),
            (.Description, "x", "upload.description", nil),
            (.Description, String(repeating: "d", count: 257), "upload.description", nil),
            (.Description, "https://example.com/nightly", "upload.description", nil),
            (.OsType, "windows", "upload.os_type", "Windows"), (.OsType, "Window", "upload.os_type", "Windows"),
            (.ProtocolType, "HDX", "upload.protocol_type", nil),
            (.GpuDriverType, "gpu_grid11", "upload.gpu_driver_type", "gpu_grid12"),
            (.LicenseType, "byol", "upload.license_type", "BYOL"),
            (.DataDiskSize, "79", "upload.data_disk_size", nil), (.DataDiskSize, "501", "upload.data_disk_size", nil),
            (.DataDiskSize, "80GiB", "upload.data_disk_size", nil),
            (.SystemDiskSize, "0", "upload.system_disk_size", nil),
            (.SystemDiskSize, "-5", "upload.system_disk_size", nil),
            (.SystemDiskSize, "1.5", "upload.system_disk_size", nil),
            (.GpuCategory, "yes", "upload.not_boolean", nil), (.EnableSecurityCheck, "1", "upload.not_boolean", nil),
            (.OssObjectPath, "", "upload.oss_object_path", nil), (.BootMode, "", "upload.empty", nil),
        ] as [(UploadParameter, String, String, String?)])
    func invalid(parameter: UploadParameter, value: String, code: String, suggestion: String?) {
        let issues = UploadConstraints.check(parameter, value)
        let first = issues.first
        #expect(first?.severity == .error)
        #expect(first?.code == code)
        #expect(first?.parameter == parameter.rawValue)
        #expect(issues.contains { $0.suggestion == suggestion } || suggestion == nil)
    }

    @Test("the region must be a region id; an unknown one is a warning")
    func regions() {
        #expect(UploadConstraints.check(request(region: "cn-hangzhou")).isEmpty)
        #expect(UploadConstraints.check(request(region: "Hangzhou")).first?.code == "upload.region_id")
        #expect(UploadConstraints.check(request(region: "")).first?.severity == .error)
        let unknown = UploadConstraints.check(request(region: "cn-hangzou"))
        #expect(unknown.first?.code == "upload.unknown_region")
        #expect(unknown.first?.severity == .warning)
        #expect(unknown.first?.suggestion == "cn-hangzhou")
    }

    @Test(
        "Windows 10 without BYOL gets a warning",
        arguments: [
            ("win10-ltsc-1", nil, true), ("Windows10", "Auto", true), ("win10-ltsc", "BYOL", false),
            ("win11-pro", nil, false), ("win100-lab", nil, false),
        ] as [(String, String?, Bool)])
    func windowsTen(name: String, license: String?, warned: Bool) {
        var upload = request(region: "cn-hangzhou")
        upload.ImageName = name
        upload.LicenseType = license
        let issues = UploadConstraints.check(upload)
        #expect(issues.contains { $0.code == "upload.windows10_license" && $0.severity == .warning } == warned)
        #expect(!issues.contains { $0.isError })
    }

    @Test("a Linux OsType and a GPU driver without a GPU are warnings")
    func combinationWarnings() {
        var upload = request(region: "cn-hangzhou")
        upload.OsType = "Linux"
        upload.GpuDriverType = "gpu_grid9"
        let codes = UploadConstraints.check(upload).map(\.code)
        #expect(codes.contains("upload.os_type"))
        #expect(codes.contains("upload.gpu_driver_without_gpu"))
    }

    private func request(region: String) -> UploadImageRequest {
        UploadImageRequest(
            RegionId: region, OssObjectPath: "https://b.oss-cn-hangzhou.aliyuncs.com/a.vhd", ImageName: "win11",
            GpuCategory: false)
    }
}
