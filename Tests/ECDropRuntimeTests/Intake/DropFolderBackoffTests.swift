import Testing

@testable import ECDropRuntime

@Suite("Retry backoff")
struct DropFolderBackoffTests {
    @Test(
        "delays double from the initial one and stop at the maximum",
        arguments: [(1, 0.5), (2, 1.0), (3, 2.0), (7, 30.0), (500, 30.0)])
    func doubling(failures: Int, delay: Double) {
        #expect(DropFolderBackoff(initial: 0.5, maximum: 30).delay(afterFailures: failures) == delay)
    }
}
