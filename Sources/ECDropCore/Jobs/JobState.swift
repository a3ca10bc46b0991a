/// Where a job is in its life: `pending → uploading → importing → available | failed`.
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Recorded, waiting for the dispatcher.
    case pending
    /// The intent to call UploadImage is committed; the call may or may not have been carried out.
    case uploading
    /// ECD accepted the upload and returned an ImageId; the follower polls the import.
    case importing
    case available
    case failed

    /// Available and failed jobs are finished: nothing runs for them again unless retried.
    public var isFinal: Bool { self == .available || self == .failed }
}

/// Why a job failed, as a stable word for result files and exit statuses.
public enum FailureReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// ECD refused a call for good (bad parameter, permission, quota).
    case rejected
    /// The import ended in CreateFailed.
    case importFailed = "import_failed"
    /// The rule's follow deadline passed before the image was available.
    case deadlinePassed = "deadline_passed"
    /// The rule matched, but its templates did not render into a valid request.
    case invalidRender = "invalid_render"
    /// Before the first upload, an image with the exact ImageName existed that this job did not create.
    case nameTaken = "name_taken"
}

/// A finished job's failure: the reason, the underlying code (`ecd.InvalidParameter`), the message.
public struct JobFailure: Sendable, Hashable, Codable {
    public var reason: FailureReason
    public var code: String
    public var message: String

    public init(reason: FailureReason, code: String, message: String) {
        self.reason = reason
        self.code = code
        self.message = message
    }
}
