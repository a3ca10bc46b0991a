import ECDropCore
import Foundation

/// A `ManifestSink` that records what it was given and answers like the pipeline would, by a
/// small rule on the bytes: empty or truncated JSON is `incomplete`, other non-JSON is `invalid`,
/// a JSON object with `"builds": []` is `noBuild`, anything else is taken. Tests can queue
/// errors for the next calls and wait for a number of deliveries.
public actor RecordingManifestSink: ManifestSink {
    /// Every manifest taken, in order.
    public private(set) var accepted: [IncomingManifest] = []
    /// Every call, taken or not.
    public private(set) var calls = 0
    /// The most calls in progress at once.
    public private(set) var peakConcurrency = 0
    private var running = 0
    private var scripted: [any Error] = []
    private var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private let latencyNanoseconds: UInt64

    /// - Parameter latency: seconds each call takes, to stand in for a slow journal.
    public init(latency: TimeInterval = 0) {
        latencyNanoseconds = UInt64(max(0, latency) * 1_000_000_000)
    }

    public func accept(_ manifest: IncomingManifest) async throws -> IntakeReceipt {
        calls += 1
        running += 1
        peakConcurrency = max(peakConcurrency, running)
        defer { running -= 1 }
        if latencyNanoseconds > 0 { try? await Task.sleep(nanoseconds: latencyNanoseconds) }
        if !scripted.isEmpty { throw scripted.removeFirst() }
        try RecordingManifestSink.judge(manifest.bytes)
        accepted.append(manifest)
        resumeWaiters()
        let number = accepted.count
        return IntakeReceipt(manifestId: "m-\(number)", isRepeat: false, jobIds: ["j-\(number)"])
    }

    /// The next calls throw these errors, in order, before the rule applies again.
    public func failNext(_ errors: [any Error]) { scripted.append(contentsOf: errors) }

    /// Origins of the manifests taken, in order.
    public var acceptedOrigins: [String] { accepted.map(\.origin) }

    /// Suspends until at least `count` manifests were taken.
    public func waitForAccepted(_ count: Int) async {
        if accepted.count >= count { return }
        await withCheckedContinuation { waiters.append((count, $0)) }
    }

    private func resumeWaiters() {
        let due = waiters.filter { $0.count <= accepted.count }
        waiters.removeAll { $0.count <= accepted.count }
        for waiter in due { waiter.continuation.resume() }
    }

    static func judge(_ bytes: Data) throws {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw IntakeError(.incomplete, "the manifest is empty") }
        guard let object = try? JSONSerialization.jsonObject(with: bytes) else {
            if text.hasPrefix("{") { throw IntakeError(.incomplete, "the manifest ends before its JSON does") }
            throw IntakeError(.invalid, "the manifest is not JSON: it starts with '\(text.prefix(12))'")
        }
        guard let fields = object as? [String: Any] else {
            throw IntakeError(.invalid, "the manifest is JSON but not an object")
        }
        if let builds = fields["builds"] as? [Any], builds.isEmpty {
            throw IntakeError(.noBuild, "the manifest lists no build")
        }
    }
}
