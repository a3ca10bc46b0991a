import Foundation

/// Looks for secret values in everything the agent leaves behind: log text, result files, error
/// documents, journal rows. A secret counts as leaked if its exact text appears anywhere.
struct SecretScanner: Sendable {
    struct Leak: Sendable, Equatable, CustomStringConvertible {
        var secretName: String
        var place: String
        var line: Int

        var description: String { "\(secretName) appears in \(place) at line \(line)" }
    }

    /// Name (for the report) and value of every secret to look for; values shorter than 6
    /// characters are refused because they would match by chance.
    let secrets: [(name: String, value: String)]

    init(secrets: [(name: String, value: String)]) {
        precondition(secrets.allSatisfy { $0.value.count >= 6 }, "secrets to scan for must be 6+ characters")
        self.secrets = secrets
    }

    func scan(text: String, place: String) -> [Leak] {
        var leaks: [Leak] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for secret in secrets where line.contains(secret.value) {
                leaks.append(Leak(secretName: secret.name, place: place, line: index + 1))
            }
        }
        return leaks
    }

    /// Every regular file under `directory`, read as bytes so binary files (the journal) count too.
    func scan(directory: URL) -> [Leak] {
        guard
            let walker = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var leaks: [Leak] = []
        for case let file as URL in walker {
            let isFile = (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) ?? false
            guard isFile, let data = try? Data(contentsOf: file) else { continue }
            leaks += scan(text: String(decoding: data, as: UTF8.self), place: file.path)
        }
        return leaks
    }
}
