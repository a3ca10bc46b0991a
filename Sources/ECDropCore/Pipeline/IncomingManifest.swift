import Foundation

/// How a manifest reached the agent.
public enum ManifestSourceKind: String, Sendable, Codable, CaseIterable {
    case drop
    case webhook
    case submit
}

/// A manifest as intake hands it over: raw bytes and where they came from. Nothing is decoded yet.
public struct IncomingManifest: Sendable {
    public var source: ManifestSourceKind
    /// The file path for drop and submit; the delivery id for webhooks.
    public var origin: String
    public var bytes: Data
    public var receivedAt: Date

    public init(source: ManifestSourceKind, origin: String, bytes: Data, receivedAt: Date) {
        self.source = source
        self.origin = origin
        self.bytes = bytes
        self.receivedAt = receivedAt
    }
}

/// What intake gets back once the manifest is durably journaled.
public struct IntakeReceipt: Sendable, Codable, Hashable {
    public var manifestId: String
    /// True when the same manifest (same digest, or the same builds) was seen before; no new jobs.
    public var isRepeat: Bool
    public var jobIds: [String]

    public init(manifestId: String, isRepeat: Bool, jobIds: [String]) {
        self.manifestId = manifestId
        self.isRepeat = isRepeat
        self.jobIds = jobIds
    }
}

/// Where intake (drop folders, the webhook server, `ecdrop submit`) delivers manifests.
/// Implemented by the pipeline. Throws `IntakeError` for manifests it will not take.
public protocol ManifestSink: Sendable {
    func accept(_ manifest: IncomingManifest) async throws -> IntakeReceipt
}

/// Why a manifest was not taken.
public struct IntakeError: ECDropError {
    public enum Reason: String, Sendable, Codable {
        /// Empty or truncated, probably still being written: try again after the next write.
        case incomplete
        /// Not JSON, or JSON of the wrong shape.
        case invalid
        /// JSON, but neither a Packer manifest nor a native one.
        case unknownFormat = "unknown_format"
        /// A valid manifest with no build in it (or none of the newest run).
        case noBuild = "no_build"
        /// The pipeline's queue is full; retry later.
        case queueFull = "queue_full"
        /// The agent is stopping; retry later.
        case shuttingDown = "shutting_down"
        /// The journal could not record it.
        case journal
    }

    public var reason: Reason
    public var message: String
    public var cause: (any Error)?

    public init(_ reason: Reason, _ message: String, cause: (any Error)? = nil) {
        self.reason = reason
        self.message = message
        self.cause = cause
    }

    public var code: String { "manifest.\(reason.rawValue)" }

    public var exitCode: ExitCode {
        switch reason {
        case .incomplete, .invalid, .unknownFormat, .noBuild: .dataError
        case .queueFull, .shuttingDown, .journal: .temporaryFailure
        }
    }
}
