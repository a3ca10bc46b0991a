import Foundation

/// Every constraint the UploadImage API page states, checked on values before anything is sent:
/// static values when the rules load, templated ones when a job is rendered.
public enum UploadConstraints {
    /// Problems with one parameter's text value.
    public static func check(_ parameter: UploadParameter, _ value: String) -> [UploadIssue] {
        if let allowed = parameter.allowedValues { return checkEnumeration(parameter, value, allowed) }
        switch parameter {
        case .ImageName: return checkImageName(value)
        case .Description: return checkDescription(value)
        case .GpuCategory, .EnableSecurityCheck:
            return Bool(strictText: value) == nil
                ? [error(parameter, "upload.not_boolean", "\(parameter) must be true or false, not '\(value)'")] : []
        case .DataDiskSize:
            guard let size = Int(value), (80...500).contains(size) else {
                return [
                    error(
                        parameter, "upload.data_disk_size",
                        "DataDiskSize must be a whole number of GiB from 80 to 500, not '\(value)'")
                ]
            }
            return []
        case .SystemDiskSize:
            guard let size = Int(value), size > 0 else {
                return [
                    error(
                        parameter, "upload.system_disk_size",
                        "SystemDiskSize must be a positive whole number of GiB, not '\(value)'")
                ]
            }
            return []
        case .OssObjectPath: return checkObjectPath(value)
        case .BootMode:
            return value.isEmpty ? [error(parameter, "upload.empty", "BootMode must not be empty")] : []
        default: return []
        }
    }

    /// Problems with a whole request: every parameter, the region, and combinations.
    /// `buildName` helps tell a Windows 10 build.
    public static func check(_ request: UploadImageRequest, buildName: String? = nil) -> [UploadIssue] {
        var issues = RegionId.issues(request.RegionId)
        for (parameter, value) in textValues(of: request) { issues += check(parameter, value) }
        issues += combinationIssues(request, buildName: buildName)
        return issues
    }

    static func textValues(of request: UploadImageRequest) -> [(UploadParameter, String)] {
        let values: [(UploadParameter, String?)] = [
            (.OssObjectPath, request.OssObjectPath), (.ImageName, request.ImageName),
            (.Description, request.Description), (.OsType, request.OsType),
            (.ProtocolType, request.ProtocolType), (.DataDiskSize, request.DataDiskSize.map(String.init)),
            (.GpuDriverType, request.GpuDriverType), (.LicenseType, request.LicenseType),
            (.SystemDiskSize, request.SystemDiskSize), (.BootMode, request.BootMode),
        ]
        return values.compactMap { parameter, value in value.map { (parameter, $0) } }
    }

    static func combinationIssues(_ request: UploadImageRequest, buildName: String?) -> [UploadIssue] {
        var issues: [UploadIssue] = []
        if request.GpuDriverType != nil, !request.GpuCategory {
            issues.append(
                UploadIssue(
                    .warning, code: "upload.gpu_driver_without_gpu", parameter: "GpuDriverType",
                    "GpuDriverType is set but GpuCategory is false; set GpuCategory: true for a GPU image"))
        }
        let texts = [request.ImageName, request.Description ?? "", buildName ?? ""]
        let license = request.LicenseType ?? "Auto (the default)"
        if request.LicenseType != "BYOL", texts.contains(where: WindowsTen.isMentioned) {
            issues.append(
                UploadIssue(
                    .warning, code: "upload.windows10_license", parameter: "LicenseType",
                    "this looks like a Windows 10 image and LicenseType is \(license); "
                        + "Windows 10 cannot be activated by Alibaba Cloud, so set LicenseType: BYOL"
                ))
        }
        return issues
    }

    private static func checkEnumeration(
        _ parameter: UploadParameter, _ value: String, _ allowed: [String]
    )
        -> [UploadIssue]
    {
        if allowed.contains(value) {
            if parameter == .OsType, value == "Linux" {
                return [
                    UploadIssue(
                        .warning, code: "upload.os_type", parameter: "OsType",
                        "OsType is Linux, but ECD UploadImage only takes Windows images")
                ]
            }
            return []
        }
        let list = allowed.joined(separator: ", ")
        return [
            UploadIssue(
                .error, code: "upload.\(snake(parameter))", parameter: parameter.rawValue,
                "\(parameter) must be one of \(list), not '\(value)'",
                suggestion: allowed.first { $0.lowercased() == value.lowercased() }
                    ?? Suggestion.closest(to: value, in: allowed))
        ]
    }

    private static func checkImageName(_ name: String) -> [UploadIssue] {
        let code = "upload.image_name"
        var issues: [UploadIssue] = []
        if !(2...128).contains(name.count) {
            issues.append(
                error(.ImageName, code, "ImageName '\(name)' has \(name.count) characters; it needs 2 to 128"))
        }
        if !(name.first.map(ImageNameFilter.isLetter) ?? false) {
            issues.append(error(.ImageName, code, "ImageName '\(name)' must start with a letter"))
        }
        if isLink(name) {
            issues.append(error(.ImageName, code, "ImageName '\(name)' must not start with http:// or https://"))
        }
        let bad = Set(name.filter { !ImageNameFilter.isAllowed($0) }).sorted()
        if !bad.isEmpty {
            let shown = bad.map { "'\($0)'" }.joined(separator: " ")
            issues.append(
                UploadIssue(
                    .error, code: code, parameter: "ImageName",
                    "ImageName '\(name)' may hold only letters, digits, ':', '_' and '-', not \(shown); "
                        + "the image_name filter makes any text valid",
                    suggestion: ImageNameFilter.apply(name)))
        }
        return issues
    }

    private static func checkDescription(_ text: String) -> [UploadIssue] {
        var issues: [UploadIssue] = []
        if !(2...256).contains(text.count) {
            issues.append(
                error(.Description, "upload.description", "Description has \(text.count) characters; it needs 2 to 256")
            )
        }
        if isLink(text) {
            issues.append(
                error(.Description, "upload.description", "Description must not start with http:// or https://"))
        }
        return issues
    }

    private static func checkObjectPath(_ path: String) -> [UploadIssue] {
        if path.allSatisfy(\.isWhitespace) {
            return [error(.OssObjectPath, "upload.oss_object_path", "OssObjectPath must not be empty")]
        }
        if !path.hasPrefix("https://"), !path.hasPrefix("http://"), !path.hasPrefix("oss://") {
            return [
                UploadIssue(
                    .warning, code: "upload.oss_object_path", parameter: "OssObjectPath",
                    "OssObjectPath '\(path)' is not a URL like https://BUCKET.oss-REGION.aliyuncs.com/OBJECT")
            ]
        }
        return []
    }

    private static func isLink(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("http://") || lowered.hasPrefix("https://")
    }

    private static func error(_ parameter: UploadParameter, _ code: String, _ message: String) -> UploadIssue {
        UploadIssue(.error, code: code, parameter: parameter.rawValue, message)
    }

    private static func snake(_ parameter: UploadParameter) -> String {
        var out = ""
        for character in parameter.rawValue {
            if character.isUppercase, !out.isEmpty { out.append("_") }
            out += character.lowercased()
        }
        return out
    }
}

extension Bool {
    /// `true` or `false`, in any case; nothing else.
    init?(strictText text: String) {
        switch text.lowercased() {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
}

/// Spotting a Windows 10 build from its names: `win10`, `Windows 10`, `windows-10-ltsc`.
enum WindowsTen {
    /// The same as the pattern `(?i)win(dows)?[ _-]?10(?![0-9])` anywhere in `text`, scanned by
    /// hand: every job is checked, and a regular expression compiled per call cost more than the rest.
    static func isMentioned(in text: String) -> Bool {
        let bytes = Array(text.utf8.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
        var start = 0
        while start + 5 <= bytes.count {
            if bytes[start..<start + 3].elementsEqual("win".utf8), matchesRest(bytes, from: start + 3) { return true }
            start += 1
        }
        return false
    }

    /// After `win`: optionally `dows`, optionally one separator, then `10` not followed by a digit.
    private static func matchesRest(_ bytes: [UInt8], from index: Int) -> Bool {
        let afterDows = bytes[index...].starts(with: "dows".utf8) ? [index, index + 4] : [index]
        for position in afterDows {
            var candidates = [position]
            if position < bytes.count, [0x20, 0x5F, 0x2D].contains(bytes[position]) { candidates.append(position + 1) }
            for digits in candidates where bytes[digits...].starts(with: "10".utf8) {
                let next = digits + 2
                if next == bytes.count || !(0x30...0x39).contains(bytes[next]) { return true }
            }
        }
        return false
    }
}
