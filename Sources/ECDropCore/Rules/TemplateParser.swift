import Foundation

/// Reads `{{ path | filter: arg }}` templates and checks their fields and filters, so a mistake
/// shows when the rules load, not when a build arrives.
public struct TemplateParser {
    /// Whether `{{ region }}` may be used (upload values only).
    public var allowRegion: Bool

    public init(allowRegion: Bool) {
        self.allowRegion = allowRegion
    }

    /// The template, or the diagnostics that explain why the text is not one.
    public func parse(_ text: String, at location: SourceLocation) -> Result<Template, DiagnosticList> {
        var parts: [Template.Part] = []
        var problems: [Diagnostic] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                problems.append(
                    Diagnostic(
                        .error, code: "rules.bad_template", "'{{' in '\(text)' is not closed with '}}'", at: location))
                break
            }
            switch parseExpression(rest[open.upperBound..<close.lowerBound], in: text, at: location) {
            case .success(let expression): parts.append(.expression(expression))
            case .failure(let list): problems += list.diagnostics
            }
            rest = rest[close.upperBound...]
        }
        if problems.isEmpty, !rest.isEmpty, !rest.contains("{{") { parts.append(.literal(String(rest))) }
        if !problems.isEmpty { return .failure(DiagnosticList(problems)) }
        return .success(Template(parts: parts, source: text, location: location))
    }

    private func parseExpression(
        _ body: Substring, in text: String, at location: SourceLocation
    )
        -> Result<TemplateExpression, DiagnosticList>
    {
        let pieces = TemplateLexer.split(body, on: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        let path = pieces[0]
        guard TemplateLexer.isPath(path) else {
            let message = "'{{\(body)}}' in '\(text)' must start with a field such as build.name"
            return .failure(DiagnosticList([Diagnostic(.error, code: "rules.bad_template", message, at: location)]))
        }
        var problems: [Diagnostic] = []
        if !ContextField.isKnown(path, allowRegion: allowRegion) {
            problems.append(unknownField(path, in: text, at: location))
        }
        var filters: [TemplateFilter] = []
        for piece in pieces.dropFirst() {
            switch TemplateFilterParser.parse(piece, in: text, at: location) {
            case .success(let filter): filters.append(filter)
            case .failure(let list): problems += list.diagnostics
            }
        }
        if !problems.isEmpty { return .failure(DiagnosticList(problems)) }
        return .success(TemplateExpression(path: path, filters: filters))
    }

    private func unknownField(_ path: String, in text: String, at location: SourceLocation) -> Diagnostic {
        let why =
            path == ContextField.region
            ? "'region' is only known inside upload values"
            : "unknown field '\(path)' in template '\(text)'"
        return Diagnostic(
            .error, code: "rules.unknown_field", why, at: location,
            suggestion: ContextField.suggestion(for: path, allowRegion: allowRegion))
    }
}

/// Several diagnostics as one failure value.
public struct DiagnosticList: Error, Sendable, Hashable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}
