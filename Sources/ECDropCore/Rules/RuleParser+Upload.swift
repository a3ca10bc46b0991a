/// `action`, `regions` and `upload:`: the request templates, checked as far as they can be now.
extension RuleParser {
    mutating func parseAction(_ node: YAMLNode, name: String) -> Rule.Action? {
        let written = node["action"].flatMap { text($0, "'action'") } ?? "upload"
        switch written {
        case "report":
            for key in ["upload", "regions"] where node[key] != nil {
                error(
                    "rules.unexpected_key",
                    "rule '\(name)' only reports (action: report), so '\(key)' has no use; remove it",
                    at: node[key]?.location)
            }
            return .report
        case "upload":
            let regions = parseRegions(node, name: name)
            guard let uploadNode = node["upload"] else {
                error("rules.missing_key", "rule '\(name)' needs 'upload:' (or 'action: report')", at: node.location)
                return nil
            }
            guard let spec = parseUpload(uploadNode, ruleName: name), let regions else { return nil }
            return .upload(spec, regions: regions)
        default:
            error(
                "rules.bad_value", "'action' must be upload or report, not '\(written)'", at: node["action"]?.location,
                suggestion: Suggestion.closest(to: written, in: ["upload", "report"]))
            return nil
        }
    }

    private mutating func parseRegions(_ node: YAMLNode, name: String) -> [String]? {
        guard let value = node["regions"] else {
            error("rules.missing_key", "rule '\(name)' needs 'regions:', such as [cn-hangzhou]", at: node.location)
            return nil
        }
        guard let items = sequence(value, "'regions'") else { return nil }
        if items.isEmpty { error("rules.missing_key", "'regions' must list at least one region", at: value.location) }
        var regions: [String] = []
        for item in items {
            guard let region = text(item, "a region") else { continue }
            let issues = RegionId.issues(region)
            issues.forEach { report($0, at: item.location) }
            if regions.contains(region) {
                error("rules.duplicate_region", "region '\(region)' is listed twice", at: item.location)
            }
            if !issues.contains(where: \.isError) { regions.append(region) }
        }
        let failed = regions.count != items.count || items.isEmpty
        return failed ? nil : regions
    }

    private mutating func parseUpload(_ node: YAMLNode, ruleName: String) -> UploadSpec? {
        guard let pairs = mapping(node, "'upload'") else { return nil }
        var values: [UploadParameter: Template] = [:]
        var written: Set<UploadParameter> = []
        var failed = false
        for pair in pairs {
            guard let parameter = uploadParameter(pair.key) else {
                failed = true
                continue
            }
            written.insert(parameter)
            guard let template = parseUploadValue(parameter, pair.value) else {
                failed = true
                continue
            }
            values[parameter] = template
        }
        for parameter in UploadParameter.allCases where parameter.isRequired && !written.contains(parameter) {
            failed = true
            error(
                "rules.missing_parameter",
                "'upload' of rule '\(ruleName)' needs \(parameter.rawValue) (UploadImage requires it)",
                at: node.location)
        }
        guard !failed else { return nil }
        checkCombinations(values, ruleName: ruleName, at: node.location)
        return UploadSpec(values: values)
    }

    private mutating func uploadParameter(_ key: YAMLNode) -> UploadParameter? {
        let name = key.scalar ?? ""
        if let parameter = UploadParameter(rawValue: name) { return parameter }
        if name == "RegionId" {
            error(
                "rules.unknown_parameter", "RegionId comes from the rule's 'regions' list; remove it from 'upload'",
                at: key.location)
            return nil
        }
        let names = UploadParameter.allCases.map(\.rawValue)
        let suggestion = names.first { $0.lowercased() == name.lowercased() } ?? Suggestion.closest(to: name, in: names)
        error(
            "rules.unknown_parameter", "unknown UploadImage parameter '\(name)'", at: key.location,
            suggestion: suggestion)
        return nil
    }

    private mutating func parseUploadValue(_ parameter: UploadParameter, _ node: YAMLNode) -> Template? {
        guard let written = text(node, parameter.rawValue) else { return nil }
        switch TemplateParser(allowRegion: true).parse(written, at: node.location) {
        case .failure(let list):
            diagnostics += list.diagnostics
            return nil
        case .success(let template):
            guard let value = template.staticText else { return checkLiterals(parameter, template) }
            let issues = UploadConstraints.check(parameter, value)
            issues.forEach { report($0, at: node.location) }
            return issues.contains(where: \.isError) ? nil : template
        }
    }

    /// The literal text around a template's expressions lands in the value as written, so what
    /// it breaks can be told now: an ImageName starting with a digit or holding a space.
    private mutating func checkLiterals(_ parameter: UploadParameter, _ template: Template) -> Template? {
        guard parameter == .ImageName || parameter == .Description else { return template }
        var problems: [String] = []
        if case .literal(let head)? = template.parts.first {
            let lowered = head.lowercased()
            if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
                problems.append("\(parameter) must not start with http:// or https://")
            }
            if parameter == .ImageName, let first = head.first, !ImageNameFilter.isLetter(first) {
                problems.append("ImageName must start with a letter, and '\(template.source)' starts with '\(first)'")
            }
        }
        let literals = template.parts.compactMap { part -> String? in
            if case .literal(let text) = part { return text }
            return nil
        }.joined()
        let bad = Set(literals.filter { !ImageNameFilter.isAllowed($0) }).sorted()
        if parameter == .ImageName, !bad.isEmpty {
            let shown = bad.map { "'\($0)'" }.joined(separator: " ")
            problems.append("ImageName may hold only letters, digits, ':', '_' and '-', and its text has \(shown)")
        }
        let code = parameter == .ImageName ? "upload.image_name" : "upload.description"
        for problem in problems { error(code, problem, at: template.location) }
        return problems.isEmpty ? template : nil
    }

    /// Warnings about parameters that make sense alone but not together.
    private mutating func checkCombinations(
        _ values: [UploadParameter: Template], ruleName: String, at location: SourceLocation
    ) {
        if values[.GpuDriverType] != nil, values[.GpuCategory]?.staticText?.lowercased() == "false" {
            warn(
                "upload.gpu_driver_without_gpu", "GpuDriverType is set but GpuCategory is false; set GpuCategory: true",
                at: values[.GpuCategory]?.location)
        }
        let license = values[.LicenseType]
        guard license?.isStatic ?? true, license?.staticText != "BYOL" else { return }
        let names = [values[.ImageName]?.source, values[.Description]?.source, ruleName].compactMap { $0 }
        if names.contains(where: WindowsTen.isMentioned) {
            warn(
                "upload.windows10_license",
                "rule '\(ruleName)' looks like it publishes Windows 10, which Alibaba Cloud cannot activate; "
                    + "set LicenseType: BYOL",
                at: license?.location ?? location)
        }
    }
}
