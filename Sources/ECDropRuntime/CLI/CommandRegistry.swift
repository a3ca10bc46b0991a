import ECDropCore

/// Every command `ecdrop` knows, in the order help lists them.
public enum CommandRegistry {
    public static let handlers: [any CommandHandler.Type] = [
        RunCommand.self,
        SubmitCommand.self,
        RulesCheckCommand.self,
        RulesTestCommand.self,
        JobsListCommand.self,
        JobsShowCommand.self,
        JobsRetryCommand.self,
        ImagesListCommand.self,
        ImagesShowCommand.self,
        ImagesDeleteCommand.self,
        SimulatorCommand.self,
    ]

    public static var specs: [CommandSpec] { handlers.map { $0.spec } }

    public static let globalOptions = [
        OptionSpec("log-format", value: "FORMAT", help: "Log line format on stderr: logfmt (default) or json."),
        OptionSpec("log-level", value: "LEVEL", help: "trace, debug, info (default), notice, warning, error."),
    ]

    static func handler(for path: [String]) -> (any CommandHandler.Type)? {
        handlers.first { $0.spec.path == path }
    }
}
