import Foundation

/// The scalar keys of one `drop:` entry; `ignore` and `include` are lists, read by the decoder.
public struct DropFolderKey: Sendable {
    public typealias Apply = @Sendable (inout DropFolderSettings, ConfigValue) throws(ConfigValueError) -> Void

    public var name: String
    let apply: Apply

    init(_ name: String, _ apply: @escaping Apply) {
        self.name = name
        self.apply = apply
    }

    public static let listKeys = ["ignore", "include"]

    public static let all: [DropFolderKey] = [
        .init("path") { folder, value throws(ConfigValueError) in folder.path = try value.path() },
        .init("settle") { folder, value throws(ConfigValueError) in
            folder.settle = try value.duration(in: 0...3600)
        },
        .init("after") { folder, value throws(ConfigValueError) in
            folder.after = try value.choice(DropFolderSettings.After.self)
        },
        .init("incomplete_timeout") { folder, value throws(ConfigValueError) in
            folder.incompleteTimeout = try value.duration(in: 1...(7 * 86_400))
        },
    ]
}

/// The keys of one entry under `reporters:`.
public struct ReporterKey: Sendable {
    public typealias Apply = @Sendable (inout ReporterSettings, ConfigValue) throws(ConfigValueError) -> Void

    public var name: String
    let apply: Apply

    init(_ name: String, _ apply: @escaping Apply) {
        self.name = name
        self.apply = apply
    }

    public static let all: [ReporterKey] = [
        .init("url") { reporter, value throws(ConfigValueError) in reporter.url = try value.url() },
        .init("secret_file") { reporter, value throws(ConfigValueError) in
            reporter.secretFile = try value.optionalPath()
        },
        .init("retry_for") { reporter, value throws(ConfigValueError) in
            reporter.retryFor = try value.duration(in: 1...(30 * 86_400))
        },
    ]
}
