import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Which file a path names right now: its device and inode. Two looks at one path that give
/// different identities (or none) mean the file was removed or replaced in between.
struct FileIdentity: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64

    /// nil when nothing can be found at `path`.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
