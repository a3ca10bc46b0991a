import ECDropCore
import ECDropRuntime
import ECDropTesting
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `ecdrop images …` and `ecdrop simulator` as real processes on real sockets.
@Suite("ecdrop images against ecdrop simulator", .serialized)
struct ImagesCommandTests {
    /// ProcessRunner blocks while the child runs: keep that off the shared threads.
    func run(
        _ binary: String, _ arguments: [String], environment: [String: String], timeout: TimeInterval = 60
    ) async throws -> ProcessRunner.Result {
        try await offCooperativePool {
            try ProcessRunner.run(binary, arguments, environment: environment, timeout: timeout)
        }
    }

    func post(_ url: String, _ body: String) async throws -> Int {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    @Test("list, show and delete work through the simulator, riding out injected throttling")
    func listShowDelete() async throws {
        let binary = try BuiltBinary.path()
        let simulator = try await ECDSimulatorProcess.start(binary: binary, arguments: ["--import-seconds", "0"])
        defer { simulator.stop() }
        let environment = simulator.clientEnvironment

        let empty = try await run(
            binary, ["images", "list", "--region", "cn-hangzhou"], environment: environment)
        #expect(empty.status == 0)
        #expect(empty.standardOutput.contains("no custom images in cn-hangzhou"))

        #expect(try await post(simulator.endpoint + "/_sim/faults", #"{"kind":"throttle","count":2}"#) == 200)
        let json = try await run(
            binary, ["images", "list", "--region", "cn-hangzhou", "--json"], environment: environment)
        #expect(json.status == 0)
        #expect(json.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]")
        #expect(!json.standardError.contains("SimulatorTestSecret"))

        let show = try await run(
            binary, ["images", "show", "m-missing", "--region", "cn-hangzhou"], environment: environment)
        #expect(show.status == ExitCode.noInput.rawValue)
        #expect(show.standardError.contains("m-missing"))
    }

    @Test("a wrong secret exits 77 with the service's Code, and never prints the secret")
    func wrongSecret() async throws {
        let binary = try BuiltBinary.path()
        let simulator = try await ECDSimulatorProcess.start(binary: binary)
        defer { simulator.stop() }
        var environment = simulator.clientEnvironment
        environment["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "WrongSecretValue123"
        let result = try await run(
            binary, ["images", "list", "--region", "cn-hangzhou"], environment: environment)
        #expect(result.status == ExitCode.permissionDenied.rawValue)
        #expect(result.standardError.contains("SignatureDoesNotMatch"))
        #expect(!result.standardError.contains("WrongSecretValue123"))
    }

    @Test(
        "missing credentials, a bad region and a bad endpoint each give one clear error",
        arguments: [
            (["ECDROP_ECD_ENDPOINT": "http://127.0.0.1:9"], ["--region", "cn-hangzhou"], "credentials"),
            (
                ["ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIonlyid"], ["--region", "cn-hangzhou"],
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
            ),
            (["ECDROP_ECD_ENDPOINT": "ftp://x"], ["--region", "cn-hangzhou"], "scheme must be http or https"),
            ([:], ["--region", "cn-hangzou1_"], "not a region id"),
        ])
    func badInput(extra: [String: String], arguments: [String], expected: String) async throws {
        let binary = try BuiltBinary.path()
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin", "HOME": "/nonexistent",
            "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true",
        ]
        if extra["ALIBABA_CLOUD_ACCESS_KEY_ID"] == nil && extra["ECDROP_ECD_ENDPOINT"] != "http://127.0.0.1:9" {
            environment["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "LTAIexample"
            environment["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "ExampleSecret"
        }
        environment.merge(extra) { _, new in new }
        let result = try await run(
            binary, ["images", "list"] + arguments, environment: environment, timeout: 30)
        #expect(result.status != 0)
        #expect(result.standardError.contains(expected))
        #expect(result.standardError.split(separator: "\n").filter { $0.contains("error:") }.count == 1)
    }
}
