import ECDropCore
import ECDropTesting
import Foundation
import Synchronization
import Testing

@testable import ECDropRuntime

/// Hands out credentials that expire `lifetime` after each fetch, and counts fetches.
final class CountingProvider: CredentialsProvider {
    let name: String
    let time: ManualTimeSource
    let lifetime: TimeInterval?
    private let state = Mutex((fetches: 0, failing: false))

    init(name: String, time: ManualTimeSource, lifetime: TimeInterval?) {
        self.name = name
        self.time = time
        self.lifetime = lifetime
    }

    var count: Int { state.withLock { $0.fetches } }

    var failing: Bool {
        get { state.withLock { $0.failing } }
        set { state.withLock { $0.failing = newValue } }
    }

    func credentials() async throws(CredentialsError) -> ACSCredentials? {
        let (fetches, fail) = state.withLock { current in
            current.fetches += 1
            return (current.fetches, current.failing)
        }
        if fail { throw CredentialsError(code: "test.down", message: "down", transient: true) }
        return ACSCredentials(
            accessKeyId: "\(name)-\(fetches)", accessKeySecret: Secret("s"),
            expiration: lifetime.map { time.now().addingTimeInterval($0) }, source: name)
    }
}

struct NothingProvider: CredentialsProvider {
    var name: String { "nothing" }
    func credentials() async throws(CredentialsError) -> ACSCredentials? { nil }
}

@Suite("Credentials chain")
struct CredentialsChainTests {
    @Test("the first source that answers wins, is logged without its secret, and is kept")
    func firstWins() async throws {
        let time = ManualTimeSource()
        let first = CountingProvider(name: "second", time: time, lifetime: nil)
        let later = CountingProvider(name: "third", time: time, lifetime: nil)
        let sink = MemoryLogSink()
        let chain = CredentialsChain(
            providers: [NothingProvider(), first, later], time: time, logger: Logger(sink: sink))
        #expect(try await chain.credentials()?.source == "second")
        #expect(try await chain.credentials()?.source == "second")
        #expect(first.count == 1)
        #expect(later.count == 0)
        #expect(sink.entries.map(\.message) == ["credentials source chosen"])
        #expect(!sink.rendered().joined().contains("=s "))
    }

    @Test("temporary credentials are fetched again 15 minutes before they expire")
    func refreshBeforeExpiry() async throws {
        let time = ManualTimeSource()
        let provider = CountingProvider(name: "sts", time: time, lifetime: 3600)
        let chain = CredentialsChain(providers: [provider], time: time, logger: .disabled)
        _ = try await chain.credentials()
        time.advance(by: 40 * 60)
        _ = try await chain.credentials()
        #expect(provider.count == 1)
        time.advance(by: 6 * 60)
        #expect(try await chain.credentials()?.accessKeyId == "sts-2")
        #expect(provider.count == 2)
    }

    @Test("a failed refresh keeps using credentials that have not expired yet, then fails")
    func refreshFailure() async throws {
        let time = ManualTimeSource()
        let provider = CountingProvider(name: "sts", time: time, lifetime: 3600)
        let chain = CredentialsChain(providers: [provider], time: time, logger: .disabled)
        _ = try await chain.credentials()
        provider.failing = true
        time.advance(by: 50 * 60)
        #expect(try await chain.credentials()?.accessKeyId == "sts-1")
        time.advance(by: 11 * 60)
        await #expect(throws: CredentialsError.self) { try await chain.credentials() }
    }

    @Test("an empty chain says where credentials can come from")
    func none() async {
        let chain = CredentialsChain(providers: [NothingProvider()], logger: .disabled)
        await #expect { try await chain.credentials() } throws: { error in
            (error as? CredentialsError)?.message.contains("ALIBABA_CLOUD_ACCESS_KEY_ID") == true
        }
    }
}
