/// The constraints the UploadImage API page states for each parameter, checked on decoded query
/// values. The simulator answers with them; anything can check a request before sending it.
public enum UploadImageConstraints {
    /// A broken constraint: the service-style Code and a message that names the parameter and the fix.
    public struct Problem: Sendable, Hashable {
        public var code: String
        public var message: String
    }

    public static let osTypes = ["Linux", "Windows"]
    public static let protocolTypes = ["ASP"]
    public static let gpuDriverTypes = ["gpu_grid9", "gpu_custom", "gpu_grid12"]
    public static let licenseTypes = ["Auto", "Aliyun", "BYOL"]
    /// Not documented for ECD; ECS's values.
    public static let bootModes = ["BIOS", "UEFI"]

    /// The first problem of the parameters, in the API page's order; nil when they are acceptable.
    public static func check(_ query: [String: String]) -> Problem? {
        for name in ["RegionId", "OssObjectPath", "ImageName", "GpuCategory"] where (query[name] ?? "").isEmpty {
            return Problem(code: "Missing\(name)", message: "\(name) is mandatory for this action.")
        }
        if let problem = imageName(query["ImageName"]!) { return problem }
        if let text = query["Description"], let problem = description(text) { return problem }
        for (name, allowed) in [
            ("OsType", osTypes), ("ProtocolType", protocolTypes), ("GpuDriverType", gpuDriverTypes),
            ("LicenseType", licenseTypes), ("BootMode", bootModes),
        ] {
            if let value = query[name], !allowed.contains(value) {
                return invalid(name, "'\(value)' is not one of \(allowed.joined(separator: ", "))")
            }
        }
        for name in ["GpuCategory", "EnableSecurityCheck"] {
            if let value = query[name], !["true", "false"].contains(value.lowercased()) {
                return invalid(name, "'\(value)' is not a boolean (true or false)")
            }
        }
        if let value = query["DataDiskSize"], Int(value).map({ (80...500).contains($0) }) != true {
            return invalid("DataDiskSize", "'\(value)' is not a whole number of GiB from 80 to 500")
        }
        if let value = query["SystemDiskSize"], Int(value).map({ $0 > 0 }) != true {
            return invalid("SystemDiskSize", "'\(value)' is not a positive whole number of GiB")
        }
        return nil
    }

    /// 2–128 characters; a letter (or a Chinese character) first; letters, digits, `:`, `_`, `-`;
    /// not starting with http:// or https://.
    public static func imageName(_ name: String) -> Problem? {
        guard (2...128).contains(name.count) else {
            return invalid("ImageName", "it has \(name.count) characters; it must have 2 to 128")
        }
        let lowered = name.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            return invalid("ImageName", "it must not start with http:// or https://")
        }
        guard let first = name.unicodeScalars.first, isLetter(first) || isChinese(first) else {
            return invalid("ImageName", "it must start with a letter")
        }
        if let bad = name.unicodeScalars.first(where: {
            !(isLetter($0) || isDigit($0) || ":_-".unicodeScalars.contains($0) || isChinese($0))
        }) {
            return invalid("ImageName", "'\(bad)' is not allowed; use letters, digits, ':', '_' and '-'")
        }
        return nil
    }

    public static func description(_ text: String) -> Problem? {
        guard (2...256).contains(text.count) else {
            return invalid("Description", "it has \(text.count) characters; it must have 2 to 256")
        }
        let lowered = text.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            return invalid("Description", "it must not start with http:// or https://")
        }
        return nil
    }

    static func invalid(_ name: String, _ why: String) -> Problem {
        Problem(code: "InvalidParameter.\(name)", message: "The specified parameter \(name) is not valid: \(why).")
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isChinese(_ scalar: Unicode.Scalar) -> Bool { (0x4E00...0x9FFF).contains(scalar.value) }
}
