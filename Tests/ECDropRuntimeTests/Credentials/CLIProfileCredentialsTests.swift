import ECDropCore
import ECDropCrypto
import ECDropTesting
import Foundation
import Testing

@testable import ECDropRuntime

@Suite("aliyun CLI profiles")
struct CLIProfileCredentialsTests {
    static let config = """
        {"current": "dev", "profiles": [
          {"name": "dev", "mode": "AK", "access_key_id": "LTAIdevid", "access_key_secret": "devsecret"},
          {"name": "sts", "mode": "StsToken", "access_key_id": "STS.id", "access_key_secret": "stssecret", "sts_token": "tok"},
          {"name": "role", "mode": "RamRoleArn", "access_key_id": "LTAIroleid", "access_key_secret": "rolesecret",
           "ram_role_arn": "acs:ram::123:role/builder", "ram_session_name": "ecdrop-test"},
          {"name": "ecs", "mode": "EcsRamRole", "ram_role_name": "BuilderRole"},
          {"name": "sso", "mode": "CloudSSO"},
          {"name": "broken", "mode": "AK", "access_key_id": "LTAIonly"}
        ]}
        """

    func home() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path(".aliyun"), withIntermediateDirectories: true)
        try Self.config.write(toFile: folder.path(".aliyun/config.json"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o600], ofItemAtPath: folder.path(".aliyun/config.json"))
        return folder
    }

    func provider(
        _ home: TemporaryFolder, profile: String? = nil, http: FakeCredentialsHTTP = FakeCredentialsHTTP([:])
    )
        -> CLIProfileCredentialsProvider
    {
        var environment = ["HOME": home.path]
        environment["ALIBABA_CLOUD_PROFILE"] = profile
        environment["ECDROP_STS_ENDPOINT"] = "http://127.0.0.1:1"
        environment["ECDROP_ECS_METADATA_ENDPOINT"] = "http://127.0.0.1:1"
        return CLIProfileCredentialsProvider(environment: environment, logger: .disabled, http: http)
    }

    @Test("the current profile is used unless ALIBABA_CLOUD_PROFILE names another")
    func currentAndNamed() async throws {
        let home = try home()
        #expect(try await provider(home).credentials()?.accessKeyId == "LTAIdevid")
        let sts = try #require(try await provider(home, profile: "sts").credentials())
        #expect(sts.securityToken?.revealed == "tok")
        #expect(sts.source == "cli-profile:sts")
    }

    @Test("RamRoleArn assumes the role through STS with a V1 signature the source secret verifies")
    func ramRoleArn() async throws {
        let home = try home()
        let http = FakeCredentialsHTTP(["GET /": (200, #"{"Credentials":\#(temporaryCredentialsJSON)}"#)])
        let found = try #require(try await provider(home, profile: "role", http: http).credentials())
        #expect(found.accessKeyId == "STS.TempId")
        let url = try #require(http.calls.first?.url)
        let pairs = try #require(ACSPercentEncoding.parseQuery(url.query ?? "", ))
        let query = Dictionary(pairs.map { ($0.name, $0.value) }) { a, _ in a }
        #expect(query["Action"] == "AssumeRole")
        #expect(query["RoleArn"] == "acs:ram::123:role/builder")
        #expect(query["AccessKeyId"] == "LTAIroleid")
        let unsigned = pairs.filter { $0.name != "Signature" }
        let again = ACS1Signer(digests: OpenSSLDigests()).sign(
            method: "GET", parameters: unsigned, secret: Secret("rolesecret"))
        #expect(again.signature == query["Signature"])
    }

    @Test("EcsRamRole reads the named role from the metadata service")
    func ecsRamRole() async throws {
        let home = try home()
        let http = FakeCredentialsHTTP([
            "PUT /latest/api/token": (200, "t"),
            "GET /latest/meta-data/ram/security-credentials/BuilderRole": (200, temporaryCredentialsJSON),
        ])
        #expect(
            try await provider(home, profile: "ecs", http: http).credentials()?.source == "ecs-ram-role:BuilderRole")
    }

    @Test(
        "an unknown profile, an unsupported mode and a missing field are errors that say what to do",
        arguments: [("deve", "did you mean 'dev'?"), ("sso", "does not support"), ("broken", "access_key_secret")])
    func broken(profile: String, expected: String) async throws {
        let home = try home()
        await #expect { try await provider(home, profile: profile).credentials() } throws: { error in
            (error as? CredentialsError)?.message.contains(expected) == true
        }
    }

    @Test("no config file means this source is not configured")
    func absent() async throws {
        let empty = try TemporaryFolder()
        let provider = CLIProfileCredentialsProvider(environment: ["HOME": empty.path], logger: .disabled)
        #expect(try await provider.credentials() == nil)
    }
}
