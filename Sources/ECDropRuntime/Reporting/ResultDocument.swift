import ECDropCore
import Foundation

/// One job's result file, `<results>/<job-id>.json`; schema in docs/result.schema.json.
/// Field names are part of the contract: add fields, never rename or remove them.
public struct ResultDocument: Codable, Sendable, Hashable {
    public static let schemaName = "ecdrop.result/v1"

    public struct ManifestRef: Codable, Sendable, Hashable {
        public var id: String
        public var source: String
        public var path: String
    }

    public struct Build: Codable, Sendable, Hashable {
        public var name: String
        public var run_id: String
        public var artifact: String
    }

    public struct ErrorInfo: Codable, Sendable, Hashable {
        public var reason: String
        public var code: String
        public var message: String
    }

    public var schema: String
    public var job_id: String
    public var state: String
    public var rule: String
    public var region: String
    public var image_name: String?
    public var image_id: String?
    public var progress: Int?
    public var attempt: Int
    public var manifest: ManifestRef
    public var build: Build
    public var request_ids: [String]
    public var request: UploadImageRequest?
    public var created_at: String
    public var updated_at: String
    public var deadline: String
    public var error: ErrorInfo?

    public init(job: Job, manifest: ManifestRecord?) {
        schema = Self.schemaName
        job_id = job.id
        state = job.state.rawValue
        rule = job.ruleName
        region = job.region
        image_name = job.imageName
        image_id = job.imageId
        progress = job.progress
        attempt = job.attempt
        self.manifest = ManifestRef(
            id: job.manifestId, source: manifest?.source.rawValue ?? "", path: manifest?.origin ?? "")
        build = Build(name: job.buildName, run_id: job.runId, artifact: job.artifactName)
        request_ids = job.requestIds
        request = job.request
        created_at = Timestamp.string(job.createdAt)
        updated_at = Timestamp.string(job.updatedAt)
        deadline = Timestamp.string(job.deadline)
        error = job.failure.map { ErrorInfo(reason: $0.reason.rawValue, code: $0.code, message: $0.message) }
    }

    /// Pretty, sorted JSON with a final newline: stable bytes for the same job.
    public func encoded() -> Data { Timestamp.encode(self) }
}

/// The per-manifest summary, `<results>/<manifest-id>.json`, naming its jobs and their states.
public struct ManifestSummary: Codable, Sendable, Hashable {
    public static let schemaName = "ecdrop.manifest/v1"

    public struct JobLine: Codable, Sendable, Hashable {
        public var job_id: String
        public var state: String
        public var rule: String
        public var region: String
        public var image_name: String?
        public var image_id: String?
    }

    public var schema: String
    public var manifest_id: String
    public var source: String
    public var path: String
    public var digest: String
    public var received_at: String
    public var jobs: [JobLine]

    public init(manifest: ManifestRecord, jobs: [Job]) {
        schema = Self.schemaName
        manifest_id = manifest.id
        source = manifest.source.rawValue
        path = manifest.origin
        digest = manifest.digest
        received_at = Timestamp.string(manifest.receivedAt)
        self.jobs = jobs.sorted { $0.id < $1.id }.map {
            JobLine(
                job_id: $0.id, state: $0.state.rawValue, rule: $0.ruleName, region: $0.region,
                image_name: $0.imageName, image_id: $0.imageId)
        }
    }

    public func encoded() -> Data { Timestamp.encode(self) }
}

/// RFC 3339 timestamps in UTC, and the one JSON style of every document ecdrop writes.
enum Timestamp {
    static func string(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
                .timeSeparator(.colon).timeZone(separator: .omitted))
    }

    static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        var data = try! encoder.encode(value)
        data.append(0x0a)
        return data
    }
}
