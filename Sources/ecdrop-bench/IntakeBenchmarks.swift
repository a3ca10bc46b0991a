import ECDropCore
import ECDropCrypto
import ECDropRuntime
import ECDropYAML
import Foundation
import Synchronization

/// Intake without HTTP: 64 signed-webhook-sized Packer manifests accepted at once by the real
/// pipeline into a fresh journal in a temporary folder, so they share group commits, with the
/// one-rule set the daemon benchmarks use. The rate is manifests journaled (with their job) per
/// second, each durable before `accept` returns.
enum IntakeBenchmarks {
    static let batch = 64

    static var all: [BenchmarkCase] { [acceptBatch] }

    static let acceptBatch = BenchmarkCase(
        name: "intake.accept_64", unit: "manifests journaled", unitsPerCall: batch
    ) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecdrop-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteJobStore(path: folder.appendingPathComponent("journal.sqlite").path)
        let rules = RuleSetStore()
        let document = try YAMLLoader.load(Data(rule.utf8), file: "bench.yaml")
        _ = rules.replace(with: try RuleSetParser.parse([RulesFile(name: "bench.yaml", document: document)]))
        let pipeline = ManifestPipeline(
            store: store, planner: RulesPlanner(store: rules), digests: OpenSSLDigests(),
            router: ReportRouter(results: nil, webhooks: [:]), time: SystemTimeSource(), logger: .disabled,
            defaultDeadline: 3600)
        let counter = Atomic<Int>(0)
        return {
            let first = counter.add(batch, ordering: .relaxed).oldValue
            return try blocking {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in first..<(first + batch) {
                        group.addTask {
                            let manifest = IncomingManifest(
                                source: .webhook, origin: "bench-\(index)", bytes: manifestBytes(index),
                                receivedAt: Date())
                            return try await pipeline.accept(manifest).jobIds.count
                        }
                    }
                    return try await group.reduce(0, +)
                }
            }
        }
    }

    static let rule = """
        rules:
          - name: bench
            match:
              all:
                - build.custom.channel: {equals: nightly}
                - artifact.name: {glob: "*.vhd"}
            regions: [cn-hangzhou]
            upload:
              OssObjectPath: "{{ build.custom.oss_object_path }}"
              ImageName: "bench-{{ build.run_id }}"
              Description: "Benchmark image"
              OsType: Windows
              GpuCategory: false
        """

    /// Brings each manifest to the 1 KiB the webhook benchmark posts.
    static let padding = String(repeating: "x", count: 520)

    static func manifestBytes(_ index: Int) -> Data {
        let run = String(format: "6f1c2d3e-0a1b-4c5d-8e9f-%012d", index)
        let text = """
            {"builds": [{"name": "win11-golden", "builder_type": "qemu", "build_time": 1767225600,
              "files": [{"name": "output/win11-golden.vhd", "size": 42949672960}],
              "artifact_id": "win11-golden", "packer_run_uuid": "\(run)",
              "custom_data": {"channel": "nightly", "team": "desktop-platform", "os_version": "Windows 11 23H2",
                "oss_object_path": "https://builds.oss-cn-hangzhou.aliyuncs.com/win11/\(run).vhd",
                "notes": "\(padding)"}}],
             "last_run_uuid": "\(run)"}
            """
        return Data(text.utf8)
    }

    /// Runs async work to completion from the benchmark's synchronous loop.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                let value = try await body()
                outcome.withLock { $0 = .success(value) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0! }.get()
    }
}
