import ECDropCore
import Foundation

/// `ecdrop images list`: List custom images in a region, straight from the ECD API.
public enum ImagesListCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["images", "list"],
        summary: "List custom images in a region, straight from the ECD API.",
        arguments: [],
        options: [
            OptionSpec("region", value: "R", help: "Region id, such as cn-hangzhou."),
            OptionSpec("name", value: "N", help: "Only images with this exact name."),
            OptionSpec("status", value: "S", help: "Only images in this status: Creating, Available, CreateFailed."),
            OptionSpec(
                "config", short: "c", value: "FILE", help: "Configuration file (for the endpoint and timeouts)."),
            OptionSpec("json", help: "Print JSON."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        let region = try ECDCommandSupport.region(command)
        let status = try statusFilter(command)
        let client = try ECDCommandSupport.client(command, context: context)
        let name = command.value("name")
        let query = DescribeImagesQuery(RegionId: region, ImageName: name, ImageStatus: status, ImageType: "CUSTOM")
        // The service's name filter is not documented as exact: match the name here too.
        let images = try await client.describeAllImages(query).filter { name == nil || $0.name == name }
        if command.flag("json") {
            context.output.line(ECDCommandSupport.jsonText(images.map(ECDCommandSupport.json)))
        } else if images.isEmpty {
            context.output.line("no custom images in \(region)" + (name.map { " named '\($0)'" } ?? ""))
        } else {
            context.output.line(ECDCommandSupport.table(images))
        }
        return .success
    }

    static let statuses = ["Creating", "Available", "CreateFailed"]

    static func statusFilter(_ command: ParsedCommand) throws -> String? {
        guard let status = command.value("status") else { return nil }
        guard statuses.contains(status) else {
            throw UsageError(
                .badValue, "--status must be one of \(statuses.joined(separator: ", ")), not '\(status)'",
                command: spec.name, suggestion: Suggestion.closest(to: status, in: statuses))
        }
        return status
    }
}
