import Foundation

/// The repository checkout the tests were compiled from, for tests that read or run files in it
/// (scripts, packaging, examples).
public enum SourceTree {
    /// The nearest folder above `file` that holds Package.swift.
    public static func root(from file: StaticString = #filePath) -> String {
        var folder = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder.path
            }
            folder = folder.deletingLastPathComponent()
        }
        preconditionFailure("no Package.swift above \(file); the tests must be built from a checkout")
    }

    /// A path inside the checkout.
    public static func path(_ relative: String, from file: StaticString = #filePath) -> String {
        URL(fileURLWithPath: root(from: file)).appendingPathComponent(relative).path
    }
}
