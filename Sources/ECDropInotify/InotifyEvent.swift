/// One inotify event, copied out of the library's static buffer into Swift values.
public struct InotifyEvent: Sendable, Hashable, CustomStringConvertible {
    /// The kinds of change inotify reports, with the kernel's bit values.
    public struct Mask: OptionSet, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: UInt32

        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let modify = Mask(rawValue: 0x0000_0002)
        public static let closeWrite = Mask(rawValue: 0x0000_0008)
        public static let movedFrom = Mask(rawValue: 0x0000_0040)
        public static let movedTo = Mask(rawValue: 0x0000_0080)
        public static let create = Mask(rawValue: 0x0000_0100)
        public static let delete = Mask(rawValue: 0x0000_0200)
        public static let deleteSelf = Mask(rawValue: 0x0000_0400)
        public static let moveSelf = Mask(rawValue: 0x0000_0800)
        /// The file system holding the watched thing was unmounted.
        public static let unmount = Mask(rawValue: 0x0000_2000)
        /// The kernel's queue overflowed (`IN_Q_OVERFLOW`) or a subscriber's buffer did: events
        /// were lost, so look at the folder again.
        public static let overflow = Mask(rawValue: 0x0000_4000)
        /// The watch is gone (removed, or its folder deleted or unmounted); no more events follow.
        public static let ignored = Mask(rawValue: 0x0000_8000)
        /// When watching: refuse (with `inotify.not_a_directory`) unless the path is a directory.
        public static let onlyDirectory = Mask(rawValue: 0x0100_0000)
        /// The subject of the event is a directory.
        public static let isDirectory = Mask(rawValue: 0x4000_0000)

        /// What a drop folder needs: finished files, and news about the folder itself.
        public static let dropFolder: Mask = [.closeWrite, .movedTo, .movedFrom, .delete, .deleteSelf, .moveSelf]

        static let names: [(Mask, String)] = [
            (.modify, "modify"), (.closeWrite, "close_write"), (.movedFrom, "moved_from"),
            (.movedTo, "moved_to"), (.create, "create"), (.delete, "delete"), (.deleteSelf, "delete_self"),
            (.moveSelf, "move_self"), (.unmount, "unmount"), (.overflow, "overflow"), (.ignored, "ignored"),
            (.onlyDirectory, "onlydir"), (.isDirectory, "isdir"),
        ]

        /// Comma-separated lowercase names, such as `close_write` or `create,isdir`.
        public var description: String {
            let known = Mask.names.filter { contains($0.0) }.map(\.1)
            return known.isEmpty ? "0x" + String(rawValue, radix: 16) : known.joined(separator: ",")
        }
    }

    /// The watched path as it was given to `InotifyWatcher.watch`.
    public var watchedPath: String
    /// The name inside the watched folder; empty for events about the watched path itself.
    public var name: String
    public var mask: Mask
    /// Pairs a `movedFrom` with its `movedTo`; zero otherwise.
    public var cookie: UInt32

    public init(watchedPath: String, name: String, mask: Mask, cookie: UInt32 = 0) {
        self.watchedPath = watchedPath
        self.name = name
        self.mask = mask
        self.cookie = cookie
    }

    /// The full path of the subject: the watched path, joined with the name when there is one.
    public var path: String {
        guard !name.isEmpty else { return watchedPath }
        return watchedPath.hasSuffix("/") ? watchedPath + name : watchedPath + "/" + name
    }

    public var description: String { "\(mask) \(path)" }
}
