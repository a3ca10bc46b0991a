/// A rule's `upload:` block: a template per UploadImage parameter.
public struct UploadSpec: Sendable, Hashable {
    public var values: [UploadParameter: Template]

    public init(values: [UploadParameter: Template]) {
        self.values = values
    }

    /// The request for one region, or every problem that keeps it from being sent.
    /// Warnings come back with the request.
    public func render(in context: MatchContext, region: String) -> Result<RenderedUpload, UploadRenderFailure> {
        var texts: [UploadParameter: String] = [:]
        var issues: [UploadIssue] = []
        for parameter in UploadParameter.allCases {
            guard let template = values[parameter] else { continue }
            do {
                texts[parameter] = try template.render(in: context)
            } catch {
                issues.append(UploadIssue(.error, code: error.code, parameter: parameter.rawValue, error.message))
            }
        }
        for (parameter, text) in texts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            issues += UploadConstraints.check(parameter, text).filter(\.isError)
        }
        if issues.contains(where: \.isError) { return .failure(UploadRenderFailure(issues: issues)) }

        let request = Self.request(texts, region: region)
        let all = UploadConstraints.check(request, buildName: context["build.name"])
        if all.contains(where: \.isError) { return .failure(UploadRenderFailure(issues: all.filter(\.isError))) }
        return .success(RenderedUpload(request: request, warnings: all))
    }

    private static func request(_ texts: [UploadParameter: String], region: String) -> UploadImageRequest {
        UploadImageRequest(
            RegionId: region, OssObjectPath: texts[.OssObjectPath] ?? "", ImageName: texts[.ImageName] ?? "",
            Description: texts[.Description], OsType: texts[.OsType],
            GpuCategory: texts[.GpuCategory].flatMap { Bool(strictText: $0) } ?? false,
            ProtocolType: texts[.ProtocolType], DataDiskSize: texts[.DataDiskSize].flatMap { Int($0) },
            GpuDriverType: texts[.GpuDriverType], LicenseType: texts[.LicenseType],
            EnableSecurityCheck: texts[.EnableSecurityCheck].flatMap { Bool(strictText: $0) },
            SystemDiskSize: texts[.SystemDiskSize], BootMode: texts[.BootMode])
    }
}

/// A request ready to send, and what looked doubtful about it.
public struct RenderedUpload: Sendable, Hashable {
    public var request: UploadImageRequest
    public var warnings: [UploadIssue]
}

/// Why a matched rule could not produce a request.
public struct UploadRenderFailure: Error, Sendable, Hashable {
    public var issues: [UploadIssue]

    /// The first problem's code, for the job's failure reason.
    public var code: String { issues.first?.code ?? "upload.invalid" }

    public var message: String { issues.map(\.text).joined(separator: "; ") }
}
