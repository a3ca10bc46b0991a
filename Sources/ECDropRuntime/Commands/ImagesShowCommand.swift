import ECDropCore
import Foundation

/// `ecdrop images show`: Show one image.
public enum ImagesShowCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["images", "show"],
        summary: "Show one image.",
        arguments: [
            ArgumentSpec("ID", help: "The image id, m-…")
        ],
        options: [
            OptionSpec("region", value: "R", help: "Region id, such as cn-hangzhou."),
            OptionSpec(
                "config", short: "c", value: "FILE", help: "Configuration file (for the endpoint and timeouts)."),
            OptionSpec("json", help: "Print JSON."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        let region = try ECDCommandSupport.region(command)
        let id = command.arguments[0]
        let client = try ECDCommandSupport.client(command, context: context)
        let page = try await client.describeImages(DescribeImagesQuery(RegionId: region, ImageId: [id]))
        guard let image = page.images.first(where: { $0.imageId == id }) else {
            throw GeneralError(
                code: "images.not_found",
                message: "no image '\(id)' in region \(region); list them with 'ecdrop images list --region \(region)'",
                exitCode: .noInput)
        }
        if command.flag("json") {
            context.output.line(ECDCommandSupport.jsonText(ECDCommandSupport.json(image)))
            return .success
        }
        let fields: [(String, String?)] = [
            ("ImageId", image.imageId), ("Name", image.name), ("Status", ECDCommandSupport.statusName(image.status)),
            ("Progress", image.progress.map { "\($0)%" }), ("OsType", image.osType),
            ("Description", image.description), ("CreationTime", image.creationTime),
        ]
        for (key, value) in fields { context.output.line("\(key): \(value ?? "-")") }
        return .success
    }
}
