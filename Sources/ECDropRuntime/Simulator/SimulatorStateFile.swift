import ECDropCore
import Foundation

/// The simulator's `--state FILE`: JSON, replaced atomically on every change.
struct SimulatorStateFile: Sendable {
    let path: String

    init(_ path: String) { self.path = path }

    /// Nil when the file does not exist yet.
    func load() throws -> SimulatorSnapshot? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(SimulatorSnapshot.self, from: data)
        } catch {
            throw GeneralError(
                code: "simulator.bad_state",
                message: "the simulator state file '\(path)' cannot be read (\(error.localizedDescription)); "
                    + "delete it to start empty", cause: error, exitCode: .dataError)
        }
    }

    func save(_ snapshot: SimulatorSnapshot) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(snapshot).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
