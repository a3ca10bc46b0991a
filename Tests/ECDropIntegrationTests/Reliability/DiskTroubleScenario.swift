import ECDropCore
import ECDropCrypto
import ECDropTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `ecdrop run` with a drop folder, the webhook and a results folder, against the real
/// simulator: manifests go in both ways, jobs are read back through the signed webhook API (so
/// nothing but the daemon touches its journal) and uploads from the simulator's counters.
final class DiskTroubleScenario: @unchecked Sendable {
    static let secret = "disk-trouble-webhook-secret"
    static let rule = """
        rules:
          - name: disk-trouble
            match:
              all:
                - build.custom.channel: {equals: nightly}
                - artifact.name: {glob: "*.vhd"}
            regions: [cn-hangzhou]
            upload:
              OssObjectPath: "https://images.oss-cn-hangzhou.aliyuncs.com/{{ build.run_id }}.vhd"
              ImageName: "disk-{{ build.run_id }}"
              OsType: Windows
              GpuCategory: false
            report: [results]

        """

    let folder: TemporaryFolder
    let simulator: ECDSimulatorProcess
    private(set) var daemon: DaemonProcess?
    private(set) var address = ""
    private var starts = 0

    /// The results folder, relative to the scenario's folder.
    let results: String

    init(_ label: String, results: String = "results", importSeconds: Int = 1) async throws {
        folder = try TemporaryFolder(label)
        self.results = results
        for name in ["rules", "drop", "results", "staging"] {
            try FileManager.default.createDirectory(atPath: folder.path(name), withIntermediateDirectories: true)
        }
        try Self.rule.write(toFile: folder.path("rules/disk-trouble.yaml"), atomically: true, encoding: .utf8)
        let config = """
            state_dir: state
            rules_dir: rules
            drop:
              - path: drop
                settle: 0s
            webhook:
              listen: 127.0.0.1:0
            results:
              folder: \(results)
            pipeline:
              poll_interval: 500ms
              max_poll_interval: 1s
              shutdown_grace: 3s

            """
        try config.write(toFile: folder.path("ecdrop.yaml"), atomically: true, encoding: .utf8)
        simulator = try await ECDSimulatorProcess.start(
            binary: try BuiltBinary.path(), arguments: ["--import-seconds", String(importSeconds)])
    }

    func path(_ name: String) -> String { folder.path(name) }

    /// Starts the daemon and waits for its webhook address.
    func start() async throws {
        starts += 1
        var environment = simulator.clientEnvironment
        environment["ECDROP_WEBHOOK_SECRET"] = Self.secret
        let started = try DaemonProcess(
            ["run", "--config", "ecdrop.yaml"], environment: environment, folder: folder,
            logName: "daemon-\(starts).log")
        daemon = started
        #expect(await started.waitForLog("msg=\"ecdrop serving\""), "the daemon did not start: \(started.log)")
        let line = try #require(started.logLines.first { $0.contains("msg=\"webhook server listening\"") })
        let field = try #require(line.split(separator: " ").first { $0.hasPrefix("webhook.address=") })
        address = String(field.dropFirst("webhook.address=".count))
    }

    /// SIGTERM, and the exit status.
    func stop() async -> Int32? {
        guard let daemon else { return nil }
        daemon.signal(SIGTERM)
        return await daemon.waitForExit()
    }

    var log: String { daemon?.log ?? "" }

    // MARK: - Manifests

    /// A one-build Packer manifest whose run id names its image: `disk-<run>`.
    static func manifest(_ run: String) -> Data {
        Data(
            """
            {"builds": [{"name": "win11-golden", "builder_type": "qemu", "build_time": 1767225600,
              "files": [{"name": "output/win11-\(run).vhd", "size": 42949672960}], "artifact_id": "a-\(run)",
              "packer_run_uuid": "\(run)", "custom_data": {"channel": "nightly"}}],
             "last_run_uuid": "\(run)"}
            """.utf8)
    }

    /// Writes the manifest under a temporary name and renames it into the drop folder.
    func drop(_ run: String) throws {
        let staging = path("staging/\(run).json")
        try Self.manifest(run).write(to: URL(fileURLWithPath: staging))
        guard rename(staging, path("drop/\(run).json")) == 0 else {
            throw GeneralError(code: "testing.rename", message: "cannot rename \(staging) into the drop folder")
        }
    }

    /// POSTs the manifest, signed; the status, the answer's headers and its JSON.
    func post(_ run: String) async throws -> (status: Int, headers: [AnyHashable: Any], body: [String: Any]) {
        let (status, headers, data) = try await request("POST", "/v1/manifests", body: Self.manifest(run))
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (status, headers, object)
    }

    /// `GET /v1/jobs`, signed: image name → state, as the daemon's journal has it.
    func jobStates() async throws -> [String: String] {
        let (status, _, data) = try await request("GET", "/v1/jobs", body: Data())
        guard status == 200, let jobs = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            return [:]
        }
        var states: [String: String] = [:]
        for job in jobs {
            if let name = job["image_name"] as? String, let state = job["state"] as? String { states[name] = state }
        }
        return states
    }

    func readiness() async throws -> Int {
        try await request("GET", "/readyz", body: Data()).status
    }

    private func request(
        _ method: String, _ target: String, body: Data
    ) async throws -> (
        status: Int, headers: [AnyHashable: Any], data: Data
    ) {
        let timestamp = Int64(Date().timeIntervalSince1970)
        let signature = WebhookSignature(digests: OpenSSLDigests())
            .sign(timestamp: timestamp, body: body, secret: Secret(Self.secret))
        var request = URLRequest(url: URL(string: "http://\(address)\(target)")!)
        request.httpMethod = method
        if method == "POST" { request.httpBody = body }
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(String(timestamp), forHTTPHeaderField: WebhookSignature.timestampHeader)
        request.setValue(signature, forHTTPHeaderField: WebhookSignature.signatureHeader)
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, http?.allHeaderFields ?? [:], data)
    }

    // MARK: - Waiting and counting

    /// Waits (bounded) until every named image's job is `available`.
    func waitUntilAvailable(_ runs: [String], seconds: Double = 60) async throws -> Bool {
        try await eventually(seconds: seconds) {
            let states = try await self.jobStates()
            return runs.allSatisfy { states["disk-\($0)"] == "available" }
        }
    }

    /// Waits (bounded) until `condition` holds; true when it did.
    func eventually(seconds: Double = 60, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return try await condition()
    }

    /// The simulator's count of successful UploadImage calls per ImageName.
    func uploads() async throws -> [String: Int] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: "\(simulator.endpoint)/_sim/uploads")!)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["uploads"] as? [String: Int] ?? [:]
    }

    /// The state a job's result file reports, nil when there is no readable file.
    func resultState(_ run: String) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path(results))) ?? []
        for name in names where name.hasPrefix("job-") && name.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: path("\(results)/\(name)")),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                object["image_name"] as? String == "disk-\(run)"
            else { continue }
            return object["state"] as? String
        }
        return nil
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    /// Log lines of the running daemon holding every fragment.
    func logLines(_ fragments: String...) -> [String] {
        (daemon?.logLines ?? []).filter { line in fragments.allSatisfy { line.contains($0) } }
    }
}
