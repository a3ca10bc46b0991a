import ECDropCore
import ECDropCrypto
import ECDropTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("ecdrop run end to end, with the simulator", .serialized)
struct DaemonFlowTests {
    static let secret = "flow-test-secret"
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// A folder with the quickstart rule and a configuration pointing at `simulator`.
    func setUp() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("ecdrop-flow")
        try FileManager.default.createDirectory(atPath: folder.path("rules"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Self.root + "/quickstart/rules/quickstart.yaml", toPath: folder.path("rules/quickstart.yaml"))
        let config = """
            state_dir: state
            rules_dir: rules
            webhook:
              listen: 127.0.0.1:0
            results:
              folder: results
            pipeline:
              poll_interval: 500ms
              max_poll_interval: 1s
              shutdown_grace: 3s

            """
        try config.write(toFile: folder.path("ecdrop.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    func start(
        _ folder: TemporaryFolder, _ simulator: ECDSimulatorProcess, log: String
    ) async throws
        -> (DaemonProcess, String)
    {
        var environment = simulator.clientEnvironment
        environment["ECDROP_WEBHOOK_SECRET"] = Self.secret
        let daemon = try DaemonProcess(
            ["run", "--config", "ecdrop.yaml"], environment: environment, folder: folder, logName: log)
        #expect(await daemon.waitForLog("msg=\"ecdrop serving\""))
        let line = try #require(daemon.logLines.first { $0.contains("msg=\"webhook server listening\"") })
        let address = try #require(line.split(separator: " ").first { $0.hasPrefix("webhook.address=") })
        return (daemon, String(address.dropFirst("webhook.address=".count)))
    }

    /// POSTs the quickstart's Packer manifest, signed, and returns the status and JSON answer.
    func post(to address: String) async throws -> (Int, [String: Any]) {
        let body = try Data(contentsOf: URL(fileURLWithPath: Self.root + "/quickstart/seed/packer-manifest.json"))
        let timestamp = Int64(Date().timeIntervalSince1970)
        let signature = WebhookSignature(digests: OpenSSLDigests())
            .sign(timestamp: timestamp, body: body, secret: Secret(Self.secret))
        var request = URLRequest(url: URL(string: "http://\(address)/v1/manifests")!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(String(timestamp), forHTTPHeaderField: WebhookSignature.timestampHeader)
        request.setValue(signature, forHTTPHeaderField: WebhookSignature.signatureHeader)
        let (data, response) = try await URLSession.shared.data(for: request)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, object)
    }

    func uploads(_ simulator: ECDSimulatorProcess) async throws -> Int {
        let (data, _) = try await URLSession.shared.data(from: URL(string: "\(simulator.endpoint)/_sim/uploads")!)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["total"] as? Int ?? -1
    }

    /// Waits (bounded) for a result file that reports an available image.
    func waitForAvailableResult(_ folder: TemporaryFolder, seconds: Double = 60) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path("results"))) ?? []
            for name in names where name.hasPrefix("job-") {
                let text = (try? String(contentsOfFile: folder.path("results/\(name)"), encoding: .utf8)) ?? ""
                if text.contains("\"state\" : \"available\"") || text.contains("\"state\":\"available\"") {
                    return true
                }
            }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
        return false
    }

    @Test("a posted manifest becomes an available image and a result file; a restart keeps the state")
    func postedManifestToAvailableImage() async throws {
        let folder = try setUp()
        let simulator = try ECDSimulatorProcess(binary: try BuiltBinary.path(), arguments: ["--import-seconds", "2"])
        let (daemon, address) = try await start(folder, simulator, log: "first.log")

        let (status, answer) = try await post(to: address)
        #expect(status == 202)
        #expect((answer["jobs"] as? [String])?.count == 1)
        #expect(await waitForAvailableResult(folder))
        #expect(daemon.count("msg=\"job moved\"", "job.state=available") == 1)
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)

        let (again, secondAddress) = try await start(folder, simulator, log: "second.log")
        let (_, repeated) = try await post(to: secondAddress)
        #expect(repeated["repeat"] as? Bool == true)
        #expect(try await uploads(simulator) == 1)
        again.signal(SIGTERM)
        #expect(await again.waitForExit() == 0)
    }

    @Test("SIGTERM during an import exits 0 and the next start finishes the job without a second upload")
    func drainAndResume() async throws {
        let folder = try setUp()
        let simulator = try ECDSimulatorProcess(binary: try BuiltBinary.path(), arguments: ["--import-seconds", "6"])
        let (daemon, address) = try await start(folder, simulator, log: "first.log")
        #expect(try await post(to: address).0 == 202)
        #expect(await daemon.waitForLog("msg=\"job moved\"", "job.state=importing"))
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
        #expect(!(await waitForAvailableResult(folder, seconds: 0)))

        let (resumed, _) = try await start(folder, simulator, log: "second.log")
        #expect(await resumed.waitForLog("msg=\"resuming unfinished jobs\"", "jobs.unfinished=1"))
        #expect(await waitForAvailableResult(folder))
        #expect(try await uploads(simulator) == 1)
        resumed.signal(SIGTERM)
        #expect(await resumed.waitForExit() == 0)
    }
}
