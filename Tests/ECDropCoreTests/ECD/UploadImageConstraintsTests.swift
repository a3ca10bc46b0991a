import ECDropCore
import Testing

@Suite("UploadImage constraints")
struct UploadImageConstraintsTests {
    let valid = [
        "RegionId": "cn-hangzhou", "OssObjectPath": "oss://b/o.vhd", "ImageName": "Win10_Test", "GpuCategory": "false",
    ]

    @Test("a request within every constraint passes, Chinese first character included")
    func validRequests() {
        #expect(UploadImageConstraints.check(valid) == nil)
        var chinese = valid
        chinese["ImageName"] = "镜像-win11:v2"
        #expect(UploadImageConstraints.check(chinese) == nil)
        var full = valid
        full.merge([
            "Description": "nightly", "OsType": "Windows", "ProtocolType": "ASP", "DataDiskSize": "500",
            "GpuDriverType": "gpu_grid12", "LicenseType": "BYOL", "EnableSecurityCheck": "True",
            "SystemDiskSize": "120", "BootMode": "UEFI",
        ]) { _, new in new }
        #expect(UploadImageConstraints.check(full) == nil)
    }

    @Test(
        "each broken constraint names its parameter",
        arguments: [
            ("ImageName", "x", "InvalidParameter.ImageName"),
            ("ImageName", String(repeating: "a", count: 129), "InvalidParameter.ImageName"),
            ("ImageName", "win 11", "InvalidParameter.ImageName"),
            ("Description", "http://x", "InvalidParameter.Description"),
            ("Description", "a", "InvalidParameter.Description"),
            ("OsType", "Linux2", "InvalidParameter.OsType"),
            ("ProtocolType", "HDX", "InvalidParameter.ProtocolType"),
            ("DataDiskSize", "79", "InvalidParameter.DataDiskSize"),
            ("DataDiskSize", "501", "InvalidParameter.DataDiskSize"),
            ("DataDiskSize", "big", "InvalidParameter.DataDiskSize"),
            ("GpuDriverType", "gpu_grid10", "InvalidParameter.GpuDriverType"),
            ("LicenseType", "byol", "InvalidParameter.LicenseType"),
            ("GpuCategory", "yes", "InvalidParameter.GpuCategory"),
            ("SystemDiskSize", "0", "InvalidParameter.SystemDiskSize"),
            ("BootMode", "EFI", "InvalidParameter.BootMode"),
            ("OssObjectPath", "", "MissingOssObjectPath"),
            ("GpuCategory", "", "MissingGpuCategory"),
        ])
    func broken(name: String, value: String, code: String) {
        var query = valid
        query[name] = value
        let problem = UploadImageConstraints.check(query)
        #expect(problem?.code == code)
        #expect(problem?.message.contains(name) == true)
    }
}
