import ECDropCore
import ECDropHTTP
import ECDropTesting
import Foundation
import Testing

@testable import ECDropRuntime

/// The real client against the simulator on a real socket (127.0.0.1, a free port).
final class SimulatorFixture: Sendable {
    let handler: SimulatorHandler
    let server: HTTPServer

    init(importSeconds: Double = 0, faults: [SimulatorFault] = [], statePath: String? = nil) throws {
        handler = try SimulatorHandler(
            settings: ECDSimulator.Settings(importSeconds: importSeconds, defaultHangSeconds: 3), faults: faults,
            statePath: statePath, logger: .disabled)
        server = HTTPServer(
            options: HTTPServerOptions(listen: "127.0.0.1:0", connectionTimeout: 30), handler: handler,
            logger: .disabled)
        try server.start()
    }

    func client(
        secret: String = ECDSimulator.defaultAccessKeySecret, requestTimeout: TimeInterval = 10, maxAttempts: Int = 4
    ) -> ECDClient {
        let credentials = ACSCredentials(
            accessKeyId: ECDSimulator.defaultAccessKeyId, accessKeySecret: Secret(secret), source: "test")
        let options = ECDClientOptions(
            endpoint: "http://\(server.address)", requestTimeout: requestTimeout,
            retry: ECDRetryPolicy(maxAttempts: maxAttempts, baseDelay: 0.01, maxDelay: 0.05, budget: 5))
        return ECDClient(
            options: options, credentials: StaticCredentialsProvider(credentials), environment: [:], logger: .disabled)
    }

    func stop() async { await server.stop(gracePeriod: 0) }
}

func sampleUpload(_ name: String, path: String = "oss://bucket/win11.vhd") -> UploadImageRequest {
    UploadImageRequest(
        RegionId: "cn-hangzhou", OssObjectPath: path, ImageName: name,
        Description: "a+b & c=d #1 100% 镜像", OsType: "Windows", LicenseType: "BYOL")
}

@Suite("ECD client against the simulator", .serialized)
struct ECDClientSimulatorTests {
    @Test("an upload returns an ImageId that DescribeImages then reports Available, special characters intact")
    func uploadAndFollow() async throws {
        let fixture = try SimulatorFixture()
        defer { Task { await fixture.stop() } }
        try await withTestDeadline(30) {
            let client = fixture.client()
            let result = try await client.uploadImage(sampleUpload("win11-ok"))
            #expect(result.ImageId.hasPrefix("m-"))
            let page = try await client.describeImages(
                DescribeImagesQuery(RegionId: "cn-hangzhou", ImageId: [result.ImageId]))
            #expect(page.images.first?.status == .available)
            #expect(page.images.first?.progress == 100)
            #expect(page.images.first?.description == "a+b & c=d #1 100% 镜像")
            let all = try await client.describeAllImages(DescribeImagesQuery(RegionId: "cn-hangzhou", MaxResults: 1))
            #expect(all.count == 1)
            _ = try await client.deleteImages(regionId: "cn-hangzhou", imageIds: [result.ImageId])
            let after = try await client.describeImages(DescribeImagesQuery(RegionId: "cn-hangzhou"))
            #expect(after.images.isEmpty)
        }
    }

    @Test(
        "transient faults on an upload are retried with a fresh signature and the image is created once",
        arguments: [SimulatorFault.Kind.throttle, .unavailable, .internalError, .html])
    func uploadRetries(kind: SimulatorFault.Kind) async throws {
        let fixture = try SimulatorFixture(faults: [SimulatorFault(kind: kind, count: 2, action: "UploadImage")])
        defer { Task { await fixture.stop() } }
        try await withTestDeadline(30) {
            let result = try await fixture.client().uploadImage(sampleUpload("win11-\(kind.rawValue)"))
            #expect(result.ImageId.hasPrefix("m-"))
        }
        #expect(fixture.handler.uploadsByName == ["win11-\(kind.rawValue)": 1])
    }

    @Test(
        "transient faults on DescribeImages, resets and garbage included, are retried until it succeeds",
        arguments: [SimulatorFault.Kind.throttle, .unavailable, .internalError, .html, .reset, .garbage])
    func describeRetries(kind: SimulatorFault.Kind) async throws {
        let fixture = try SimulatorFixture(faults: [SimulatorFault(kind: kind, count: 2, action: "DescribeImages")])
        defer { Task { await fixture.stop() } }
        try await withTestDeadline(30) {
            let page = try await fixture.client().describeImages(DescribeImagesQuery(RegionId: "cn-hangzhou"))
            #expect(page.images.isEmpty)
            #expect(!page.requestId.isEmpty)
        }
    }

    @Test("a fault that outlasts the attempts surfaces as transient with the service's Code")
    func attemptsExhausted() async throws {
        let fixture = try SimulatorFixture(faults: [SimulatorFault(kind: .throttle, count: 10)])
        defer { Task { await fixture.stop() } }
        await #expect {
            try await fixture.client(maxAttempts: 3).describeImages(DescribeImagesQuery(RegionId: "cn-hangzhou"))
        } throws: { error in
            let call = error as? ECDCallError
            return call?.serviceCode == "Throttling.User" && call?.disposition == .transient && call?.requestId != nil
        }
    }

    @Test("a wrong secret is permanent: one attempt, Code, RequestId and Recommend surfaced")
    func wrongSecret() async throws {
        let fixture = try SimulatorFixture()
        defer { Task { await fixture.stop() } }
        do {
            _ = try await fixture.client(secret: "wrong-secret-value").uploadImage(sampleUpload("win11-denied"))
            Issue.record("a wrong secret was accepted")
        } catch let error as ECDCallError {
            #expect(error.serviceCode == "SignatureDoesNotMatch")
            #expect(error.disposition == .permanent)
            #expect(error.requestId != nil)
            #expect(error.recommend?.contains("SignatureDoesNotMatch") == true)
            #expect(error.exitCode == .permissionDenied)
        }
        #expect(fixture.handler.uploadsByName.isEmpty)
    }

    @Test("a value the API refuses comes back as a permanent InvalidParameter naming it")
    func invalidParameter() async throws {
        let fixture = try SimulatorFixture()
        defer { Task { await fixture.stop() } }
        var request = sampleUpload("win11-disk")
        request.DataDiskSize = 20
        do {
            _ = try await fixture.client().uploadImage(request)
            Issue.record("DataDiskSize 20 was accepted")
        } catch let error as ECDCallError {
            #expect(error.serviceCode == "InvalidParameter.DataDiskSize")
            #expect(error.disposition == .permanent)
            #expect(error.message.contains("80 to 500"))
        }
    }

    @Test(
        "an upload the server carried out but never answered is reported as outcome unknown, not re-sent",
        arguments: [SimulatorFault.Kind.hangAfter, .resetAfter])
    func outcomeUnknown(kind: SimulatorFault.Kind) async throws {
        let fixture = try SimulatorFixture(faults: [SimulatorFault(kind: kind, count: 1, hangSeconds: 3)])
        defer { Task { await fixture.stop() } }
        do {
            _ = try await fixture.client(requestTimeout: 1).uploadImage(sampleUpload("win11-maybe"))
            Issue.record("an unanswered upload succeeded")
        } catch let error as ECDCallError {
            #expect(error.outcomeUnknown)
            #expect(error.disposition == .transient)
            #expect(error.message.contains("look the image up"))
        }
        #expect(fixture.handler.uploadsByName == ["win11-maybe": 1])
    }

    @Test("nothing listening is a connection failure that certainly sent nothing")
    func nothingListening() async throws {
        let fixture = try SimulatorFixture()
        let client = fixture.client(maxAttempts: 1)
        await fixture.stop()
        do {
            _ = try await client.uploadImage(sampleUpload("win11-nobody"))
            Issue.record("an upload to a closed port succeeded")
        } catch let error as ECDCallError {
            #expect(!error.outcomeUnknown)
            #expect(error.disposition == .transient)
        }
    }

    @Test("with a state file, images and upload counts survive a restart; a corrupt file is refused")
    func stateFile() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("simulator.json")
        let first = try SimulatorFixture(statePath: path)
        let uploaded = try await first.client().uploadImage(sampleUpload("win11-kept"))
        await first.stop()
        let second = try SimulatorFixture(statePath: path)
        defer { Task { await second.stop() } }
        #expect(second.handler.uploadsByName == ["win11-kept": 1])
        let page = try await second.client().describeImages(DescribeImagesQuery(RegionId: "cn-hangzhou"))
        #expect(page.images.map(\.imageId) == [uploaded.ImageId])
        try "{not json".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: GeneralError.self) { try SimulatorFixture(statePath: path) }
    }
}
