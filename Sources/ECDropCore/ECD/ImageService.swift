import Foundation

/// What the pipeline needs from ECD. The real client (`ECDropRuntime.ECDClient`) and test
/// fakes implement it. Errors thrown are `ECDCallError`.
public protocol ImageService: Sendable {
    func uploadImage(_ request: UploadImageRequest) async throws -> UploadImageResult
    func describeImages(_ query: DescribeImagesQuery) async throws -> DescribeImagesPage
    func deleteImages(regionId: String, imageIds: [String]) async throws -> String
}

public struct UploadImageResult: Sendable, Hashable, Codable {
    public var ImageId: String
    public var RequestId: String

    public init(ImageId: String, RequestId: String) {
        self.ImageId = ImageId
        self.RequestId = RequestId
    }
}

/// DescribeImages filters. `ImageName` filtering on the service side is not documented as
/// exact; callers match names themselves.
public struct DescribeImagesQuery: Sendable, Hashable {
    public var RegionId: String
    public var ImageId: [String]
    public var ImageName: String?
    public var ImageStatus: String?
    public var ImageType: String?
    public var MaxResults: Int?
    public var NextToken: String?

    public init(
        RegionId: String, ImageId: [String] = [], ImageName: String? = nil, ImageStatus: String? = nil,
        ImageType: String? = nil, MaxResults: Int? = nil, NextToken: String? = nil
    ) {
        self.RegionId = RegionId
        self.ImageId = ImageId
        self.ImageName = ImageName
        self.ImageStatus = ImageStatus
        self.ImageType = ImageType
        self.MaxResults = MaxResults
        self.NextToken = NextToken
    }
}

public struct DescribeImagesPage: Sendable, Hashable {
    public var images: [ImageRecord]
    /// Empty or nil on the last page.
    public var nextToken: String?
    public var requestId: String

    public init(images: [ImageRecord], nextToken: String?, requestId: String) {
        self.images = images
        self.nextToken = nextToken
        self.requestId = requestId
    }
}

/// One image as DescribeImages reports it (the fields ecdrop reads; others are ignored).
public struct ImageRecord: Sendable, Hashable, Codable {
    public enum Status: Sendable, Hashable, Codable {
        case creating, available, createFailed
        case other(String)
    }

    public var imageId: String
    public var name: String
    public var status: Status
    /// 0–100, parsed from "45%" or "45"; nil when absent or unreadable.
    public var progress: Int?
    public var description: String?
    public var osType: String?
    public var creationTime: String?

    public init(
        imageId: String, name: String, status: Status, progress: Int? = nil, description: String? = nil,
        osType: String? = nil, creationTime: String? = nil
    ) {
        self.imageId = imageId
        self.name = name
        self.status = status
        self.progress = progress
        self.description = description
        self.osType = osType
        self.creationTime = creationTime
    }
}
