/// Alibaba Cloud region ids, such as `cn-hangzhou` or `ap-southeast-1`.
public enum RegionId {
    /// Regions where ECD is offered; others that look like region ids are accepted with a warning.
    public static let known: [String] = [
        "cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-hongkong", "cn-chengdu",
        "cn-wulanchabu", "ap-southeast-1", "ap-southeast-5", "ap-northeast-1", "ap-south-1",
        "eu-central-1", "eu-west-1", "us-east-1", "us-west-1", "me-east-1",
    ]

    /// An error when `text` is not shaped like a region id; a warning when it is not a known one.
    public static func issues(_ text: String) -> [UploadIssue] {
        let suggestion = Suggestion.closest(to: text, in: known)
        guard isWellFormed(text) else {
            return [
                UploadIssue(
                    .error, code: "upload.region_id", parameter: "RegionId",
                    "'\(text)' is not a region id such as cn-hangzhou", suggestion: suggestion)
            ]
        }
        guard known.contains(text) else {
            return [
                UploadIssue(
                    .warning, code: "upload.unknown_region", parameter: "RegionId",
                    "'\(text)' is not a region ecdrop knows ECD in; check it", suggestion: suggestion)
            ]
        }
        return []
    }

    static func isWellFormed(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, let head = parts.first, head.count >= 2 else { return false }
        guard head.allSatisfy({ ("a"..."z").contains($0) }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            !part.isEmpty && part.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }
}
