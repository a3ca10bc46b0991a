import ECDropCore
import ECDropCrypto
import ECDropTesting
import Foundation
import Testing

@testable import ECDropRuntime

@Suite("Credentials sources")
struct CredentialsProviderTests {
    @Test("the environment gives a pair, with the STS token when set")
    func environment() async throws {
        let provider = EnvironmentCredentialsProvider(environment: [
            "ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIenvid", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "envsecret",
            "ALIBABA_CLOUD_SECURITY_TOKEN": "tok",
        ])
        let found = try #require(try await provider.credentials())
        #expect(found.accessKeyId == "LTAIenvid")
        #expect(found.securityToken?.revealed == "tok")
        #expect(found.source == "environment")
        #expect(try await EnvironmentCredentialsProvider(environment: [:]).credentials() == nil)
    }

    @Test(
        "a half-set or malformed environment pair is an error naming the variable",
        arguments: [
            (["ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIx1"], "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
            (["ALIBABA_CLOUD_ACCESS_KEY_SECRET": "s3cr3t"], "ALIBABA_CLOUD_ACCESS_KEY_ID"),
            (["ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI x", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "s3cr3t"], "malformed"),
        ])
    func brokenEnvironment(environment: [String: String], expected: String) async {
        do {
            _ = try await EnvironmentCredentialsProvider(environment: environment).credentials()
            Issue.record("accepted \(environment.keys.sorted())")
        } catch {
            #expect(error.message.contains(expected))
            #expect(!error.message.contains("s3cr3t"))
        }
    }

    @Test("key files are read trimmed, and a file others can read draws a warning")
    func keyFiles() async throws {
        let folder = try TemporaryFolder()
        try "LTAIfileid\n".write(toFile: folder.path("id"), atomically: true, encoding: .utf8)
        try "filesecret\n".write(toFile: folder.path("secret"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.path("id"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.path("secret"))
        let sink = MemoryLogSink()
        let provider = KeyFilesCredentialsProvider(
            idFile: folder.path("id"), secretFile: folder.path("secret"), logger: Logger(level: .debug, sink: sink))
        let found = try #require(try await provider.credentials())
        #expect(found.accessKeyId == "LTAIfileid")
        #expect(found.accessKeySecret.revealed == "filesecret")
        let warnings = sink.entries.filter { $0.message == "secret file readable by others" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.metadata["file.path"] == .string(folder.path("secret")))
        #expect(!sink.rendered().joined().contains("filesecret"))
    }

    @Test("a missing key file is an error naming the file")
    func missingKeyFile() async {
        let provider = KeyFilesCredentialsProvider(
            idFile: "/nonexistent/id", secretFile: "/nonexistent/s", logger: .disabled)
        await #expect { try await provider.credentials() } throws: { error in
            (error as? CredentialsError)?.message.contains("/nonexistent/id") == true
        }
    }

    @Test("the ECS RAM role is read with an IMDSv2 token, the role name discovered")
    func ecsRamRole() async throws {
        let http = FakeCredentialsHTTP([
            "PUT /latest/api/token": (200, "imds-token"),
            "GET /latest/meta-data/ram/security-credentials": (200, "BuilderRole\n"),
            "GET /latest/meta-data/ram/security-credentials/BuilderRole": (200, temporaryCredentialsJSON),
        ])
        let found = try #require(try await ECSRAMRoleCredentialsProvider(environment: [:], http: http).credentials())
        #expect(found.accessKeyId == "STS.TempId")
        #expect(found.securityToken?.revealed == "TempToken")
        #expect(found.expiration == ACSDate.parse("2030-01-01T00:00:00Z"))
        #expect(found.source == "ecs-ram-role:BuilderRole")
        #expect(http.calls.first?.method == "PUT")
        #expect(http.calls.last?.headers["X-aliyun-ecs-metadata-token"] == "imds-token")
    }

    @Test("without a token the metadata service is asked IMDSv1-style, unless that is disabled")
    func imdsV1Fallback() async throws {
        let http = FakeCredentialsHTTP([
            "GET /latest/meta-data/ram/security-credentials/Named": (200, temporaryCredentialsJSON)
        ])
        let found = try await ECSRAMRoleCredentialsProvider(
            environment: ["ALIBABA_CLOUD_ECS_METADATA": "Named"], http: http
        ).credentials()
        #expect(found?.accessKeyId == "STS.TempId")
        #expect(http.calls.last?.headers.isEmpty == true)
        let strict = try await ECSRAMRoleCredentialsProvider(
            environment: ["ALIBABA_CLOUD_ECS_METADATA": "Named", "ALIBABA_CLOUD_IMDSV1_DISABLED": "true"], http: http
        ).credentials()
        #expect(strict == nil)
        let off = try await ECSRAMRoleCredentialsProvider(
            environment: ["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"], http: http
        ).credentials()
        #expect(off == nil)
    }

    @Test("a credentials URI answers temporary credentials; a 500 is a transient error")
    func credentialsURI() async throws {
        let good = FakeCredentialsHTTP(["GET /creds": (200, temporaryCredentialsJSON)])
        let environment = ["ALIBABA_CLOUD_CREDENTIALS_URI": "http://127.0.0.1:1/creds"]
        #expect(
            try await CredentialsURIProvider(environment: environment, http: good).credentials()?.accessKeyId
                == "STS.TempId")
        let failing = FakeCredentialsHTTP(["GET /creds": (500, "oops")])
        await #expect {
            try await CredentialsURIProvider(environment: environment, http: failing).credentials()
        } throws: {
            ($0 as? CredentialsError)?.transient == true
        }
        let bad = CredentialsURIProvider(
            environment: ["ALIBABA_CLOUD_CREDENTIALS_URI": "file:///etc/passwd"], http: good)
        await #expect { try await bad.credentials() } throws: {
            ($0 as? CredentialsError)?.code == "credentials.bad_uri"
        }
    }
}
