import ECDropCore
import ECDropHTTP
import Foundation

/// `ecdrop simulator`: Run a local ECD endpoint (a simulator, not Alibaba Cloud) for trials and tests.
public enum SimulatorCommand: CommandHandler {
    public static let spec = CommandSpec(
        ["simulator"],
        summary: "Run a local ECD endpoint (a simulator, not Alibaba Cloud) for trials and tests.",
        arguments: [],
        options: [
            OptionSpec("listen", value: "ADDR", help: "Address to listen on (default 127.0.0.1:9000)."),
            OptionSpec("access-key-id", value: "ID", help: "AccessKey id the simulator accepts."),
            OptionSpec("access-key-secret", value: "S", help: "AccessKey secret the simulator accepts."),
            OptionSpec("import-seconds", value: "N", help: "Seconds an import takes to become Available (default 30)."),
            OptionSpec("fault-rate", value: "P", help: "Chance (0 to 1) of a random transient fault per API request."),
            OptionSpec(
                "fault", value: "KIND[:COUNT][@ACTION]", repeatable: true,
                help: "Inject a fault: throttle, unavailable, internal, html, garbage, reset, reset_after, "
                    + "hang_before, hang_after."),
            OptionSpec("hang-seconds", value: "N", help: "How long hang faults wait before closing (default 30)."),
            OptionSpec("state", value: "FILE", help: "Keep images and upload counts in FILE across restarts."),
        ],
        discussion: """
            A stand-in for Alibaba Cloud ECD on this machine: it checks ACS3 signatures, x-acs-date skew and
            nonce reuse, validates UploadImage like the API, and imports images from Creating to Available.
            An OssObjectPath containing 'fail' ends CreateFailed. Tests read GET /_sim/uploads and plan faults
            with POST /_sim/faults. Nothing is sent to Alibaba Cloud.
            """)

    public static func run(_ command: ParsedCommand, context: CommandContext) async throws -> ExitCode {
        let settings = try settings(command)
        let faults = try command.values("fault").map { flag in
            guard let fault = SimulatorFault.parse(flag: flag) else {
                throw UsageError(
                    .badValue,
                    "--fault '\(flag)' is not KIND[:COUNT][@ACTION] with KIND one of "
                        + SimulatorFault.Kind.allCases.map(\.rawValue).joined(separator: ", "), command: spec.name)
            }
            return fault
        }
        let handler = try SimulatorHandler(
            settings: settings, faults: faults, statePath: command.value("state"), time: context.time,
            logger: context.logger)
        let server = HTTPServer(
            options: HTTPServerOptions(listen: command.value("listen") ?? "127.0.0.1:9000", connectionTimeout: 600),
            handler: handler, logger: context.logger)
        let signals = SignalEvents()
        try server.start()
        announce(server.address, settings: settings, output: context.output)
        context.logger.info("simulator started", ["http.address": .string(server.address)])
        for await signal in signals.stream {
            if case .stop = signal { break }
        }
        await server.stop(gracePeriod: 1)
        context.logger.info("simulator stopped", [:])
        return .success
    }

    static func settings(_ command: ParsedCommand) throws -> ECDSimulator.Settings {
        var settings = ECDSimulator.Settings()
        if let id = command.value("access-key-id") { settings.accessKeyId = id }
        if let secret = command.value("access-key-secret") { settings.accessKeySecret = Secret(secret) }
        if let text = command.value("import-seconds") {
            guard let value = Double(text), value >= 0 else {
                throw UsageError(
                    .badValue, "--import-seconds expects seconds (0 or more), not '\(text)'", command: spec.name)
            }
            settings.importSeconds = value
        }
        if let text = command.value("fault-rate") {
            guard let value = Double(text), (0...1).contains(value) else {
                throw UsageError(
                    .badValue, "--fault-rate expects a number from 0 to 1, not '\(text)'", command: spec.name)
            }
            settings.faultRate = value
        }
        if let text = command.value("hang-seconds") {
            guard let value = Double(text), value >= 0 else {
                throw UsageError(.badValue, "--hang-seconds expects seconds, not '\(text)'", command: spec.name)
            }
            settings.defaultHangSeconds = value
        }
        return settings
    }

    static func announce(_ address: String, settings: ECDSimulator.Settings, output: any TextOutput) {
        output.line(
            "ecdrop simulator: this is a SIMULATOR of Alibaba Cloud ECD (2020-09-30); nothing reaches Alibaba Cloud")
        output.line("listening on http://\(address)")
        output.line("accepted AccessKey id: \(settings.accessKeyId)")
        output.line("accepted AccessKey secret: \(settings.accessKeySecret.revealed)")
        output.line(
            "try: ECDROP_ECD_ENDPOINT=http://\(address) ALIBABA_CLOUD_ACCESS_KEY_ID=\(settings.accessKeyId) "
                + "ALIBABA_CLOUD_ACCESS_KEY_SECRET=\(settings.accessKeySecret.revealed) ecdrop images list --region cn-hangzhou"
        )
    }
}
