/// Reads one JSON object of a manifest, naming the field and file in every complaint.
struct ManifestFields {
    var fields: [String: JSONValue]
    /// Where this object sits, such as `builds[2]`; empty at the top.
    var path: String
    var origin: String

    init(_ value: JSONValue, path: String, origin: String) throws(IntakeError) {
        self.path = path
        self.origin = origin
        guard let fields = value.object else {
            self.fields = [:]
            throw invalid(path.isEmpty ? "the document" : path, "must be an object, not \(value.typeDescription)")
        }
        self.fields = fields
    }

    func has(_ key: String) -> Bool { fields[key] != nil }

    func string(_ key: String) throws(IntakeError) -> String {
        guard let value = try optionalString(key) else { throw invalid(name(key), "is missing") }
        return value
    }

    func optionalString(_ key: String) throws(IntakeError) -> String? {
        switch fields[key] {
        case nil, .null: return nil
        case .string(let text): return text
        case let other?: throw invalid(name(key), "must be a string, not \(other.typeDescription)")
        }
    }

    func optionalInteger(_ key: String) throws(IntakeError) -> Int64? {
        switch fields[key] {
        case nil, .null: return nil
        case .integer(let number): return number
        case .number(let number) where number.rounded() == number && abs(number) < 9e18:
            return Int64(number)
        case let other?: throw invalid(name(key), "must be a whole number, not \(other.typeDescription)")
        }
    }

    /// A list, or nil when the key is absent or null.
    func optionalList(_ key: String) throws(IntakeError) -> [JSONValue]? {
        switch fields[key] {
        case nil, .null: return nil
        case .array(let items): return items
        case let other?: throw invalid(name(key), "must be a list, not \(other.typeDescription)")
        }
    }

    /// A flat object of scalars, as text (`true`, `42`); nil when absent or null.
    func optionalTextMap(_ key: String) throws(IntakeError) -> [String: String]? {
        switch fields[key] {
        case nil, .null: return nil
        case .object(let members):
            var map: [String: String] = [:]
            for (member, value) in members {
                guard let text = value.text else {
                    throw invalid(
                        "\(name(key)).\(member)", "must be a string, number or boolean, not \(value.typeDescription)")
                }
                map[member] = text
            }
            return map
        case let other?: throw invalid(name(key), "must be an object, not \(other.typeDescription)")
        }
    }

    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func invalid(_ field: String, _ problem: String) -> IntakeError {
        IntakeError(.invalid, "manifest '\(origin)': \(field) \(problem); fix the build step that writes it")
    }
}
