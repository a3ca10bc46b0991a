import ECDropInotify
import Foundation
import Testing

@Suite("inotify errors, limits and masks")
struct InotifyValuesTests {
    @Test(
        "each errno maps to a stable code and a fix",
        arguments: [
            (ENOENT, "inotify.not_found", "create the folder"),
            (ENOTDIR, "inotify.not_a_directory", "correct the path"),
            (EACCES, "inotify.permission_denied", "permission"),
            (ENOSPC, "inotify.watch_limit", "max_user_watches"),
            (EMFILE, "inotify.instance_limit", "max_user_instances"),
            (EIO, "inotify.failure", "check the kernel"),
        ])
    func errorMapping(errorNumber: Int32, code: String, fix: String) {
        let error = InotifyError(call: "inotifytools_watch_file", path: "/srv/drop", errorNumber: errorNumber)
        #expect(error.code == code)
        #expect(error.message.contains(fix))
        #expect(error.message.contains("'/srv/drop'"))
    }

    @Test("the limits are read from the proc files, and missing ones are nil")
    func limitsFromFiles() throws {
        let folder = try InotifyTestFolder("limits")
        defer { folder.remove() }
        try folder.write("max_queued_events", "16384\n")
        try folder.write("max_user_watches", "524288\n")
        let limits = InotifyLimits.current(directory: folder.path)
        #expect(limits.maxQueuedEvents == 16384)
        #expect(limits.maxUserWatches == 524288)
        #expect(limits.maxUserInstances == nil)
    }

    @Test("this machine's limits can be read")
    func limitsHere() {
        let limits = InotifyLimits.current()
        #expect((limits.maxQueuedEvents ?? 0) > 0)
        #expect((limits.maxUserWatches ?? 0) > 0)
    }

    @Test("a mask prints its kernel names")
    func maskDescription() {
        #expect(InotifyEvent.Mask([.create, .isDirectory]).description == "create,isdir")
        #expect(InotifyEvent.Mask(rawValue: 0x0001_0000).description == "0x10000")
    }
}
