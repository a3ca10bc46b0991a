import Foundation

/// A job as the journal stores it: the members `JSONEncoder` writes for `Job` (sorted keys, dates
/// as seconds since 1970), written directly, and read back by `JSONDecoder`. Every job is stored
/// several times on its way to an image; through `Encoder` that cost as much as SQLite's writes.
extension Job {
    /// Thrown for a number JSON cannot hold (NaN or infinity), as `JSONEncoder` refuses it too.
    public struct UnencodableNumber: Error, CustomStringConvertible {
        public var key: String
        public var description: String { "job field '\(key)' is not a finite number" }
    }

    public func journalBody() throws -> String {
        var out = JSONObjectWriter()
        out.string("artifactName", artifactName)
        out.int("attempt", attempt)
        try out.date("attemptStartedAt", attemptStartedAt)
        out.string("buildName", buildName)
        try out.date("createdAt", createdAt)
        out.strings("createdImageIds", createdImageIds)
        try out.date("deadline", deadline)
        if let failure { out.raw("failure", failure.journalBody()) }
        try out.double("followDeadline", followDeadline)
        out.string("id", id)
        out.string("idempotencyKey", idempotencyKey)
        if let imageId { out.string("imageId", imageId) }
        if let lastError { out.string("lastError", lastError) }
        out.string("manifestId", manifestId)
        if let owner { out.string("owner", owner) }
        out.int("polls", polls)
        if let progress { out.int("progress", progress) }
        out.string("region", region)
        out.strings("reporters", reporters)
        if let request { out.raw("request", request.journalBody()) }
        out.strings("requestIds", requestIds)
        out.string("ruleName", ruleName)
        out.string("runId", runId)
        out.string("state", state.rawValue)
        try out.date("updatedAt", updatedAt)
        out.int("uploadSends", uploadSends)
        out.int("version", version)
        if let wakeAt { try out.date("wakeAt", wakeAt) }
        return out.finished()
    }
}

extension JobFailure {
    func journalBody() -> String {
        var out = JSONObjectWriter()
        out.string("code", code)
        out.string("message", message)
        out.string("reason", reason.rawValue)
        return out.finished()
    }
}

extension UploadImageRequest {
    func journalBody() -> String {
        var out = JSONObjectWriter()
        if let BootMode { out.string("BootMode", BootMode) }
        if let DataDiskSize { out.int("DataDiskSize", DataDiskSize) }
        if let Description { out.string("Description", Description) }
        if let EnableSecurityCheck { out.bool("EnableSecurityCheck", EnableSecurityCheck) }
        out.bool("GpuCategory", GpuCategory)
        if let GpuDriverType { out.string("GpuDriverType", GpuDriverType) }
        out.string("ImageName", ImageName)
        if let LicenseType { out.string("LicenseType", LicenseType) }
        if let OsType { out.string("OsType", OsType) }
        out.string("OssObjectPath", OssObjectPath)
        if let ProtocolType { out.string("ProtocolType", ProtocolType) }
        out.string("RegionId", RegionId)
        if let SystemDiskSize { out.string("SystemDiskSize", SystemDiskSize) }
        return out.finished()
    }
}

/// One JSON object, member by member, in the order the caller gives (sorted, by convention).
struct JSONObjectWriter {
    private var text = "{"
    private var empty = true

    init() { text.reserveCapacity(1024) }

    mutating func raw(_ key: String, _ value: String) {
        if !empty { text += "," }
        empty = false
        text += "\""
        text += key
        text += "\":"
        text += value
    }

    mutating func string(_ key: String, _ value: String) { raw(key, JSONText.quoted(value)) }

    mutating func strings(_ key: String, _ values: [String]) { raw(key, JSONText.list(values)) }

    mutating func int(_ key: String, _ value: Int) { raw(key, String(value)) }

    mutating func bool(_ key: String, _ value: Bool) { raw(key, value ? "true" : "false") }

    mutating func double(_ key: String, _ value: Double) throws {
        guard value.isFinite else { throw Job.UnencodableNumber(key: key) }
        // Whole numbers print without a fraction, as JSONEncoder prints them.
        if value == value.rounded(), abs(value) < 1e15 {
            raw(key, String(Int64(value)))
        } else {
            raw(key, String(value))
        }
    }

    mutating func date(_ key: String, _ value: Date) throws { try double(key, value.timeIntervalSince1970) }

    func finished() -> String { text + "}" }
}
