import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("The drop-folder watcher under bursts", .serialized)
struct DropFolderBurstTests {
    @Test("a burst of 10,000 manifests is delivered completely, a few at a time")
    func tenThousand() async throws {
        let count = 10_000
        let harness = try DropFolderHarness()
        let started = Date()
        try await withTestDeadline(600) {
            await harness.watcher.waitUntilWatching()
            for index in 0..<count { try harness.write("m\(index).json", manifest) }
            await harness.sink.waitForAccepted(count)
            await harness.watcher.waitUntilIdle()
        }
        let seconds = Date().timeIntervalSince(started)
        print("drop burst: \(count) manifests delivered in \(String(format: "%.2f", seconds)) s")

        let origins = await harness.sink.acceptedOrigins
        #expect(origins.count == count)
        #expect(Set(origins).count == count)
        #expect(harness.names() == [])
        #expect(harness.names(in: "processed").count == count)
        #expect(await harness.sink.peakConcurrency <= DropFolderWatcher.Options().maxInFlight)
        await harness.stop()
    }

    @Test("a consumer buffer far smaller than the burst loses events, and the rescan finds every file")
    func smallBuffer() async throws {
        let count = 2_000
        var options = DropFolderHarness.fastOptions
        options.eventBufferLimit = 16
        let harness = try DropFolderHarness(options: options, sink: RecordingManifestSink(latency: 0.001))
        try await withTestDeadline(600) {
            await harness.watcher.waitUntilWatching()
            for index in 0..<count { try harness.write("s\(index).json", manifest) }
            await harness.sink.waitForAccepted(count)
            await harness.watcher.waitUntilIdle()
        }
        print("drop small buffer: \(count) manifests, \(await harness.watcher.rescanCount) rescans")
        #expect(Set(await harness.sink.acceptedOrigins).count == count)
        #expect(await harness.sink.calls == count)
        #expect(harness.names() == [])
        await harness.stop()
    }
}
