import ECDropCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Why a file could not be written: which file, which call, the system's reason.
public struct FileWriteError: ECDropError {
    public var path: String
    public var call: String
    public var errorNumber: Int32

    public init(path: String, call: String, errorNumber: Int32) {
        self.path = path
        self.call = call
        self.errorNumber = errorNumber
    }

    public var code: String { "file.write_failed" }

    public var message: String {
        "cannot write \(path): \(call) failed: \(String(cString: strerror(errorNumber))); \(hint)"
    }

    /// What to do, by the system's reason.
    var hint: String {
        switch errorNumber {
        case ENOSPC, EDQUOT: "free space on that file system (or raise the quota); the file is written again then"
        case EROFS: "remount that file system read-write, or point the setting at a writable folder"
        case EACCES, EPERM: "give the user the agent runs as write access to the folder"
        case ENOTDIR, ENOENT: "a part of the path is missing or is not a folder; create the folder or fix the path"
        default: "check that the folder exists, is writable by this user, and has free space"
        }
    }

    public var exitCode: ExitCode { .cantCreate }
}

/// Writes whole files so readers see the old bytes or the new ones, never a mix: a temporary
/// file beside the target, fsync, rename over the target, fsync of the folder.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        try write([(data, path)])
    }

    /// Writes each file in turn, then syncs each folder they are in once: files written
    /// together share the folder's flush. Stops at the first file that fails; those before it
    /// are in place.
    public static func write(_ files: [(data: Data, path: String)]) throws {
        var folders: [String] = []
        defer { folders.forEach(syncFolder) }
        for (data, path) in files {
            try replace(path, with: data)
            let folder = (path as NSString).deletingLastPathComponent
            if !folders.contains(folder) { folders.append(folder) }
        }
    }

    private static func replace(_ path: String, with data: Data) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let unique = UUID.random().uuidString.prefix(8)
        let name = (path as NSString).lastPathComponent
        let temporary = (folder as NSString).appendingPathComponent(".\(name).\(unique).tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path, "open of its temporary file") }
        do {
            try writeAll(data, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw failure(path, "fsync") }
            close(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(path, "rename")
            unlink(temporary)
            throw error
        }
    }

    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure(path, "write")
                }
                offset += written
            }
        }
    }

    /// Makes the rename itself durable; a folder that cannot be opened is left to the file system.
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private static func failure(_ path: String, _ call: String) -> FileWriteError {
        FileWriteError(path: path, call: call, errorNumber: errno)
    }
}
