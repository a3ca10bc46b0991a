import Foundation

extension Template {
    /// The text for one job. A field the context lacks is an error unless a `default` filter
    /// supplies a value: it never renders as an empty string.
    public func render(in context: MatchContext) throws(TemplateRenderError) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .literal(let literal): text += literal
            case .expression(let expression): text += try expression.render(in: context, template: self)
            }
        }
        return text
    }
}

extension TemplateExpression {
    func render(in context: MatchContext, template: Template) throws(TemplateRenderError) -> String {
        var value = context[path]
        for filter in filters {
            if case .defaultValue(let fallback) = filter {
                value = value ?? fallback
                continue
            }
            guard let present = value else { throw missing(template) }
            value = try filter.apply(to: present, field: path, template: template)
        }
        guard let value else { throw missing(template) }
        return value
    }

    private func missing(_ template: Template) -> TemplateRenderError {
        TemplateRenderError(
            code: "render.missing_field",
            message:
                "\(template.location): '\(path)' is not in this build's manifest, so '\(template.source)' "
                + "cannot be rendered; add it to the manifest or write '{{ \(path) | default: \"…\" }}'"
        )
    }
}

extension TemplateFilter {
    func apply(to value: String, field: String, template: Template) throws(TemplateRenderError) -> String {
        switch self {
        case .imageName: return ImageNameFilter.apply(value)
        case .lower: return value.lowercased()
        case .upper: return value.uppercased()
        case .replace(let target, let replacement):
            return target.isEmpty ? value : value.replacingOccurrences(of: target, with: replacement)
        case .truncate(let count): return String(value.prefix(count))
        case .defaultValue: return value
        case .date(let format):
            guard let date = Timestamp.date(from: value) else {
                throw TemplateRenderError(
                    code: "render.not_a_time",
                    message:
                        "\(template.location): '\(field)' is '\(value)', not Unix seconds or a date-time, "
                        + "so the date filter in '\(template.source)' cannot format it"
                )
            }
            return Strftime.format(date, format)
        }
    }
}
