import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What identifies one version of a file: a rewrite changes the size or the modification time,
/// a replacement changes the inode.
struct FileStamp: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var modifiedNanoseconds: Int64

    init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, modifiedNanoseconds: Int64 = 0) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.modifiedNanoseconds = modifiedNanoseconds
    }

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        size = Int64(status.st_size)
        modified = Int64(status.st_mtim.tv_sec)
        modifiedNanoseconds = Int64(status.st_mtim.tv_nsec)
    }
}

/// The system calls the drop-folder watcher makes, in one place: EINTR retried, errno mapped to a
/// `DropFolderError` that names the call and the path.
enum DropFolderFiles {
    /// Regular files directly in `folder`, by name, with their stamps.
    static func list(_ folder: String) throws(DropFolderError) -> [(name: String, stamp: FileStamp)] {
        guard let directory = opendir(folder) else { throw .io("opendir", path: folder, errorNumber: errno) }
        defer { closedir(directory) }
        var found: [(name: String, stamp: FileStamp)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != "..", let stamp = try? regularFileStamp(folder + "/" + name) else { continue }
            found.append((name, stamp))
        }
        return found
    }

    /// The stamp of a regular file; nil when the path is something else (folder, socket…).
    static func regularFileStamp(_ path: String) throws(DropFolderError) -> FileStamp? {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .io("stat", path: path, errorNumber: errno) }
        guard status.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileStamp(status)
    }

    /// Reads a whole regular file of at most `limit` bytes, with the stamp of what was read.
    static func read(_ path: String, limit: Int) throws(DropFolderError) -> (bytes: Data, stamp: FileStamp) {
        let descriptor = try retrying("open", path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .io("fstat", path: path, errorNumber: errno) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .io("open", path: path, errorNumber: EISDIR) }
        guard Int(status.st_size) <= limit else {
            throw DropFolderError(
                .tooLarge,
                "'\(path)' is \(status.st_size) bytes, more than the \(limit) bytes a manifest may have; "
                    + "check that this is a build manifest",
                path: path)
        }
        var bytes = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try retrying("read", path) {
                chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= limit else {
                throw DropFolderError(.tooLarge, "'\(path)' grew past \(limit) bytes while being read", path: path)
            }
        }
        return (bytes, FileStamp(status))
    }

    /// Moves `path` into `folder` under its own name, or under `name-2.ext`, `name-3.ext`… when
    /// that is taken: never overwrites. Returns the new path.
    static func moveWithoutOverwriting(_ path: String, into folder: String) throws(DropFolderError) -> String {
        try makeFolder(folder)
        let name = (path as NSString).lastPathComponent
        for attempt in 1...10_000 {
            let target = folder + "/" + candidateName(name, attempt)
            // link() refuses an existing target atomically, which rename() would overwrite.
            if link(path, target) == 0 {
                try remove(path)
                return target
            }
            let code = errno
            if code == EEXIST { continue }
            if code == EINTR { continue }
            throw .io("link", path: target, errorNumber: code)
        }
        throw .io("link", path: folder + "/" + name, errorNumber: EEXIST)
    }

    static func candidateName(_ name: String, _ attempt: Int) -> String {
        guard attempt > 1 else { return name }
        let ext = (name as NSString).pathExtension
        let stem = (name as NSString).deletingPathExtension
        return ext.isEmpty ? "\(name)-\(attempt)" : "\(stem)-\(attempt).\(ext)"
    }

    static func remove(_ path: String) throws(DropFolderError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw .io("unlink", path: path, errorNumber: errno) }
    }

    static func makeFolder(_ path: String) throws(DropFolderError) {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw .io("mkdir", path: path, errorNumber: errno) }
    }

    /// Writes `bytes` to `path` through a hidden temporary name and a rename, so a reader sees the
    /// whole document or none.
    static func writeAtomically(_ bytes: Data, to path: String) throws(DropFolderError) {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = folder + "/." + (path as NSString).lastPathComponent + ".\(getpid()).tmp"
        let descriptor = try retrying("open", temporary) {
            open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        var written = 0
        let failure: Int32? = bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let count = write(descriptor, raw.baseAddress! + written, raw.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += count
            }
            return fsync(descriptor) == 0 ? nil : errno
        }
        close(descriptor)
        if let failure {
            unlink(temporary)
            throw .io("write", path: temporary, errorNumber: failure)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .io("rename", path: path, errorNumber: code)
        }
    }

    private static func retrying<T: BinaryInteger>(
        _ call: String, _ path: String, _ body: () -> T
    ) throws(DropFolderError) -> T {
        while true {
            let result = body()
            if result >= 0 { return result }
            if errno != EINTR { throw .io(call, path: path, errorNumber: errno) }
        }
    }
}
