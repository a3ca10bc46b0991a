import ECDropCore
import ECDropCrypto
import Foundation
import Testing

@Suite("ECD simulator state machine")
struct ECDSimulatorTests {
    let start = Date(timeIntervalSince1970: 1_767_225_600)
    let credentials = ACSCredentials(
        accessKeyId: ECDSimulator.defaultAccessKeyId, accessKeySecret: Secret(ECDSimulator.defaultAccessKeySecret),
        source: "test")

    func simulator(importSeconds: Double = 100) -> ECDSimulator {
        ECDSimulator(settings: .init(importSeconds: importSeconds), digests: OpenSSLDigests())
    }

    func request(
        _ action: String, _ parameters: ACSParameters, at date: Date, nonce: String = UUID().uuidString,
        credentials: ACSCredentials? = nil
    ) -> SimulatedRequest {
        let builder = ACSRequestBuilder(host: "127.0.0.1:9000", digests: OpenSSLDigests(), userAgent: "test")
        let signed = builder.build(
            action: action, parameters: parameters, credentials: credentials ?? self.credentials, date: date,
            nonce: nonce)
        return SimulatedRequest(
            method: "POST", path: "/", rawQuery: signed.query, headers: signed.headers, body: Data())
    }

    func json(_ reply: SimulatorReply) -> [String: Any] {
        guard case .respond(_, _, let body) = reply else { return [:] }
        return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }

    func upload(_ name: String, path: String = "oss://bucket/win.vhd") -> ACSParameters {
        UploadImageRequest(RegionId: "cn-hangzhou", OssObjectPath: path, ImageName: name, OsType: "Windows")
            .parameters()
    }

    @Test("an upload is counted by name and imports from Creating to Available with rising progress")
    func importLifecycle() throws {
        var sim = simulator()
        let reply = sim.handle(request("UploadImage", upload("win11-a"), at: start), now: start) { 0.5 }
        #expect(reply.status == 200)
        let imageId = try #require(json(reply)["ImageId"] as? String)
        #expect(sim.uploadsByName["win11-a"] == 1)
        var progress: [String] = []
        for seconds in [10.0, 60, 101] {
            let now = start + seconds
            let query = DescribeImagesQuery(RegionId: "cn-hangzhou", ImageId: [imageId]).parameters()
            let page = json(sim.handle(request("DescribeImages", query, at: now), now: now) { 0.5 })
            let image = try #require((page["Images"] as? [[String: Any]])?.first)
            progress.append("\(image["Status"]!) \(image["Progress"]!)")
        }
        #expect(progress == ["Creating 10%", "Creating 60%", "Available 100%"])
    }

    @Test("an OssObjectPath containing 'fail' ends CreateFailed")
    func failingPath() throws {
        var sim = simulator()
        let reply = sim.handle(
            request("UploadImage", upload("win11-b", path: "oss://b/please-fail.vhd"), at: start), now: start
        ) { 0.5 }
        #expect(reply.status == 200)
        #expect(sim.images.first?.status(at: start + 60).status == "CreateFailed")
    }

    @Test(
        "broken UploadImage parameters get the service's error shape naming the parameter",
        arguments: [
            ("1win", "InvalidParameter.ImageName"), ("a", "InvalidParameter.ImageName"),
            ("win.11", "InvalidParameter.ImageName"), ("https://x", "InvalidParameter.ImageName"),
        ])
    func validation(name: String, code: String) {
        var sim = simulator()
        let reply = sim.handle(request("UploadImage", upload(name), at: start), now: start) { 0.5 }
        let body = json(reply)
        #expect(reply.status == 400)
        #expect(body["Code"] as? String == code)
        #expect((body["Message"] as? String)?.contains("ImageName") == true)
        #expect(body["RequestId"] != nil && body["HostId"] != nil && body["Recommend"] != nil)
        #expect(sim.uploadsByName.isEmpty)
    }

    @Test("a missing required parameter is reported as Missing<Name>")
    func missingParameter() {
        var sim = simulator()
        var parameters = ACSParameters()
        parameters.add("RegionId", "cn-hangzhou")
        parameters.add("ImageName", "win11")
        let body = json(sim.handle(request("UploadImage", parameters, at: start), now: start) { 0.5 })
        #expect(body["Code"] as? String == "MissingOssObjectPath")
    }

    @Test("a wrong secret, a stale date and a reused nonce are refused like the gateway does")
    func gatewayChecks() {
        var sim = simulator()
        var wrong = credentials
        wrong.accessKeySecret = Secret("not-the-secret")
        let query = DescribeImagesQuery(RegionId: "cn-hangzhou").parameters()
        let bad = json(sim.handle(request("DescribeImages", query, at: start, credentials: wrong), now: start) { 0.5 })
        #expect(bad["Code"] as? String == "SignatureDoesNotMatch")
        #expect((bad["Message"] as? String)?.contains("x-acs-action:DescribeImages") == true)
        let stale = json(sim.handle(request("DescribeImages", query, at: start - 1000), now: start) { 0.5 })
        #expect(stale["Code"] as? String == "InvalidTimeStamp.Expired")
        _ = sim.handle(request("DescribeImages", query, at: start, nonce: "same"), now: start) { 0.5 }
        let again = json(sim.handle(request("DescribeImages", query, at: start, nonce: "same"), now: start) { 0.5 })
        #expect(again["Code"] as? String == "SignatureNonceUsed")
        var other = credentials
        other.accessKeyId = "LTAI-someone-else"
        let unknown = json(
            sim.handle(request("DescribeImages", query, at: start, credentials: other), now: start) { 0.5 })
        #expect(unknown["Code"] as? String == "InvalidAccessKeyId.NotFound")
    }

    @Test("a tampered query breaks the signature")
    func tamperedQuery() {
        var sim = simulator()
        var signed = request("UploadImage", upload("win11-c"), at: start)
        signed.rawQuery = signed.rawQuery.replacingOccurrences(of: "win11-c", with: "win11-d")
        let body = json(sim.handle(signed, now: start) { 0.5 })
        #expect(body["Code"] as? String == "SignatureDoesNotMatch")
        #expect(sim.uploadsByName.isEmpty)
    }

    @Test("planned faults apply to the next N matching requests; hang_after acts before failing")
    func plannedFaults() {
        var sim = simulator()
        sim.faults = [
            SimulatorFault(kind: .throttle, count: 2, action: "UploadImage", retryAfterMs: 1200),
            SimulatorFault(kind: .hangAfter, count: 1, action: "UploadImage", hangSeconds: 2),
        ]
        let first = sim.handle(request("UploadImage", upload("win11-e"), at: start), now: start) { 0.5 }
        guard case .respond(400, let headers, _) = first else {
            Issue.record("throttling expected, got \(first)")
            return
        }
        #expect(headers["x-acs-retry-after"] == "1200")
        _ = sim.handle(request("UploadImage", upload("win11-e"), at: start), now: start) { 0.5 }
        #expect(sim.uploadsByName["win11-e"] == nil)
        let hung = sim.handle(request("UploadImage", upload("win11-e"), at: start), now: start) { 0.5 }
        #expect(hung == .hangThenDrop(seconds: 2))
        #expect(sim.uploadsByName["win11-e"] == 1)
        #expect(sim.faults.isEmpty)
    }

    @Test("fault flags read KIND[:COUNT][@ACTION]")
    func faultFlags() {
        #expect(
            SimulatorFault.parse(flag: "throttle:2@UploadImage")
                == SimulatorFault(kind: .throttle, count: 2, action: "UploadImage"))
        #expect(SimulatorFault.parse(flag: "html") == SimulatorFault(kind: .html))
        #expect(SimulatorFault.parse(flag: "hang_after:1")?.kind == .hangAfter)
        #expect(SimulatorFault.parse(flag: "explode") == nil)
        #expect(SimulatorFault.parse(flag: "throttle:0") == nil)
        #expect(SimulatorFault.parse(flag: "throttle@") == nil)
    }

    @Test("DescribeImages pages with NextToken until the last page")
    func paging() throws {
        var sim = simulator()
        for index in 0..<5 {
            _ = sim.handle(request("UploadImage", upload("win-\(index)"), at: start), now: start) { 0.5 }
        }
        var names: [String] = []
        var token: String?
        for _ in 0..<10 {
            let query = DescribeImagesQuery(RegionId: "cn-hangzhou", MaxResults: 2, NextToken: token).parameters()
            let page = try ECDResponseDecoder.describeImages(
                { if case .respond(_, _, let body) = $0 { body } else { Data() } }(
                    sim.handle(request("DescribeImages", query, at: start), now: start) { 0.5 }))
            names += page.images.map(\.name)
            token = page.nextToken
            if token == nil { break }
        }
        #expect(names == (0..<5).map { "win-\($0)" })
    }

    @Test("the control endpoints count uploads and take fault plans as JSON")
    func controlEndpoints() {
        var sim = simulator()
        _ = sim.handle(request("UploadImage", upload("win11-f"), at: start), now: start) { 0.5 }
        let uploads = json(
            sim.handle(
                SimulatedRequest(method: "GET", path: "/_sim/uploads", rawQuery: "", headers: [], body: Data()),
                now: start
            ) { 0.5 })
        #expect((uploads["uploads"] as? [String: Int])?["win11-f"] == 1)
        let plan = Data(#"{"faults":[{"kind":"unavailable","count":1,"action":"DescribeImages"}]}"#.utf8)
        let added = sim.handle(
            SimulatedRequest(method: "POST", path: "/_sim/faults", rawQuery: "", headers: [], body: plan), now: start
        ) { 0.5 }
        #expect(added.status == 200)
        #expect(sim.faults.first?.kind == .unavailable)
        let bad = sim.handle(
            SimulatedRequest(method: "POST", path: "/_sim/faults", rawQuery: "", headers: [], body: Data("{}".utf8)),
            now: start
        ) { 0.5 }
        #expect(bad.status == 400)
    }
}
