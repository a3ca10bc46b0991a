import ECDropCore
import Foundation
import Testing

@testable import ECDropRuntime

@Suite("Configuration secrets: files, variables and systemd credentials")
struct ConfigurationSecretsTests {
    @Test("a webhook secret file gives one secret a line and is never printed")
    func webhookSecretFile() throws {
        let folder = try ConfigTestFolder()
        try folder.write("webhook.secret", "current\n\nprevious\n")
        try folder.write("ecdrop.yaml", "webhook:\n  secret_file: webhook.secret\n")
        let loaded = try ConfigurationLoader(environment: [:], workingDirectory: folder.path).load(file: "ecdrop.yaml")
        #expect(loaded.secrets.webhook == [Secret("current"), Secret("previous")])
        #expect(loaded.warnings.isEmpty)
        #expect(!"\(loaded.secrets)".contains("current"))
    }

    @Test("a secret file others can read loads with a warning that says how to fix it")
    func looseSecretFileWarns() throws {
        let folder = try ConfigTestFolder()
        try folder.write("webhook.secret", "s\n", mode: 0o644)
        try folder.write("ecdrop.yaml", "webhook:\n  secret_file: webhook.secret\n")
        let loaded = try ConfigurationLoader(environment: [:], workingDirectory: folder.path).load(file: "ecdrop.yaml")
        #expect(loaded.warnings.map(\.code) == ["config.secret_permissions"])
        #expect(loaded.warnings.first?.message.contains("chmod 600") == true)
        #expect(loaded.warnings.first?.location?.line == 2)
    }

    @Test("a missing or empty secret file is an error at its key")
    func missingSecretFile() throws {
        let folder = try ConfigTestFolder()
        try folder.write("empty.secret", "\n")
        for (name, code) in [("absent.secret", "config.secret_unreadable"), ("empty.secret", "config.empty_secret")] {
            try folder.write("ecdrop.yaml", "webhook:\n  secret_file: \(name)\n")
            #expect {
                try ConfigurationLoader(environment: [:], workingDirectory: folder.path).load(file: "ecdrop.yaml")
            } throws: { error in
                let error = error as! ConfigurationError
                return error.code == code && error.location?.line == 2
            }
        }
    }

    @Test("a listening webhook server without any secret is refused")
    func webhookNeedsSecret() throws {
        let folder = try ConfigTestFolder()
        try folder.write("ecdrop.yaml", "webhook:\n  listen: 127.0.0.1:8787\n")
        #expect {
            try ConfigurationLoader(environment: [:], workingDirectory: folder.path).load(file: "ecdrop.yaml")
        } throws: { error in
            let error = error as! ConfigurationError
            return error.code == "config.missing_secret" && error.location?.line == 2
        }
    }

    @Test("a systemd credential named like the file wins over the file, and a variable wins over both")
    func credentialPrecedence() throws {
        let folder = try ConfigTestFolder()
        try folder.write("etc/webhook.secret", "from-file\n")
        try folder.write("etc/ops.secret", "ops-file\n")
        try folder.write("creds/webhook.secret", "from-credential\n")
        try folder.write("creds/ops.secret", "ops-credential\n")
        try folder.write(
            "etc/ecdrop.yaml",
            "webhook:\n  secret_file: webhook.secret\nreporters:\n  ops:\n    url: https://h.example/x\n"
                + "    secret_file: ops.secret\n")
        let credentials = ["CREDENTIALS_DIRECTORY": folder.path + "/creds"]
        let loaded = try ConfigurationLoader(environment: credentials, workingDirectory: folder.path)
            .load(file: "etc/ecdrop.yaml")
        #expect(loaded.secrets.webhook == [Secret("from-credential")])
        #expect(loaded.secrets.reporters["ops"] == Secret("ops-credential"))
        #expect(loaded.configuration.webhook.secretFile == folder.path + "/creds/webhook.secret")

        var withVariable = credentials
        withVariable["ECDROP_WEBHOOK_SECRET"] = "from-variable"
        let overridden = try ConfigurationLoader(environment: withVariable, workingDirectory: folder.path)
            .load(file: "etc/ecdrop.yaml")
        #expect(overridden.secrets.webhook == [Secret("from-variable")])
    }
}
