import ECDropRuntime
import Testing

@Suite("Claims on jobs being worked on")
struct JobClaimsTests {
    @Test("a claim takes every job it names, or none when one of them is taken")
    func allOrNone() {
        let claims = JobClaims()
        #expect(claims.claim(["job-a", "job-b"]))
        #expect(!claims.claim(["job-b", "job-c"]))
        #expect(claims.count == 2)
        #expect(claims.claim(["job-c"]))
        #expect(claims.count == 3)
    }

    @Test("a released job can be claimed again, by the round or the express lane alike")
    func release() {
        let claims = JobClaims()
        #expect(claims.claim(["job-a"]))
        #expect(!claims.claim(["job-a"]))
        claims.release(["job-a"])
        #expect(claims.claim(["job-a"]))
    }
}
