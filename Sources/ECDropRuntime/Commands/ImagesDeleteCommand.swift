import ECDropCore
import Foundation

/// `ecdrop images delete`: Delete custom images.
public enum ImagesDeleteCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["images", "delete"],
        summary: "Delete custom images.",
        arguments: [
            ArgumentSpec("ID", variadic: true, help: "One or more image ids.")
        ],
        options: [
            OptionSpec("region", value: "R", help: "Region id, such as cn-hangzhou."),
            OptionSpec(
                "config", short: "c", value: "FILE", help: "Configuration file (for the endpoint and timeouts)."),
        ])

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        let region = try ECDCommandSupport.region(command)
        let ids = command.arguments
        if let bad = ids.first(where: { !$0.hasPrefix("m-") || $0.count < 3 || $0.contains(where: \.isWhitespace) }) {
            throw UsageError(.badValue, "'\(bad)' is not an image id (they look like m-abc123)", command: spec.name)
        }
        let client = try ECDCommandSupport.client(command, context: context)
        var start = 0
        while start < ids.count {
            // DeleteImages takes at most 100 ids a call.
            let batch = Array(ids[start..<min(start + 100, ids.count)])
            let requestId = try await client.deleteImages(regionId: region, imageIds: batch)
            context.logger.info(
                "images deleted", ["api.request_id": .string(requestId), "images.count": .int(batch.count)])
            for id in batch { context.output.line("deleted \(id)") }
            start += 100
        }
        return .success
    }
}
