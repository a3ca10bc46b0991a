import ECDropCore
import Foundation
import Testing

@Suite("A job's journal body")
struct JobJournalBodyTests {
    /// Jobs that exercise every optional, every escape and the numbers JSON finds awkward.
    static let jobs: [Job] = {
        let fresh = JobFixtures.job()

        var full = JobFixtures.job(id: "job-full")
        full.request = UploadImageRequest(
            RegionId: "cn-shanghai", OssObjectPath: "https://b.oss-cn-shanghai.aliyuncs.com/w/11.vhd?x=1&y=\"2\"",
            ImageName: "win11-ü-\u{1F600}", Description: "line one\nline two\ttab \\ back\u{7F}\u{1}",
            OsType: "Windows", GpuCategory: true, ProtocolType: "ASP", DataDiskSize: 120, GpuDriverType: "gpu",
            LicenseType: "Auto", EnableSecurityCheck: false, SystemDiskSize: "80", BootMode: "UEFI")
        full.state = .importing
        full.imageId = "img-123"
        full.createdImageIds = ["img-122", "img-123"]
        full.progress = 42
        full.requestIds = ["REQ-1", "REQ-2"]
        full.lastError = "throttled: \"slow down\""
        full.wakeAt = Date(timeIntervalSince1970: 1_767_225_600.125)
        full.updatedAt = Date(timeIntervalSince1970: 1_767_225_601.000_001)
        full.owner = "host-1/4242"
        full.polls = 7
        full.version = 12
        full.uploadSends = 2
        full.attempt = 3
        full.reporters = ["results", "hook \"a\""]

        var failed = JobFixtures.job(id: "job-failed")
        failed.request = nil
        failed.state = .failed
        failed.failure = JobFailure(reason: .nameTaken, code: "job.name_taken", message: "taken: 'x'\r\n")
        failed.followDeadline = 0.000_001
        failed.deadline = Date(timeIntervalSince1970: -12.5)
        return [fresh, full, failed]
    }()

    @Test("reads back through JSONDecoder as the same job", arguments: jobs)
    func roundTrips(job: Job) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970

        let body = try job.journalBody()

        #expect(try decoder.decode(Job.self, from: Data(body.utf8)) == job)
    }

    @Test("holds the same members as JSONEncoder's encoding", arguments: jobs)
    func matchesTheEncoder(job: Job) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        let encoded = try JSONSerialization.jsonObject(with: encoder.encode(job)) as? NSDictionary

        let written = try JSONSerialization.jsonObject(with: Data(job.journalBody().utf8)) as? NSDictionary

        #expect(written != nil)
        #expect(written == encoded)
    }

    @Test("lists its members in sorted order, as the encoder did")
    func sortsItsKeys() throws {
        let body = try Self.jobs[1].journalBody()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let positions = object.keys.map { key in (key, body.range(of: "\"\(key)\":")!.lowerBound) }

        let byBytes = object.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }

        #expect(positions.sorted { $0.1 < $1.1 }.map(\.0) == byBytes)
    }

    @Test("refuses a deadline that is not a finite number, naming the field")
    func refusesNonFiniteNumbers() {
        var job = JobFixtures.job()
        job.followDeadline = .infinity

        let error = #expect(throws: Job.UnencodableNumber.self) { try job.journalBody() }

        #expect(error?.key == "followDeadline")
        #expect(error?.description.contains("followDeadline") == true)
    }
}
