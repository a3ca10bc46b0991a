public import ECDropCore
public import Foundation

/// Loads one YAML document into the core's neutral `YAMLNode` tree, with libyaml.
///
/// Refused with a positioned `YAMLError`: syntax errors, tabs used for indentation, duplicate
/// or non-scalar mapping keys, anchors, aliases and merge keys (which also rules out
/// alias-expansion bombs), custom tags, nesting deeper than `limits.maxDepth`, text that is not
/// UTF-8, inputs larger than `limits.maxBytes`, and several documents in one file.
public enum YAMLLoader {
    /// Parses `data`; `file` names it in locations. Returns nil when the input holds no document
    /// or only an empty one.
    public static func load(
        _ data: Data, file: String, limits: YAMLLimits = .default
    ) throws(YAMLError) -> YAMLNode? {
        guard data.count <= limits.maxBytes else {
            throw YAMLError(
                .tooLarge,
                "file is \(data.count) bytes, larger than the \(limits.maxBytes)-byte limit; "
                    + "split it into several files",
                at: SourceLocation(file: file, line: 1, column: 1))
        }
        do {
            let parser = try LibYAMLParser(data, file: file)
            var builder = YAMLTreeBuilder(file: file, maxDepth: limits.maxDepth)
            return try builder.build(from: parser)
        } catch {
            throw error.withSource(String(decoding: data, as: UTF8.self))
        }
    }

    /// Reads and parses the file at `path`, checking its size before reading it.
    public static func load(
        contentsOf path: String, limits: YAMLLimits = .default
    ) throws(YAMLError) -> YAMLNode? {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw unreadable(path, error)
        }
        guard size <= limits.maxBytes else {
            throw YAMLError(
                .tooLarge,
                "file is \(size) bytes, larger than the \(limits.maxBytes)-byte limit; split it into several files",
                at: start)
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw unreadable(path, error)
        }
        return try load(data, file: path, limits: limits)
    }

    private static func unreadable(_ path: String, _ error: any Error) -> YAMLError {
        YAMLError(
            .unreadable, "cannot read '\(path)': \(reason(error)); check the path and its permissions",
            at: nil, cause: error)
    }

    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if (error as NSError).code == NSFileReadNoSuchFileError { return "no such file" }
        return (error as NSError).localizedDescription
    }
}
