import ECDropCore
import Foundation

/// What the `images` commands share with the daemon: the configuration's ECD settings, the
/// credentials chain and the endpoint override.
enum ECDCommandSupport {
    static func region(_ command: ParsedCommand) throws -> String {
        guard let region = command.value("region"), !region.isEmpty else {
            throw UsageError(
                .missingValue, "--region is required, such as --region cn-hangzhou", command: command.spec.name)
        }
        do { try RegionId.validate(region) } catch {
            throw UsageError(
                .badValue, "--region '\(region)' is not a region id (like cn-hangzhou)", command: command.spec.name,
                suggestion: error.message.contains("did you mean") ? RegionId.suggestion(for: region) : nil)
        }
        return region
    }

    /// The ECD settings from `--config`, `$ECDROP_CONFIG` or the default file when one exists;
    /// the built-in defaults otherwise.
    static func settings(_ command: ParsedCommand, context: CommandContext) throws -> ECDSettings {
        let explicit = command.value("config") ?? context.environment["ECDROP_CONFIG"]
        guard explicit != nil || FileManager.default.fileExists(atPath: ConfigurationLoader.defaultPath) else {
            return ECDSettings()
        }
        let loaded = try ConfigurationLoader(environment: context.environment).load(file: explicit)
        return loaded.configuration.ecd
    }

    static func client(_ command: ParsedCommand, context: CommandContext) throws -> ECDClient {
        let settings = try settings(command, context: context)
        let chain = CredentialsChain.standard(
            settings: settings, environment: context.environment, time: context.time, logger: context.logger)
        return ECDClient(
            options: ECDClientOptions(settings: settings), credentials: chain, environment: context.environment,
            time: context.time, logger: context.logger)
    }

    static func statusName(_ status: ImageRecord.Status) -> String {
        switch status {
        case .creating: "Creating"
        case .available: "Available"
        case .createFailed: "CreateFailed"
        case .other(let text): text
        }
    }

    static func json(_ image: ImageRecord) -> [String: Any] {
        var object: [String: Any] = [
            "ImageId": image.imageId, "Name": image.name, "Status": statusName(image.status),
        ]
        if let progress = image.progress { object["Progress"] = progress }
        if let description = image.description { object["Description"] = description }
        if let osType = image.osType { object["OsType"] = osType }
        if let creationTime = image.creationTime { object["CreationTime"] = creationTime }
        return object
    }

    static func jsonText(_ value: Any) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func table(_ images: [ImageRecord]) -> String {
        let rows =
            [["IMAGE ID", "NAME", "STATUS", "PROGRESS", "CREATED"]]
            + images.map {
                [
                    $0.imageId, $0.name, statusName($0.status), $0.progress.map { "\($0)%" } ?? "-",
                    $0.creationTime ?? "-",
                ]
            }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
