import ECDropCore
import Foundation

/// The real `ecdrop simulator` as a child process on a free port, for integration tests: its
/// endpoint, the environment a client needs to reach it, and its `/_sim/` counters.
public final class ECDSimulatorProcess: @unchecked Sendable {
    public let endpoint: String
    public let process: Process
    private let scratch: URL

    /// Starts the binary and waits (bounded) for the line that gives its address.
    public init(binary: String, arguments: [String] = [], startTimeout: TimeInterval = 30) throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ecdrop-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let out = scratch.appendingPathComponent("stdout")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["simulator", "--listen", "127.0.0.1:0"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(startTimeout)
        var found: String?
        while found == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            found = text.split(separator: "\n").first { $0.hasPrefix("listening on http://") }
                .map { String($0.dropFirst("listening on ".count)) }
            if found == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let found else {
            if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            throw GeneralError(code: "testing.simulator_start", message: "ecdrop simulator did not print its address")
        }
        endpoint = found
    }

    /// Starts it from a dedicated thread, so the wait for its address (and the process start)
    /// never holds one of Swift concurrency's few shared threads.
    public static func start(binary: String, arguments: [String] = []) async throws -> ECDSimulatorProcess {
        try await offCooperativePool { try ECDSimulatorProcess(binary: binary, arguments: arguments) }
    }

    deinit { stop() }

    /// What a client process needs: endpoint override and the simulator's default test key.
    public var clientEnvironment: [String: String] {
        [
            "ECDROP_ECD_ENDPOINT": endpoint, "ALIBABA_CLOUD_ACCESS_KEY_ID": ECDSimulator.defaultAccessKeyId,
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": ECDSimulator.defaultAccessKeySecret,
            "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED": "true",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
    }

    /// Ends the simulator (SIGTERM, by its own PID), once.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: scratch)
    }
}

/// Runs blocking work (processes, semaphores, sleeps) on a thread of its own and awaits it, so
/// async tests do not starve the cooperative thread pool (two threads on a two-core machine).
public func offCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
