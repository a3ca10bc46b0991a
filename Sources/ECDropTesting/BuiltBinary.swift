import ECDropCore
import Foundation

/// Finds executables built by this package, for integration tests that run the real binary.
///
/// `ECDROP_BINARY`, when set, names the `ecdrop` binary (and its folder is searched first for
/// the others). Otherwise the folder holding the running test bundle is the build folder
/// (`.build/<triple>/<config>/`), and its parents are tried after it.
public enum BuiltBinary {
    public static func path(_ name: String = "ecdrop") throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if name == "ecdrop", let override = environment["ECDROP_BINARY"], !override.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: override) else {
                throw BuiltBinaryError(name: name, searched: [override], fromEnvironment: true)
            }
            return override
        }
        let folders = searchFolders(environment: environment)
        for folder in folders {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        throw BuiltBinaryError(name: name, searched: folders, fromEnvironment: false)
    }

    /// The folder of `ECDROP_BINARY`, then the test executable's folder and up to three parents
    /// (on macOS the executable sits inside `<name>.xctest/Contents/MacOS/`).
    static func searchFolders(environment: [String: String]) -> [String] {
        var folders: [String] = []
        if let override = environment["ECDROP_BINARY"], !override.isEmpty {
            folders.append(URL(fileURLWithPath: override).deletingLastPathComponent().path)
        }
        let starts = [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments.first ?? "")]
        for start in starts.compactMap({ $0?.resolvingSymlinksInPath() }) {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<4 {
                if !folders.contains(folder.path) { folders.append(folder.path) }
                folder = folder.deletingLastPathComponent()
            }
        }
        return folders
    }
}

/// The built binary is not where the tests look for it.
public struct BuiltBinaryError: ECDropError {
    public var name: String
    public var searched: [String]
    public var fromEnvironment: Bool

    public var code: String { "testing.binary_not_found" }
    public var message: String {
        if fromEnvironment {
            return "ECDROP_BINARY names '\(searched.first ?? "")', which is not an executable file; "
                + "point it at a built ecdrop or unset it"
        }
        return "the built '\(name)' executable is not in \(searched.joined(separator: ", ")); "
            + "run 'swift build --build-tests' first, or set ECDROP_BINARY"
    }
    public var exitCode: ExitCode { .noInput }
}
