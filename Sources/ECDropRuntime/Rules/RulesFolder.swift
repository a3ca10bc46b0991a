import ECDropCore
import ECDropYAML
import Foundation

/// A rules folder read from disk: `*.yaml` and `*.yml` files in name order, every diagnostic of
/// every file, and the rule set when there is no error.
public struct RulesFolder: Sendable {
    public var path: String
    /// The files read, in load order.
    public var files: [String]
    /// Each file's text, for printing the offending line under a diagnostic.
    public var sources: [String: String]
    public var diagnostics: [Diagnostic]
    /// Nil when any file has an error: one bad file rejects the whole folder.
    public var ruleSet: RuleSet?

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Reads and checks every rules file in `path`. Throws only when the folder itself cannot be read.
    public static func read(_ path: String) throws(RulesFolderError) -> RulesFolder {
        let names = try ruleFileNames(in: path)
        var folder = RulesFolder(path: path, files: [], sources: [:], diagnostics: [], ruleSet: nil)
        var parsed: [RulesFile] = []
        for name in names {
            let file = (path as NSString).appendingPathComponent(name)
            folder.files.append(file)
            guard let data = FileManager.default.contents(atPath: file) else {
                folder.diagnostics.append(
                    Diagnostic(
                        .error, code: "rules.unreadable", "cannot read '\(file)'; check its permissions", at: nil))
                continue
            }
            folder.sources[file] = String(decoding: data, as: UTF8.self)
            do {
                parsed.append(RulesFile(name: file, document: try YAMLLoader.load(data, file: file)))
            } catch {
                folder.diagnostics.append(error.diagnostic)
            }
        }
        if names.isEmpty {
            folder.diagnostics.append(
                Diagnostic(
                    .warning, code: "rules.empty_folder",
                    "'\(path)' holds no *.yaml or *.yml rules files; nothing will match",
                    at: nil))
        }
        folder.finish(parsed)
        folder.sortDiagnostics()
        return folder
    }

    /// The rule set of the folder, or a `RuleSetError` listing every diagnostic.
    public static func load(_ path: String) throws -> RuleSet {
        let folder = try read(path)
        guard let ruleSet = folder.ruleSet else { throw RuleSetError(diagnostics: folder.diagnostics) }
        return ruleSet
    }

    /// Every diagnostic as a compiler prints it, with the source line and a caret.
    public func renderedDiagnostics() -> [String] {
        diagnostics.map { diagnostic in
            diagnostic.rendered(source: diagnostic.location.flatMap { sources[$0.file] })
        }
    }

    private mutating func finish(_ parsed: [RulesFile]) {
        do {
            let ruleSet = try RuleSetParser.parse(parsed)
            diagnostics += ruleSet.warnings
            if errors.isEmpty { self.ruleSet = ruleSet }
        } catch {
            diagnostics += error.diagnostics
        }
    }

    /// File by file in load order, then by line and column, so the output reads top to bottom.
    private mutating func sortDiagnostics() {
        let order = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($1, $0) })
        func key(_ diagnostic: Diagnostic) -> [Int] {
            guard let location = diagnostic.location else { return [-1, 0, 0] }
            return [order[location.file] ?? files.count, location.line, location.column]
        }
        let indexed = diagnostics.enumerated().sorted { lhs, rhs in
            let (a, b) = (key(lhs.element), key(rhs.element))
            return a == b ? lhs.offset < rhs.offset : a.lexicographicallyPrecedes(b)
        }
        diagnostics = indexed.map(\.element)
    }

    private static func ruleFileNames(in path: String) throws(RulesFolderError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RulesFolderError(path: path, reason: "it does not exist or is not a folder")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw RulesFolderError(path: path, reason: "it cannot be listed", cause: error)
        }
        return names.filter { name in
            !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
        }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}

/// The rules folder itself could not be read.
public struct RulesFolderError: ECDropError {
    public var path: String
    public var reason: String
    public var cause: (any Error)?

    public var code: String { "rules.folder_unreadable" }
    public var exitCode: ExitCode { .config }
    public var message: String {
        "cannot read the rules folder '\(path)': \(reason); set rules_dir in the configuration or pass the folder"
    }
}
