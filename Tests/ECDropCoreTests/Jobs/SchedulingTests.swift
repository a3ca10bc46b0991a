import ECDropCore
import Foundation
import Testing

/// A stand-in digest: the input itself, so tests can see what was hashed.
private struct EchoDigests: Digests {
    func sha256(_ data: Data) -> Data { data }
    func hmacSHA256(key: Data, message: Data) -> Data { message }
}

@Suite("Idempotency keys, fair order and request pacing")
struct SchedulingTests {
    @Test("every field of the build identity, rule, region and ImageName changes the key")
    func keyCoversEveryField() {
        let base = JobFixtures.plan()
        var variants = [base]
        var other = base
        other.runId = "run-2"
        variants.append(other)
        other = base
        other.buildName = "win10"
        variants.append(other)
        other = base
        other.artifactName = "other.vhd"
        variants.append(other)
        variants.append(JobFixtures.plan(rule: "win11-gpu"))
        variants.append(JobFixtures.plan(region: "cn-shanghai"))
        variants.append(JobFixtures.plan(name: "win11-golden-43"))
        let keys = Set(variants.map { IdempotencyKey.derive($0, digests: EchoDigests()) })
        #expect(keys.count == variants.count)
        #expect(
            IdempotencyKey.derive(base, digests: EchoDigests()) == IdempotencyKey.derive(base, digests: EchoDigests()))
    }

    @Test("fields cannot run into each other to fake another identity")
    func fieldsAreSeparated() {
        let one = IdempotencyKey.derive(
            runId: "ab", buildName: "c", artifactName: "", ruleName: "r", region: "x", imageName: "i",
            digests: EchoDigests())
        let two = IdempotencyKey.derive(
            runId: "a", buildName: "bc", artifactName: "", ruleName: "r", region: "x", imageName: "i",
            digests: EchoDigests())
        #expect(one != two)
    }

    @Test("job ids are short, stable prefixes of the key")
    func jobIds() {
        #expect(IdempotencyKey.jobId(forKey: "0123456789abcdef0123") == "job-0123456789abcdef")
        #expect(IdempotencyKey.manifestId(forDigest: "fedcba98765432100000") == "man-fedcba9876543210")
    }

    @Test("fair order takes one job of each rule in turn, keeping each rule's order")
    func interleaves() {
        let jobs = ["a1", "a2", "a3", "b1", "c1", "c2"].map { JobFixtures.job(rule: String($0.prefix(1)), id: $0) }
        #expect(FairOrder.interleave(jobs).map(\.id) == ["a1", "b1", "c1", "a2", "c2", "a3"])
        #expect(FairOrder.interleave([]).isEmpty)
    }

    @Test("the pacer spaces requests to the rate after the burst is spent")
    func pacesRequests() {
        var pacer = RequestPacer(perSecond: 2, burst: 2)
        let start = JobFixtures.start
        let slots = (0..<5).map { _ in pacer.reserve(at: start).timeIntervalSince(start) }
        #expect(slots == [0, 0, 0.5, 1, 1.5])
        let quiet = start.addingTimeInterval(100)
        #expect(pacer.reserve(at: quiet) == quiet)
    }

    @Test("a slot taken only when free now leaves a spent schedule untouched")
    func reservesOnlyFreeSlots() {
        var pacer = RequestPacer(perSecond: 2, burst: 2)
        let start = JobFixtures.start

        let burst = [pacer.reserveIfFree(at: start), pacer.reserveIfFree(at: start)]
        let spent = pacer.reserveIfFree(at: start)
        let waited = pacer.reserve(at: start)
        let later = pacer.reserveIfFree(at: start.addingTimeInterval(1))

        #expect(burst == [true, true])
        #expect(!spent)
        #expect(waited == start.addingTimeInterval(0.5))
        #expect(later)
    }

    @Test(
        "backoff grows by its factor and stops at the maximum",
        arguments: [
            (0, 10.0), (1, 20.0), (2, 40.0), (5, 320.0), (6, 600.0), (1000, 600.0),
        ])
    func backoff(failures: Int, pause: TimeInterval) {
        #expect(Backoff(initial: 10, maximum: 600).delay(after: failures) == pause)
    }
}
