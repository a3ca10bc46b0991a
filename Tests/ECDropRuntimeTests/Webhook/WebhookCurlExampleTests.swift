import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

@Suite("Webhook: the documented curl example")
struct WebhookCurlExampleTests {
    /// docs/examples/webhook-post.sh, found from this file's place in the repository.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/examples/webhook-post.sh")

    @Test("the example script signs with openssl and its manifest is accepted")
    func scriptIsAccepted() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecdrop-curl-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let secretFile = folder.appendingPathComponent("webhook.secret")
        try Data((WebhookHarness.secret.revealed + "\n").utf8).write(to: secretFile)
        let manifest = folder.appendingPathComponent("manifest.json")
        try WebhookHarness.manifest.write(to: manifest)
        // The script signs with the wall clock, so the server's clock must be the wall clock too.
        try await withWebhook(time: SystemTimeSource()) { hook in
            let output = try await Self.run([
                Self.script.path, "http://127.0.0.1:\(hook.port)", secretFile.path, manifest.path, "doc-1",
            ])
            let json = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
            #expect(json["manifest_id"] as? String == "man-1")
            #expect(hook.sink.manifests.first?.origin == "doc-1")
            #expect(hook.sink.manifests.first?.bytes == WebhookHarness.manifest)
        }
    }

    static func run(_ arguments: [String]) async throws -> Data {
        try await BlockingWork.run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
    }
}
