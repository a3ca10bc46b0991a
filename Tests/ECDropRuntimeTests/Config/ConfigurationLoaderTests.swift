import ECDropCore
import Foundation
import Testing

@testable import ECDropRuntime

@Suite("Configuration loader: defaults, file, environment, flags")
struct ConfigurationLoaderTests {
    /// A loader over `folder`, with a webhook secret in the environment unless told otherwise.
    func loader(
        _ folder: ConfigTestFolder, _ environment: [String: String] = ["ECDROP_WEBHOOK_SECRET": "s"]
    )
        -> ConfigurationLoader
    {
        ConfigurationLoader(environment: environment, workingDirectory: folder.path)
    }

    func load(
        _ yaml: String, environment: [String: String] = ["ECDROP_WEBHOOK_SECRET": "s"]
    ) throws
        -> LoadedConfiguration
    {
        let folder = try ConfigTestFolder()
        try folder.write("ecdrop.yaml", yaml)
        return try loader(folder, environment).load(file: "ecdrop.yaml")
    }

    func diagnostics(
        _ yaml: String, environment: [String: String] = ["ECDROP_WEBHOOK_SECRET": "s"]
    ) throws
        -> [Diagnostic]
    {
        do {
            _ = try load(yaml, environment: environment)
            Issue.record("expected the configuration to be refused")
            return []
        } catch {
            return (error as? ConfigurationError)?.errors ?? []
        }
    }

    @Test("the documented example loads with every key read")
    func documentedExampleLoads() throws {
        let path = ConfigTestFolder.repositoryRoot + "/docs/ecdrop.example.yaml"
        let environment = ["ECDROP_WEBHOOK_SECRET": "w", "ECDROP_REPORTER_OPS_SECRET": "o"]
        let loaded = try ConfigurationLoader(environment: environment, workingDirectory: "/").load(file: path)
        let config = loaded.configuration
        #expect(config.stateDir == "/var/lib/ecdrop")
        #expect(config.ecd.endpoint == "http://127.0.0.1:9000")
        #expect(config.ecd.concurrency == 4)
        #expect(config.drop == [DropFolderSettings(path: "/srv/ecdrop/drop")])
        #expect(config.webhook.maxBodyBytes == 1 << 20)
        #expect(config.webhook.replayWindow == 300)
        #expect(config.reporters["ops"]?.url == "https://hooks.example.com/ecdrop")
        #expect(config.reporters["ops"]?.retryFor == 21_600.0)
        #expect(config.pipeline.maxPollInterval == 120)
        #expect(loaded.secrets.webhook == [Secret("w")])
        #expect(loaded.secrets.reporters["ops"] == Secret("o"))
        // Apart from endpoint, drop and reporters, the example states the defaults.
        var expected = Configuration()
        expected.ecd.endpoint = config.ecd.endpoint
        expected.drop = config.drop
        expected.reporters = config.reporters
        expected.webhook.secretFile = "/etc/ecdrop/webhook.secret"
        #expect(config == expected)
    }

    @Test("an unknown key is reported at its place with the closest spelling")
    func unknownKeySuggestsSpelling() throws {
        let folder = try ConfigTestFolder()
        try folder.write("ecdrop.yaml", "state_dir: /tmp/x\necd:\n  concurency: 4\n")
        #expect {
            try loader(folder).load(file: "ecdrop.yaml")
        } throws: { error in
            let error = error as! ConfigurationError
            let text = error.description
            return error.code == "config.unknown_key" && error.exitCode == .config
                && text.hasPrefix(
                    "ecdrop.yaml:3:3: error: unknown key 'concurency' in 'ecd'; did you mean 'concurrency'?")
                && text.contains("\n      concurency: 4\n      ^")
        }
    }

    @Test(
        "bad values are refused at the value's place",
        arguments: [
            ("ecd:\n  concurrency: many\n", "config.wrong_type", 2, 16),
            ("ecd:\n  concurrency: 0\n", "config.out_of_range", 2, 16),
            ("ecd:\n  concurrency: \"4\"\n", "config.wrong_type", 2, 16),
            ("ecd:\n  endpoint: ftp://x\n", "config.bad_url", 2, 13),
            ("drop:\n  - path: /d\n    settle: soon\n", "config.bad_duration", 3, 13),
            ("drop:\n  - path: /d\n    after: copy\n", "config.bad_value", 3, 12),
            ("drop:\n  - settle: 2s\n", "config.missing_key", 2, 5),
            ("drop: /srv/drop\n", "config.wrong_type", 1, 7),
            ("webhook:\n  listen: 8787\n", "config.bad_listen", 2, 11),
            ("webhook:\n  max_body_bytes: 1TB\n", "config.bad_size", 2, 19),
            ("webhook:\n  secret: hunter2\n", "config.inline_secret", 2, 3),
            ("ecd:\n  access_key_secret: x\n", "config.inline_secret", 2, 3),
            ("reporters:\n  results:\n    url: https://x.example\n", "config.reserved_name", 2, 3),
            ("reporters:\n  ops:\n    secret_file: /x\n", "config.missing_key", 3, 5),
            ("log:\n  level: loud\n", "config.bad_value", 2, 10),
            ("pipeline:\n  packer_runs: every\n", "config.bad_value", 2, 16),
            ("pipeline:\n  poll_interval: 1m\n  max_poll_interval: 10s\n", "config.bad_value", 3, 3),
            ("ecd: [1, 2]\n", "config.wrong_type", 1, 6),
            ("- a\n- b\n", "config.wrong_type", 1, 1),
            ("statedir: /x\n", "config.unknown_key", 1, 1),
            ("drop:\n  - path: d\n  - path: ./d\n", "config.duplicate_folder", 3, 5),
        ] as [(String, String, Int, Int)])
    func badValuesArePositioned(yaml: String, code: String, line: Int, column: Int) throws {
        let found = try diagnostics(yaml)
        #expect(found.count == 1)
        #expect(found.first?.code == code)
        #expect(found.first?.location?.line == line)
        #expect(found.first?.location?.column == column)
        #expect(found.first?.location?.file == "ecdrop.yaml")
    }

    @Test("an inline secret is refused without its value appearing in the message")
    func inlineSecretNeverShown() throws {
        let folder = try ConfigTestFolder()
        try folder.write("ecdrop.yaml", "webhook:\n  secret: hunter2-value\n")
        #expect {
            try loader(folder).load(file: "ecdrop.yaml")
        } throws: { error in
            let error = error as! ConfigurationError
            return error.code == "config.inline_secret" && error.description.contains("secret_file")
                && !error.description.contains("hunter2") && !error.message.contains("hunter2")
        }
    }

    @Test("every problem in the file is reported at once")
    func everyProblemAtOnce() throws {
        let yaml = "ecd:\n  concurency: 4\n  max_attempts: 99\nwebhok: {}\nlog:\n  format: xml\n"
        let found = try diagnostics(yaml)
        #expect(
            found.map(\.code) == [
                "config.unknown_key", "config.out_of_range", "config.unknown_key", "config.bad_value",
            ])
        #expect(found.map { $0.location?.line } == [2, 3, 4, 6])
        #expect(found[2].suggestion == "webhook")
    }

    @Test("a YAML syntax error is a positioned configuration error")
    func yamlErrorsArePositioned() throws {
        let found = try diagnostics("ecd:\n  concurrency: 4\n concurrency: 5\n")
        #expect(found.first?.code.hasPrefix("yaml.") == true)
        #expect(found.first?.location?.file == "ecdrop.yaml")
    }

    @Test("variables override the file and flags override variables")
    func precedence() throws {
        let folder = try ConfigTestFolder()
        try folder.write("ecdrop.yaml", "ecd:\n  concurrency: 2\n  max_attempts: 3\nlog:\n  level: warning\n")
        let environment = [
            "ECDROP_WEBHOOK_SECRET": "s", "ECDROP_ECD_CONCURRENCY": "7", "ECDROP_LOG_LEVEL": "error",
            "ECDROP_STATE_DIR": "state",
        ]
        let loaded = try loader(folder, environment).load(
            file: "ecdrop.yaml", flags: [("log.level", "--log-level", "debug")])
        #expect(loaded.configuration.ecd.concurrency == 7)
        #expect(loaded.configuration.ecd.maxAttempts == 3)
        #expect(loaded.configuration.log.level == .debug)
        #expect(loaded.configuration.stateDir == folder.path + "/state")
    }

    @Test("a bad variable names the variable; an unknown one is a warning with a suggestion")
    func badVariables() throws {
        let folder = try ConfigTestFolder()
        try folder.write("ecdrop.yaml", "")
        let unknown = try loader(folder, ["ECDROP_WEBHOOK_SECRET": "s", "ECDROP_ECD_CONCURENCY": "3"])
            .load(file: "ecdrop.yaml")
        #expect(unknown.warnings.map(\.code) == ["config.unknown_variable"])
        #expect(unknown.warnings.first?.suggestion == "ECDROP_ECD_CONCURRENCY")
        #expect {
            try loader(folder, ["ECDROP_WEBHOOK_SECRET": "s", "ECDROP_ECD_CONCURRENCY": "lots"]).load(
                file: "ecdrop.yaml")
        } throws: { error in
            (error as! ConfigurationError).message.contains("ECDROP_ECD_CONCURRENCY: 'ecd.concurrency'")
        }
    }

    @Test("relative paths in the file are relative to the file's folder")
    func relativePaths() throws {
        let folder = try ConfigTestFolder()
        try folder.write("conf/ecdrop.yaml", "state_dir: ../state\nresults:\n  folder: out\ndrop:\n  - path: ./in\n")
        let config = try loader(folder).load(file: "conf/ecdrop.yaml").configuration
        #expect(config.stateDir == folder.path + "/state")
        #expect(config.results.folder == folder.path + "/conf/out")
        #expect(config.drop.first?.path == folder.path + "/conf/in")
    }

    @Test("null turns optional parts off")
    func nullDisables() throws {
        let loaded = try load("webhook:\n  listen: null\nresults:\n  folder: ~\necd:\n  endpoint:\n", environment: [:])
        #expect(loaded.configuration.webhook.listen == nil)
        #expect(loaded.configuration.results.folder == nil)
        #expect(loaded.configuration.ecd.endpoint == nil)
        #expect(loaded.secrets.webhook.isEmpty)
    }

    @Test("an explicit file that is missing is an input error; a missing default file means defaults")
    func missingFiles() throws {
        let folder = try ConfigTestFolder()
        #expect {
            try loader(folder).load(file: "nope.yaml")
        } throws: { error in
            let error = error as! ConfigurationError
            return error.exitCode == .noInput && error.code == "config.not_found" && error.message.contains("nope.yaml")
        }
        let defaults = try loader(folder).load()
        if !FileManager.default.fileExists(atPath: ConfigurationLoader.defaultPath) {
            #expect(defaults.file == nil)
            #expect(defaults.warnings.map(\.code) == ["config.not_found"])
            #expect(defaults.configuration == Configuration())
        }
    }

    @Test("ECDROP_CONFIG names the file when no flag does")
    func configVariable() throws {
        let folder = try ConfigTestFolder()
        try folder.write("other.yaml", "rules_dir: /r\n")
        let loaded = try loader(folder, ["ECDROP_WEBHOOK_SECRET": "s", "ECDROP_CONFIG": "other.yaml"]).load()
        #expect(loaded.configuration.rulesDir == "/r")
        #expect(loaded.file == "other.yaml")
    }
}
