import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A folder with a configuration, two rules over two regions, a Packer manifest, and the real
/// simulator: what `ecdrop submit` needs to run for real on loopback.
final class SubmitScenario: @unchecked Sendable {
    let folder: TemporaryFolder
    let binary: String
    let simulator: ECDSimulatorProcess

    init(importSeconds: Int = 1, deadline: String = "10m", requestTimeout: String = "30s") throws {
        folder = try TemporaryFolder("submit")
        binary = try BuiltBinary.path()
        simulator = try ECDSimulatorProcess(binary: binary, arguments: ["--import-seconds", String(importSeconds)])
        try FileManager.default.createDirectory(atPath: folder.path("rules"), withIntermediateDirectories: true)
        try write("ecdrop.yaml", Self.configuration(requestTimeout: requestTimeout))
        try write("rules/publish.yaml", Self.rules(deadline: deadline))
        try write("manifest.json", Self.manifest)
    }

    deinit { simulator.stop() }

    var journal: String { folder.path("state/journal.sqlite") }
    var results: String { folder.path("results") }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder.path(name)))
    }

    var arguments: [String] { ["submit", folder.path("manifest.json"), "--config", folder.path("ecdrop.yaml")] }

    /// `ecdrop submit MANIFEST --wait` to its end.
    func submit(extra: [String] = ["--wait"], timeout: TimeInterval = 120) throws -> ProcessRunner.Result {
        try ProcessRunner.run(binary, arguments + extra, environment: simulator.clientEnvironment, timeout: timeout)
    }

    /// Starts `ecdrop submit --wait` and returns the running process, for tests that kill it.
    func start() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments + ["--wait"]
        process.environment = simulator.clientEnvironment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: folder.path("first.stderr"), contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.path("first.stderr")))
        try process.run()
        return process
    }

    /// Uploads the simulator counted, per ImageName.
    func uploads() async throws -> [String: Int] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: simulator.endpoint + "/_sim/uploads")!)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (object?["uploads"] as? [String: Int]) ?? [:]
    }

    func fault(_ json: String) async throws {
        var request = URLRequest(url: URL(string: simulator.endpoint + "/_sim/faults")!)
        request.httpMethod = "POST"
        request.httpBody = Data(json.utf8)
        _ = try await URLSession.shared.data(for: request)
    }

    /// The last lines the process from `start()` wrote to stderr, for failure messages.
    var firstProcessErrors: String {
        let text = (try? String(contentsOfFile: folder.path("first.stderr"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(5).joined(separator: "\n")
    }

    func clearFaults() async throws {
        var request = URLRequest(url: URL(string: simulator.endpoint + "/_sim/faults")!)
        request.httpMethod = "DELETE"
        _ = try await URLSession.shared.data(for: request)
    }

    func jobs() async throws -> [Job] {
        guard FileManager.default.fileExists(atPath: journal) else { return [] }
        let store = try SQLiteJobStore(path: journal)
        defer { Task { await store.close() } }
        return try await store.jobs(JobFilter())
    }

    /// Polls the journal (bounded) until `condition` holds for its jobs; nil when it did, else
    /// the states last seen (or the last error), for the failure message.
    func waitFor(seconds: TimeInterval = 90, _ condition: ([Job]) -> Bool) async throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        var lastSeen = "nothing read"
        while Date() < deadline {
            do {
                let jobs = try await jobs()
                if condition(jobs) { return nil }
                lastSeen = jobs.map(\.state.rawValue).sorted().joined(separator: ",")
            } catch {
                lastSeen = "\(error)"
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        return lastSeen
    }

    static let imageNames = ["alpha-win11-golden", "beta-win11-golden"]

    static func configuration(requestTimeout: String) -> String {
        """
        state_dir: state
        rules_dir: rules
        ecd:
          request_timeout: \(requestTimeout)
          max_attempts: 3
        webhook:
          listen: null
        results:
          folder: results
        pipeline:
          poll_interval: 1s
          max_poll_interval: 1s

        """
    }

    static func rules(deadline: String) -> String {
        ["alpha", "beta"].map { name in
            """
              - name: \(name)
                match:
                  all:
                    - build.custom.channel: {equals: golden}
                regions: [cn-hangzhou, cn-shanghai]
                upload:
                  OssObjectPath: "https://images.oss-{{ region }}.aliyuncs.com/{{ build.custom.oss_key }}"
                  ImageName: "\(name)-{{ build.name | image_name }}"
                  OsType: Windows
                  GpuCategory: false
                follow: {deadline: \(deadline)}
                report: [results]
            """
        }.reduce("rules:\n") { $0 + $1 + "\n" }
    }

    static let manifest = """
        {
          "builds": [
            {
              "name": "win11-golden",
              "builder_type": "file",
              "build_time": 1796315686,
              "files": [{"name": "win11-golden.vhd", "size": 45}],
              "artifact_id": "File",
              "packer_run_uuid": "1b6c8f7e-0000-4000-8000-00000000c0de",
              "custom_data": {"channel": "golden", "oss_key": "images/win11-golden.vhd"}
            }
          ],
          "last_run_uuid": "1b6c8f7e-0000-4000-8000-00000000c0de"
        }

        """
}
