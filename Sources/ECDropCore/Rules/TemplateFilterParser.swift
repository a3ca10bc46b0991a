import Foundation

/// One `name: arg, arg` piece of a template expression.
enum TemplateFilterParser {
    static func parse(
        _ piece: String, in text: String, at location: SourceLocation
    )
        -> Result<TemplateFilter, DiagnosticList>
    {
        let colon = TemplateLexer.firstUnquoted(":", in: piece)
        let name = String(piece[..<(colon ?? piece.endIndex)]).trimmingCharacters(in: .whitespaces)
        let arguments = colon.map { TemplateLexer.arguments(piece[piece.index(after: $0)...]) } ?? []
        guard let arguments else {
            return .failure(bad("the arguments of '\(name)' in '\(text)' have an unclosed quote", location))
        }

        func expect(_ count: Int, _ usage: String) -> DiagnosticList? {
            arguments.count == count ? nil : bad("filter '\(name)' takes \(usage), in '\(text)'", location)
        }
        switch name {
        case "image_name", "lower", "upper":
            if let problem = expect(0, "no argument") { return .failure(problem) }
            return .success(name == "image_name" ? .imageName : name == "lower" ? .lower : .upper)
        case "date":
            if let problem = expect(1, "a strftime format, such as date: '%Y%m%d'") { return .failure(problem) }
            if let unknown = Strftime.unknownDirective(in: arguments[0]) {
                return .failure(bad("unknown strftime directive '\(unknown)' in '\(text)'", location))
            }
            return .success(.date(arguments[0]))
        case "replace":
            if let problem = expect(2, "two arguments, such as replace: '.', '-'") { return .failure(problem) }
            return .success(.replace(arguments[0], with: arguments[1]))
        case "truncate":
            guard arguments.count == 1, let count = Int(arguments[0]), count >= 1 else {
                return .failure(
                    bad("filter 'truncate' takes a whole number of characters, 1 or more, in '\(text)'", location))
            }
            return .success(.truncate(count))
        case "default":
            if let problem = expect(1, "the value to use when the field is missing") { return .failure(problem) }
            return .success(.defaultValue(arguments[0]))
        default:
            let unknown = Diagnostic(
                .error, code: "rules.unknown_filter", "unknown filter '\(name)' in template '\(text)'", at: location,
                suggestion: Suggestion.closest(to: name, in: TemplateFilter.names))
            return .failure(DiagnosticList([unknown]))
        }
    }

    private static func bad(_ message: String, _ location: SourceLocation) -> DiagnosticList {
        DiagnosticList([Diagnostic(.error, code: "rules.bad_filter_argument", message, at: location)])
    }
}

/// Splitting template text on separators outside quotes.
enum TemplateLexer {
    static func split(_ text: Substring, on separator: Character) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == separator {
                pieces.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        pieces.append(current)
        return pieces
    }

    static func firstUnquoted(_ target: Character, in text: String) -> String.Index? {
        var quote: Character?
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == target {
                return index
            }
        }
        return nil
    }

    /// Comma-separated arguments, quoted or bare; nil when a quote is not closed.
    static func arguments(_ text: Substring) -> [String]? {
        var values: [String] = []
        for raw in split(text, on: ",") {
            let piece = raw.trimmingCharacters(in: .whitespaces)
            guard let first = piece.first, first == "'" || first == "\"" else {
                values.append(piece)
                continue
            }
            guard piece.count >= 2, piece.last == first else { return nil }
            values.append(String(piece.dropFirst().dropLast()))
        }
        return values
    }

    static func isPath(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }
    }
}
