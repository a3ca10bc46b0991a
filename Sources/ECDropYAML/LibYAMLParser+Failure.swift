internal import CYAML
import ECDropCore
import Foundation

extension LibYAMLParser {
    /// Turns the error libyaml recorded into a positioned `YAMLError`.
    func failure() -> YAMLError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
        switch state.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(.library, "libyaml ran out of memory while parsing; simplify the file", at: nil)
        case YAML_READER_ERROR:
            return readerFailure(problem, offset: Int(state.problem_offset), value: Int(state.problem_value))
        default:
            let context = state.context.map { String(cString: $0) }
            return syntaxFailure(problem, at: state.problem_mark, context: context, contextMark: state.context_mark)
        }
    }

    private func readerFailure(_ problem: String, offset: Int, value: Int) -> YAMLError {
        let location = location(ofByte: offset)
        if problem.contains("UTF") || problem.contains("Unicode") {
            let byte = String(format: "0x%02X", value)
            return YAMLError(
                .invalidUTF8,
                "the file is not valid UTF-8: \(problem) (\(byte)) at byte offset \(offset), line \(location.line); "
                    + "save the file as UTF-8",
                at: location)
        }
        let character = String(format: "U+%04X", value)
        return YAMLError(
            .invalidCharacter,
            "\(problem): \(character) at byte offset \(offset); remove it, "
                + "or write it as an escape inside a double-quoted string",
            at: location)
    }

    private func syntaxFailure(
        _ problem: String, at mark: yaml_mark_t, context: String?, contextMark: yaml_mark_t
    ) -> YAMLError {
        let line = Int(mark.line) + 1
        if let tabColumn = indentationTabColumn(line: line) {
            return YAMLError(
                .tabIndentation, "a tab is used for indentation; YAML indents with spaces only",
                at: SourceLocation(file: file, line: line, column: tabColumn))
        }
        var message = "invalid YAML: \(problem)"
        if let context {
            message += " (\(context) at line \(contextMark.line + 1), column \(contextMark.column + 1))"
        }
        message += "; check the indentation, quotes and brackets here"
        return YAMLError(
            .syntax, message, at: SourceLocation(file: file, line: line, column: Int(mark.column) + 1))
    }

    /// The 1-based column of a tab in the line's leading whitespace, if there is one.
    private func indentationTabColumn(line: Int) -> Int? {
        guard let bytes = lineBytes(line) else { return nil }
        for (index, byte) in bytes.enumerated() {
            if byte == 0x09 { return index + 1 }
            if byte != 0x20 { return nil }
        }
        return nil
    }

    /// The bytes of a 1-based line, without its line break.
    private func lineBytes(_ line: Int) -> Slice<UnsafeBufferPointer<UInt8>>? {
        let bytes = UnsafeBufferPointer(rebasing: input[0..<inputCount])
        var current = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if current == line { return bytes[start..<index] }
            current += 1
            start = index + 1
        }
        return current == line ? bytes[start...] : nil
    }

    /// Line and column of a byte offset; the column counts characters, as libyaml does.
    func location(ofByte offset: Int) -> SourceLocation {
        let bytes = UnsafeBufferPointer(rebasing: input[0..<min(max(0, offset), inputCount)])
        var line = 1
        var lineStart = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart...], as: UTF8.self).unicodeScalars.count + 1
        return SourceLocation(file: file, line: line, column: column)
    }
}
