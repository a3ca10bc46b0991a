import Foundation

/// A failed ECD call as the state machine sees it: enough to decide, and to tell the user.
public struct CallFailure: Sendable, Hashable, Codable {
    public var code: String
    public var message: String
    public var requestId: String?
    public var isTransient: Bool
    /// The call may have been carried out although no answer came (timeout or reset after sending).
    public var outcomeUnknown: Bool

    public init(code: String, message: String, requestId: String? = nil, isTransient: Bool, outcomeUnknown: Bool) {
        self.code = code
        self.message = message
        self.requestId = requestId
        self.isTransient = isTransient
        self.outcomeUnknown = outcomeUnknown
    }

    public init(_ error: ECDCallError) {
        self.init(
            code: error.code, message: error.message, requestId: error.requestId,
            isTransient: error.disposition == .transient, outcomeUnknown: error.outcomeUnknown)
    }
}

/// What happened to a job: the dispatcher's turn came, or an ECD call answered.
public enum JobEvent: Sendable, Hashable {
    /// The dispatcher picked the job (new, resumed after a restart, or woken after a pause).
    case dispatched
    /// DescribeImages answered for the job's ImageName; `images` may hold other names too.
    case nameLookedUp(images: [ImageRecord], requestId: String)
    case lookupFailed(CallFailure)
    case uploaded(imageId: String, requestId: String)
    case uploadFailed(CallFailure)
    /// The follower's DescribeImages answer for the job's image; nil when it is not listed.
    case polled(ImageRecord?, requestId: String)
    case pollFailed(CallFailure)
}

/// What the runtime must do after the decision is saved.
public enum JobAction: Sendable, Hashable {
    /// DescribeImages for this exact ImageName in this region, then feed `.nameLookedUp`.
    case lookUpImageName(region: String, imageName: String)
    /// UploadImage; the intent is already saved (`uploadSends` counts it).
    case upload(UploadImageRequest)
    /// Tell the webhook reporters; `accepted` when ECD took the upload.
    case notify(JobNotice)
}

/// The state changes reporters announce.
public enum JobNotice: String, Sendable, Hashable, Codable, CaseIterable {
    case accepted
    case available
    case failed
}

/// The state machine's answer: the job as it must be saved, the history line, what to do next.
public struct JobDecision: Sendable, Hashable {
    public var job: Job
    /// Nil when nothing worth saving changed.
    public var transition: JobTransition?
    public var actions: [JobAction]
    /// True when `job` differs from the input and must be saved before acting.
    public var changed: Bool

    public init(job: Job, transition: JobTransition?, actions: [JobAction], changed: Bool) {
        self.job = job
        self.transition = transition
        self.actions = actions
        self.changed = changed
    }
}
