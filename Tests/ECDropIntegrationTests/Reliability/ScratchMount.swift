import ECDropCore
import ECDropTesting
import Foundation
import Testing

/// A small tmpfs mounted over a test folder with mount(8), to make a folder truly read-only or
/// full. Root ignores permission bits (chmod 0555 stops nobody running as root), but not a
/// read-only mount (EROFS) or a file system without free blocks (ENOSPC).
struct ScratchMount {
    let path: String

    /// Whether this process may mount (root with CAP_SYS_ADMIN); tried once, on a scratch folder.
    static let permitted: Bool = {
        guard let folder = try? TemporaryFolder("ecdrop-mount-probe"),
            let mounted = try? ScratchMount(tmpfsAt: folder.path, size: "64k")
        else { return false }
        return (try? mounted.unmount()) != nil
    }()

    static let skipReason: Comment =
        "needs mount(8) with CAP_SYS_ADMIN (root) to make a real read-only or full file system"

    /// Mounts a tmpfs of `size` (`64k`, `1m`) over the folder at `path`.
    init(tmpfsAt path: String, size: String) throws {
        self.path = path
        try Self.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0755", "tmpfs", path])
    }

    func remount(readOnly: Bool) throws {
        try Self.run("/usr/bin/mount", ["-o", readOnly ? "remount,ro" : "remount,rw", path])
    }

    /// Writes zeros into `name` until the file system is full; the bytes written.
    @discardableResult
    func fill(_ name: String) -> Int {
        let descriptor = open(path + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        let block = [UInt8](repeating: 0, count: 4096)
        var total = 0
        while true {
            let written = block.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { return total }
            total += written
        }
    }

    func unmount() throws {
        try Self.run("/usr/bin/umount", [path])
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let result = try ProcessRunner.run(tool, arguments, timeout: 30)
        guard result.status == 0 else {
            throw GeneralError(
                code: "testing.mount",
                message: "\(tool) \(arguments.joined(separator: " ")) failed: \(result.standardError)")
        }
    }
}
