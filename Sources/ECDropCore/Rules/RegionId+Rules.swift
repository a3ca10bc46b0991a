extension RegionId {
    /// An error when `text` is not shaped like a region id; a warning when ECD is not known there.
    public static func issues(_ text: String) -> [UploadIssue] {
        do {
            try validate(text)
        } catch {
            return [
                UploadIssue(
                    .error, code: "upload.region_id", parameter: "RegionId",
                    "'\(text)' is not a region id such as cn-hangzhou", suggestion: suggestion(for: text))
            ]
        }
        guard knownECDRegions.contains(text) else {
            return [
                UploadIssue(
                    .warning, code: "upload.unknown_region", parameter: "RegionId",
                    "'\(text)' is not a region ecdrop knows ECD in; check the spelling",
                    suggestion: suggestion(for: text))
            ]
        }
        return []
    }
}
