import Foundation

// `drop:` (a list of folders) and `reporters:` (named webhook reporters).
extension ConfigurationDecoder {
    mutating func decodeDrop(_ node: YAMLNode, into config: inout Configuration) {
        if node.isNull {
            config.drop = []
            return
        }
        guard let items = node.sequence else {
            report(
                "config.wrong_type",
                "'drop' must be a list of folders (each '- path: …'), not \(node.typeDescription)",
                at: node.location)
            return
        }
        config.drop = items.enumerated().compactMap { index, item in decodeDropFolder(item, index: index) }
    }

    mutating func decodeDropFolder(_ node: YAMLNode, index: Int) -> DropFolderSettings? {
        guard let pairs = node.mapping else {
            report(
                "config.wrong_type", "each 'drop' entry must be a mapping with 'path:', not \(node.typeDescription)",
                at: node.location)
            return nil
        }
        var folder = DropFolderSettings(path: "")
        let known = DropFolderKey.all.map(\.name) + DropFolderKey.listKeys
        for (key, value) in pairs {
            guard let name = checkedKey(key, known: known, section: "drop") else { continue }
            let path = "drop[\(index)].\(name)"
            locations[path] = key.location
            if DropFolderKey.listKeys.contains(name) {
                let list = stringList(value, path: path)
                if name == "ignore" { folder.ignore = list } else { folder.include = list }
                continue
            }
            guard let text = scalarValue(value, path: path) else { continue }
            do {
                try DropFolderKey.all.first { $0.name == name }!.apply(&folder, text)
            } catch {
                report(error.code, "'\(path)' \(error.message)", at: value.location, suggestion: error.suggestion)
            }
        }
        guard !folder.path.isEmpty else {
            report(
                "config.missing_key", "drop folder \(index + 1) needs 'path:' (the folder to watch)",
                at: node.location)
            return nil
        }
        return folder
    }

    mutating func decodeReporters(_ node: YAMLNode, into config: inout Configuration) {
        if node.isNull { return }
        guard let pairs = node.mapping else {
            report(
                "config.wrong_type",
                "'reporters' must map names to settings (ops: {url: …}), not \(node.typeDescription)",
                at: node.location)
            return
        }
        for (key, value) in pairs {
            guard let name = key.scalar, !name.isEmpty else {
                report("config.wrong_type", "reporter names must be plain names", at: key.location)
                continue
            }
            guard name != "results" else {
                report(
                    "config.reserved_name",
                    "'results' is the built-in results folder reporter; "
                        + "choose another name for this webhook reporter", at: key.location)
                continue
            }
            locations["reporters.\(name)"] = key.location
            if let reporter = decodeReporter(name, value) { config.reporters[name] = reporter }
        }
    }

    mutating func decodeReporter(_ name: String, _ node: YAMLNode) -> ReporterSettings? {
        guard let pairs = node.mapping else {
            report(
                "config.wrong_type", "reporter '\(name)' must be a mapping with 'url:', not \(node.typeDescription)",
                at: node.location)
            return nil
        }
        var reporter = ReporterSettings(url: "")
        for (key, value) in pairs {
            guard let keyName = checkedKey(key, known: ReporterKey.all.map(\.name), section: "reporters.\(name)")
            else { continue }
            let path = "reporters.\(name).\(keyName)"
            locations[path] = key.location
            guard let text = scalarValue(value, path: path) else { continue }
            do {
                try ReporterKey.all.first { $0.name == keyName }!.apply(&reporter, text)
            } catch {
                report(error.code, "'\(path)' \(error.message)", at: value.location, suggestion: error.suggestion)
            }
        }
        guard !reporter.url.isEmpty else {
            report("config.missing_key", "reporter '\(name)' needs 'url:' (where to POST reports)", at: node.location)
            return nil
        }
        return reporter
    }
}
