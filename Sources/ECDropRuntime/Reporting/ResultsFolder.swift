import ECDropCore
import Foundation

/// The results reporter: `<folder>/<job-id>.json` per job and `<folder>/<manifest-id>.json`
/// per manifest, rewritten atomically whenever a job changes.
public struct ResultsFolder: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    public func path(forJob id: String) -> String { (folder as NSString).appendingPathComponent("\(id).json") }

    public func path(forManifest id: String) -> String { (folder as NSString).appendingPathComponent("\(id).json") }

    /// Writes the job's document and its manifest's summary, on the file thread; the two share
    /// one flush of the folder.
    public func write(_ job: Job, store: any JobStore) async throws {
        let manifest = try await store.manifest(id: job.manifestId)
        var files = [(data: ResultDocument(job: job, manifest: manifest).encoded(), path: path(forJob: job.id))]
        if let manifest {
            let jobs = try await store.jobs(JobFilter(manifestId: manifest.id, limit: Int.max))
            files.append((ManifestSummary(manifest: manifest, jobs: jobs).encoded(), path(forManifest: manifest.id)))
        }
        let results = self
        let written = files
        try await FileWork.run {
            try results.createFolder()
            try AtomicFile.write(written)
        }
        try await store.markResultsWritten(jobId: job.id, version: job.version)
    }

    /// Creates the folder (and its missing parents) with mkdir(2), so a failure names the folder
    /// and the system's own reason (`Not a directory` when a parent is a file).
    func createFolder() throws {
        try Self.makeFolder(folder)
    }

    private static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 { return }
        let reason = errno
        if reason == EEXIST {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                throw FileWriteError(path: path, call: "mkdir", errorNumber: ENOTDIR)
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        guard reason == ENOENT, !parent.isEmpty, parent != path else {
            throw FileWriteError(path: path, call: "mkdir", errorNumber: reason)
        }
        try makeFolder(parent)
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw FileWriteError(path: path, call: "mkdir", errorNumber: errno)
        }
    }
}
