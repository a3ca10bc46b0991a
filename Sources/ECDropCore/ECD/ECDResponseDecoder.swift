import Foundation

/// Reads ECD's JSON answers leniently: unknown fields are ignored, numbers may come as text.
public enum ECDResponseDecoder {
    /// The service's error body, `{RequestId, HostId, Code, Message, Recommend}`.
    public struct ServiceError: Sendable, Hashable {
        public var code: String
        public var message: String
        public var requestId: String?
        public var hostId: String?
        public var recommend: String?
    }

    /// The top-level JSON object, or nil when the body is not one (an HTML gateway page, garbage).
    public static func object(_ body: Data) -> [String: Any]? {
        guard !body.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    public static func serviceError(_ body: Data) -> ServiceError? {
        guard let json = object(body), let code = json["Code"] as? String, !code.isEmpty else { return nil }
        return ServiceError(
            code: code, message: json["Message"] as? String ?? "", requestId: json["RequestId"] as? String,
            hostId: json["HostId"] as? String, recommend: json["Recommend"] as? String)
    }

    public static func uploadImage(
        _ body: Data, action: String = "UploadImage"
    ) throws(ECDCallError)
        -> UploadImageResult
    {
        let json = try decodeObject(body, action: action)
        guard let imageId = json["ImageId"] as? String, !imageId.isEmpty else {
            throw malformed(action, "the answer has no ImageId", requestId: json["RequestId"] as? String)
        }
        return UploadImageResult(ImageId: imageId, RequestId: json["RequestId"] as? String ?? "")
    }

    public static func describeImages(
        _ body: Data, action: String = "DescribeImages"
    ) throws(ECDCallError)
        -> DescribeImagesPage
    {
        let json = try decodeObject(body, action: action)
        let rawImages = json["Images"] as? [[String: Any]] ?? []
        let images = rawImages.compactMap(imageRecord)
        let token = (json["NextToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        return DescribeImagesPage(images: images, nextToken: token, requestId: json["RequestId"] as? String ?? "")
    }

    /// The RequestId of a successful answer that carries nothing else (DeleteImages).
    public static func requestId(_ body: Data, action: String) throws(ECDCallError) -> String {
        try decodeObject(body, action: action)["RequestId"] as? String ?? ""
    }

    public static func imageRecord(_ json: [String: Any]) -> ImageRecord? {
        guard let imageId = json["ImageId"] as? String else { return nil }
        return ImageRecord(
            imageId: imageId, name: json["Name"] as? String ?? json["ImageName"] as? String ?? "",
            status: status(json["Status"] as? String ?? ""), progress: ImageProgress.parse(json["Progress"]),
            description: json["Description"] as? String, osType: json["OsType"] as? String,
            creationTime: json["CreationTime"] as? String)
    }

    public static func status(_ text: String) -> ImageRecord.Status {
        switch text {
        case "Creating": .creating
        case "Available": .available
        case "CreateFailed": .createFailed
        default: .other(text)
        }
    }

    private static func decodeObject(_ body: Data, action: String) throws(ECDCallError) -> [String: Any] {
        guard let json = object(body) else {
            throw malformed(action, "the answer is not JSON (\(preview(body)))", requestId: nil)
        }
        return json
    }

    static func malformed(_ action: String, _ why: String, requestId: String?) -> ECDCallError {
        ECDCallError(
            action: action, disposition: .transient, serviceCode: "BadResponse",
            serviceMessage: why + "; check the endpoint (ecd.endpoint, ECDROP_ECD_ENDPOINT) and any proxy in between",
            requestId: requestId)
    }

    /// The start of a body, on one line, for messages: what an HTML page or garbage looked like.
    public static func preview(_ body: Data, limit: Int = 80) -> String {
        if body.isEmpty { return "empty body" }
        let text = String(decoding: body.prefix(limit), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        return "starts with '\(text)\(body.count > limit ? "…" : "")'"
    }
}
