import ECDropCore
import Foundation

/// An in-memory ECD for pipeline tests: uploads create images that import over a number of
/// polls, faults are scripted per call, and uploads are counted per ImageName.
public actor FakeImageService: ImageService {
    /// What the next matching call does instead of its normal work.
    public enum Fault: Sendable {
        /// Throws this error without doing anything.
        case fail(ECDCallError)
        /// Does the work, then throws a timeout whose outcome is unknown.
        case hangAfterWork
        /// Waits this many seconds (or until cancelled, then throws), then does the work.
        case stall(TimeInterval)
    }

    public struct StoredImage: Sendable {
        public var record: ImageRecord
        public var region: String
        public var pollsLeft: Int
        public var willFail: Bool
    }

    public private(set) var images: [String: StoredImage] = [:]
    public private(set) var uploadsByName: [String: Int] = [:]
    public private(set) var calls: [String] = []
    private var faults: [String: [Fault]] = [:]
    private var counter = 0
    /// Polls an import takes before it is available.
    public var pollsToFinish: Int
    /// ImageNames whose imports end in CreateFailed.
    public var failingNames: Set<String> = []

    public init(pollsToFinish: Int = 2) { self.pollsToFinish = pollsToFinish }

    /// Queues faults for an action (`UploadImage`, `DescribeImages`), used in order.
    public func script(_ action: String, _ queued: [Fault]) { faults[action, default: []] += queued }

    public func failImports(named name: String) { failingNames.insert(name) }

    /// Places an image that some other party created.
    public func seed(name: String, region: String, status: ImageRecord.Status = .available) {
        counter += 1
        let id = "img-seed\(counter)"
        images[id] = StoredImage(
            record: ImageRecord(imageId: id, name: name, status: status), region: region, pollsLeft: 0,
            willFail: false)
    }

    public func uploads(named name: String) -> Int { uploadsByName[name, default: 0] }

    public var totalUploads: Int { uploadsByName.values.reduce(0, +) }

    public func uploadImage(_ request: UploadImageRequest) async throws -> UploadImageResult {
        calls.append("UploadImage")
        let fault = nextFault("UploadImage")
        if case .fail(let error) = fault { throw error }
        counter += 1
        let id = "img-\(counter)"
        images[id] = StoredImage(
            record: ImageRecord(imageId: id, name: request.ImageName, status: .creating, progress: 0),
            region: request.RegionId, pollsLeft: pollsToFinish, willFail: failingNames.contains(request.ImageName))
        uploadsByName[request.ImageName, default: 0] += 1
        if case .hangAfterWork = fault { throw Self.timeout("UploadImage") }
        return UploadImageResult(ImageId: id, RequestId: "req-up-\(counter)")
    }

    public func describeImages(_ query: DescribeImagesQuery) async throws -> DescribeImagesPage {
        calls.append("DescribeImages")
        let fault = nextFault("DescribeImages")
        if case .fail(let error) = fault { throw error }
        if case .stall(let seconds) = fault { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
        var found = images.values.filter { $0.region == query.RegionId }
        if !query.ImageId.isEmpty { found = found.filter { query.ImageId.contains($0.record.imageId) } }
        if let name = query.ImageName { found = found.filter { $0.record.name.contains(name) } }
        if !query.ImageId.isEmpty { advanceImports(found.map(\.record.imageId)) }
        let records = found.map { images[$0.record.imageId]!.record }.sorted { $0.imageId < $1.imageId }
        return DescribeImagesPage(images: records, nextToken: nil, requestId: "req-desc-\(calls.count)")
    }

    public func deleteImages(regionId: String, imageIds: [String]) async throws -> String {
        for id in imageIds { images[id] = nil }
        return "req-del"
    }

    private func advanceImports(_ ids: [String]) {
        for id in ids {
            guard var image = images[id], image.record.status == .creating else { continue }
            image.pollsLeft -= 1
            if image.pollsLeft <= 0 {
                image.record.status = image.willFail ? .createFailed : .available
                image.record.progress = image.willFail ? image.record.progress : 100
            } else {
                image.record.progress = 100 * (pollsToFinish - image.pollsLeft) / max(1, pollsToFinish)
            }
            images[id] = image
        }
    }

    private func nextFault(_ action: String) -> Fault? {
        guard var queue = faults[action], !queue.isEmpty else { return nil }
        let fault = queue.removeFirst()
        faults[action] = queue
        return fault
    }

    public static func timeout(_ action: String) -> ECDCallError {
        ECDCallError(
            action: action, disposition: .transient, serviceCode: "Timeout", serviceMessage: "no answer in time",
            outcomeUnknown: true)
    }

    public static func throttled(_ action: String) -> ECDCallError {
        ECDCallError(
            action: action, disposition: .transient, serviceCode: "Throttling.User", serviceMessage: "slow down",
            httpStatus: 400, requestId: "req-throttled")
    }

    public static func rejected(_ action: String) -> ECDCallError {
        ECDCallError(
            action: action, disposition: .permanent, serviceCode: "InvalidParameter.OssObjectPath",
            serviceMessage: "The OSS object does not exist", httpStatus: 400, requestId: "req-rejected")
    }
}
