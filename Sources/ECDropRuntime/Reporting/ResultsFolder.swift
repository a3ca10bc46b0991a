import ECDropCore
import Foundation

/// The results reporter: `<folder>/<job-id>.json` per job and `<folder>/<manifest-id>.json`
/// per manifest, rewritten atomically whenever a job changes.
public struct ResultsFolder: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    public func path(forJob id: String) -> String { (folder as NSString).appendingPathComponent("\(id).json") }

    public func path(forManifest id: String) -> String { (folder as NSString).appendingPathComponent("\(id).json") }

    /// Writes the job's document and the summaries of every manifest that names it.
    public func write(_ job: Job, store: any JobStore) async throws {
        try createFolder()
        let manifest = try await store.manifest(id: job.manifestId)
        try AtomicFile.write(ResultDocument(job: job, manifest: manifest).encoded(), to: path(forJob: job.id))
        if let manifest {
            let jobs = try await store.jobs(JobFilter(manifestId: manifest.id, limit: Int.max))
            try AtomicFile.write(
                ManifestSummary(manifest: manifest, jobs: jobs).encoded(), to: path(forManifest: manifest.id))
        }
        try await store.markResultsWritten(jobId: job.id, version: job.version)
    }

    /// Creates the folder when it is missing; a failure names the folder and the system's reason.
    func createFolder() throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            let cause = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let number = cause.flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil } ?? EIO
            throw FileWriteError(path: folder, call: "mkdir", errorNumber: number)
        }
    }
}
