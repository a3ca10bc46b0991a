import ECDropCore
import ECDropCrypto
import Foundation

/// The ECD API over HTTPS, signed like the official SDKs, with retries of transient errors.
/// Every attempt is signed afresh (new date and nonce). Errors thrown are `ECDCallError`.
public final class ECDClient: ImageService {
    let options: ECDClientOptions
    let credentials: any CredentialsProvider
    let transport: any ECDTransport
    let environment: [String: String]
    let time: any TimeSource
    let logger: Logger
    let digests = OpenSSLDigests()
    let jitter: @Sendable () -> Double
    let nonce: @Sendable () -> String

    public init(
        options: ECDClientOptions, credentials: any CredentialsProvider, transport: (any ECDTransport)? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, time: any TimeSource = SystemTimeSource(),
        logger: Logger, jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        nonce: @escaping @Sendable () -> String = ECDClient.freshNonce
    ) {
        self.options = options
        self.credentials = credentials
        self.transport = transport ?? CurlECDTransport()
        self.environment = environment
        self.time = time
        self.logger = logger
        self.jitter = jitter
        self.nonce = nonce
    }

    /// 32 lowercase hex digits from the system's secure random source.
    @Sendable public static func freshNonce() -> String {
        (try? SecureRandom.hex(16)) ?? UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    public func uploadImage(_ request: UploadImageRequest) async throws -> UploadImageResult {
        try await call(
            "UploadImage", region: request.RegionId, parameters: request.parameters(), idempotent: false
        ) { body throws(ECDCallError) in try ECDResponseDecoder.uploadImage(body) }
    }

    public func describeImages(_ query: DescribeImagesQuery) async throws -> DescribeImagesPage {
        try await call("DescribeImages", region: query.RegionId, parameters: query.parameters(), idempotent: true) {
            body throws(ECDCallError) in try ECDResponseDecoder.describeImages(body)
        }
    }

    public func deleteImages(regionId: String, imageIds: [String]) async throws -> String {
        let request = DeleteImagesRequest(RegionId: regionId, ImageId: imageIds)
        return try await call("DeleteImages", region: regionId, parameters: request.parameters(), idempotent: true) {
            body throws(ECDCallError) in try ECDResponseDecoder.requestId(body, action: "DeleteImages")
        }
    }

    /// Every page of DescribeImages, following NextToken (bounded, in case a server loops).
    public func describeAllImages(_ query: DescribeImagesQuery, maxPages: Int = 1000) async throws -> [ImageRecord] {
        var images: [ImageRecord] = []
        var page = query
        page.MaxResults = page.MaxResults ?? 100
        for _ in 0..<maxPages {
            let answer = try await describeImages(page)
            images += answer.images
            guard let token = answer.nextToken, token != page.NextToken else { return images }
            page.NextToken = token
        }
        return images
    }
}
