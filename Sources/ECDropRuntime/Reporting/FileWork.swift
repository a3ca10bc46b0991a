import Foundation

/// Blocking file writes (each one a few flushes) on a thread of their own. Swift concurrency has
/// as many threads as cores; an fsync on one of them stalls intake and uploads meanwhile.
enum FileWork {
    private static let queue = DispatchQueue(label: "ecdrop.files")

    /// Runs `work` on the file thread, in the order calls arrive, and returns what it returns.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
