import ECDropInotify
import ECDropTesting
import Foundation
import Testing

@Suite("The shared inotify watcher, on real folders")
struct InotifyWatcherTests {
    let watcher = InotifyWatcher.shared

    @Test("a file written and closed in the folder arrives as close_write with its name")
    func closeWrite() async throws {
        let folder = try InotifyTestFolder()
        defer { folder.remove() }
        let watch = try watcher.watch(folder.path, for: .dropFolder)
        defer { watch.cancel() }

        let event = try await withTestDeadline(10) {
            var events = watch.events.makeAsyncIterator()
            try folder.write("build.json")
            return await events.next { $0.mask.contains(.closeWrite) }
        }
        #expect(event?.name == "build.json")
        #expect(event?.path == folder.file("build.json"))
        #expect(event?.watchedPath == folder.path)
    }

    @Test("a file renamed into the folder arrives as moved_to")
    func movedIn() async throws {
        let folder = try InotifyTestFolder()
        let outside = try InotifyTestFolder("outside")
        defer {
            folder.remove()
            outside.remove()
        }
        try outside.write("ready.json")
        let watch = try watcher.watch(folder.path, for: .dropFolder)
        defer { watch.cancel() }

        let event = try await withTestDeadline(10) {
            var events = watch.events.makeAsyncIterator()
            try FileManager.default.moveItem(atPath: outside.file("ready.json"), toPath: folder.file("ready.json"))
            return await events.next { !$0.mask.isDisjoint(with: [.movedTo, .closeWrite]) }
        }
        #expect(event?.mask.contains(.movedTo) == true)
        #expect(event?.name == "ready.json")
    }

    @Test("two subscriptions to one folder share one kernel watch and both see every event")
    func sharedWatch() async throws {
        let folder = try InotifyTestFolder()
        defer { folder.remove() }
        let first = try watcher.watch(folder.path, for: .dropFolder)
        let second = try watcher.watch(folder.path + "/", for: [.closeWrite])
        #expect(watcher.subscriberCount(of: folder.path) == 2)

        let names = try await withTestDeadline(10) {
            var one = first.events.makeAsyncIterator()
            var two = second.events.makeAsyncIterator()
            try folder.write("a.json")
            let a = await one.next { $0.mask.contains(.closeWrite) }
            let b = await two.next { $0.mask.contains(.closeWrite) }
            return [a?.name, b?.name]
        }
        #expect(names == ["a.json", "a.json"])

        first.cancel()
        #expect(watcher.subscriberCount(of: folder.path) == 1)
        let after = try await withTestDeadline(10) {
            var two = second.events.makeAsyncIterator()
            try folder.write("b.json")
            return await two.next { $0.mask.contains(.closeWrite) }?.name
        }
        #expect(after == "b.json")
        second.cancel()
        #expect(watcher.subscriberCount(of: folder.path) == 0)
    }

    @Test("a deleted folder ends its stream, and watching it again once recreated works")
    func folderDeletedAndRecreated() async throws {
        let folder = try InotifyTestFolder()
        defer { folder.remove() }
        let watch = try watcher.watch(folder.path, for: .dropFolder)

        let seen = try await withTestDeadline(10) {
            var masks: [InotifyEvent.Mask] = []
            var events = watch.events.makeAsyncIterator()
            try FileManager.default.removeItem(atPath: folder.path)
            while let event = await events.next() { masks.append(event.mask) }
            return masks
        }
        #expect(seen.contains { $0.contains(.deleteSelf) })
        #expect(seen.last?.contains(.ignored) == true)

        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let again = try watcher.watch(folder.path, for: .dropFolder)
        defer { again.cancel() }
        let name = try await withTestDeadline(10) {
            var events = again.events.makeAsyncIterator()
            try folder.write("after.json")
            return await events.next { $0.mask.contains(.closeWrite) }?.name
        }
        #expect(name == "after.json")
    }

    @Test("watching a folder that does not exist names the path and the fix")
    func missingFolder() throws {
        let path = FileManager.default.temporaryDirectory.path + "/ecdrop-missing-\(UUID().uuidString)"
        let error = #expect(throws: InotifyError.self) { try watcher.watch(path, for: .dropFolder) }
        #expect(error?.code == "inotify.not_found")
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("inotifytools_watch_file") == true)
    }

    @Test("watching a plain file as a folder is refused as not a directory")
    func plainFileAsFolder() throws {
        let folder = try InotifyTestFolder()
        defer { folder.remove() }
        try folder.write("plain.json")
        let error = #expect(throws: InotifyError.self) {
            try watcher.watch(folder.file("plain.json"), for: [.closeWrite, .onlyDirectory])
        }
        #expect(error?.code == "inotify.not_a_directory")
    }

    @Test("a consumer that falls behind gets the buffered events, then one overflow notice")
    func boundedBuffer() async throws {
        let folder = try InotifyTestFolder()
        defer { folder.remove() }
        let small = try watcher.watch(folder.path, for: [.closeWrite], bufferLimit: 4)
        let large = try watcher.watch(folder.path, for: [.closeWrite], bufferLimit: 1000)
        defer {
            small.cancel()
            large.cancel()
        }

        let masks = try await withTestDeadline(20) {
            for index in 0..<50 { try folder.write("f\(index).json") }
            // The roomy subscription seeing the last file means the reader has routed all 50.
            var roomy = large.events.makeAsyncIterator()
            _ = await roomy.next { $0.name == "f49.json" }
            var events = small.events.makeAsyncIterator()
            var masks: [InotifyEvent.Mask] = []
            while masks.count < 5, let event = await events.next() { masks.append(event.mask) }
            return masks
        }
        #expect(masks.prefix(4).allSatisfy { $0.contains(.closeWrite) })
        #expect(masks.last == .overflow)
    }

    @Test("a simulated overflow travels through the subscription's stream")
    func simulatedOverflow() async throws {
        let folder = try InotifyTestFolder()
        defer { folder.remove() }
        let watch = try watcher.watch(folder.path, for: .dropFolder)
        defer { watch.cancel() }
        watch.simulate(.overflow)
        let event = try await withTestDeadline(10) {
            var events = watch.events.makeAsyncIterator()
            return await events.next()
        }
        #expect(event?.mask == .overflow)
        #expect(event?.watchedPath == folder.path)
    }

    @Test("cancelling a subscription ends its stream")
    func cancelEnds() async throws {
        let folder = try InotifyTestFolder()
        defer { folder.remove() }
        let watch = try watcher.watch(folder.path, for: .dropFolder)
        watch.cancel()
        let event = try await withTestDeadline(10) {
            var events = watch.events.makeAsyncIterator()
            return await events.next()
        }
        #expect(event == nil)
    }
}
