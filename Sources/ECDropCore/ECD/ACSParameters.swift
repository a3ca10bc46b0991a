/// The query parameters of one RPC-style call, flattened the way the SDKs flatten a request:
/// nil fields omitted, numbers in decimal, lists as `Name.1`, `Name.2`, … (1-based).
public struct ACSParameters: Sendable, Hashable {
    /// How a boolean is spelled in the query. The signature covers the spelling, so it matters.
    public enum BooleanSpelling: Sendable, Hashable {
        /// `true`/`false`: what the API documents and the Go and Java SDKs send. ecdrop sends this.
        case lowercase
        /// `True`/`False`: what the Python SDK sends (`str(bool)`); used to reproduce its vectors.
        case python
    }

    public private(set) var pairs: [(name: String, value: String)] = []
    public var booleans: BooleanSpelling

    public init(booleans: BooleanSpelling = .lowercase) { self.booleans = booleans }

    public static func == (lhs: ACSParameters, rhs: ACSParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        for pair in pairs {
            hasher.combine(pair.name)
            hasher.combine(pair.value)
        }
    }

    public mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        pairs.append((name, value))
    }

    public mutating func add(_ name: String, _ value: Int?) { add(name, value.map(String.init)) }

    public mutating func add(_ name: String, _ value: Bool?) {
        guard let value else { return }
        switch booleans {
        case .lowercase: add(name, value ? "true" : "false")
        case .python: add(name, value ? "True" : "False")
        }
    }

    public mutating func add(_ name: String, list: [String]) {
        for (index, value) in list.enumerated() { add("\(name).\(index + 1)", value) }
    }

    /// The value of `name`, when present.
    public subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// The query as sent: every name and value RFC 3986-encoded, in the order added.
    public var wireQuery: String {
        pairs.map { "\(ACSPercentEncoding.encode($0.name))=\(ACSPercentEncoding.encode($0.value))" }
            .joined(separator: "&")
    }
}

extension UploadImageRequest {
    /// The request's query parameters, in the SDK model's order.
    public func parameters(booleans: ACSParameters.BooleanSpelling = .lowercase) -> ACSParameters {
        var query = ACSParameters(booleans: booleans)
        query.add("BootMode", BootMode)
        query.add("DataDiskSize", DataDiskSize)
        query.add("Description", Description)
        query.add("EnableSecurityCheck", EnableSecurityCheck)
        query.add("GpuCategory", GpuCategory)
        query.add("GpuDriverType", GpuDriverType)
        query.add("ImageName", ImageName)
        query.add("LicenseType", LicenseType)
        query.add("OsType", OsType)
        query.add("OssObjectPath", OssObjectPath)
        query.add("ProtocolType", ProtocolType)
        query.add("RegionId", RegionId)
        query.add("SystemDiskSize", SystemDiskSize)
        return query
    }
}

extension DescribeImagesQuery {
    public func parameters(booleans: ACSParameters.BooleanSpelling = .lowercase) -> ACSParameters {
        var query = ACSParameters(booleans: booleans)
        query.add("ImageId", list: ImageId)
        query.add("ImageName", ImageName)
        query.add("ImageStatus", ImageStatus)
        query.add("ImageType", ImageType)
        query.add("MaxResults", MaxResults)
        query.add("NextToken", NextToken)
        query.add("RegionId", RegionId)
        return query
    }
}

/// DeleteImages: 1–100 image ids of one region.
public struct DeleteImagesRequest: Sendable, Hashable {
    public var RegionId: String
    public var ImageId: [String]
    public var DeleteCascadedBundle: Bool?

    public init(RegionId: String, ImageId: [String], DeleteCascadedBundle: Bool? = nil) {
        self.RegionId = RegionId
        self.ImageId = ImageId
        self.DeleteCascadedBundle = DeleteCascadedBundle
    }

    public func parameters(booleans: ACSParameters.BooleanSpelling = .lowercase) -> ACSParameters {
        var query = ACSParameters(booleans: booleans)
        query.add("DeleteCascadedBundle", DeleteCascadedBundle)
        query.add("ImageId", list: ImageId)
        query.add("RegionId", RegionId)
        return query
    }
}
