import ECDropTesting
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The real `ecdrop` binary running in the background, its stderr in a file the test reads.
/// Ended by its own PID when the test lets go of it.
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let logPath: String
    private let exited = DispatchSemaphore(value: 0)

    init(
        _ arguments: [String], environment: [String: String], folder: TemporaryFolder, logName: String = "daemon.log"
    ) throws {
        logPath = folder.path(logName)
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: try BuiltBinary.path())
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = folder.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        try? log.close()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 10)
        }
    }

    var pid: Int32 { process.processIdentifier }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits (bounded) until the log holds a line containing every one of `fragments`.
    @discardableResult
    func waitForLog(_ fragments: String..., seconds: Double = 30) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if logLines.contains(where: { line in fragments.allSatisfy { line.contains($0) } }) { return true }
            if !process.isRunning { break }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        return logLines.contains { line in fragments.allSatisfy { line.contains($0) } }
    }

    /// How many log lines contain every one of `fragments`.
    func count(_ fragments: String...) -> Int {
        logLines.filter { line in fragments.allSatisfy { line.contains($0) } }.count
    }

    var logLines: [String] { log.split(separator: "\n").map(String.init) }

    /// Waits (bounded) for the exit and returns the status, or nil when it is still running.
    func waitForExit(seconds: Double = 30) async -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, process.isRunning {
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        guard !process.isRunning else { return nil }
        _ = exited.wait(timeout: .now() + 5)
        return process.terminationStatus
    }
}
