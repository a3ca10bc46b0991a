/// ECD region ids: validation before a host name is made from one, and "did you mean" hints.
public enum RegionId {
    /// Regions where ECD has been offered; used for hints only, never to refuse a new region.
    public static let knownECDRegions = [
        "cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-hongkong", "ap-southeast-1",
        "ap-northeast-1", "ap-southeast-5", "eu-central-1", "us-west-1", "us-east-1", "eu-west-1",
        "me-east-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-6", "ap-southeast-7",
        "ap-northeast-2", "cn-chengdu", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-heyuan",
    ]

    /// Lowercase letters and digits in dash-separated words, a letter first, at least one dash:
    /// `cn-hangzhou`, `ap-southeast-1`. Throws a message that names the value and the fix.
    public static func validate(_ value: String) throws(ECDInputError) {
        let words = value.split(separator: "-", omittingEmptySubsequences: false)
        let wordsOK = words.allSatisfy { word in
            !word.isEmpty && word.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
        guard value.count <= 64, words.count >= 2, wordsOK, value.first?.isLetter == true else {
            throw ECDInputError.invalidRegion(value, suggestion: suggestion(for: value))
        }
    }

    public static func suggestion(for value: String) -> String? {
        Suggestion.closest(to: value.lowercased(), in: knownECDRegions)
    }

    /// The public endpoint host of a region.
    public static func endpointHost(for region: String) -> String { "ecd.\(region).aliyuncs.com" }
}
