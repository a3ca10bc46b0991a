import Synchronization

/// Which jobs some task of this process is working on, so the round and the express lane for
/// new jobs never advance the same job at once. (Another process is kept out by the journal's
/// version check; this only saves the duplicate look-up.)
public final class JobClaims: Sendable {
    private let claimed = Mutex<Set<String>>([])

    public init() {}

    /// Claims every one of `ids`, or none of them when any is taken already.
    public func claim(_ ids: [String]) -> Bool {
        claimed.withLock { claimed in
            guard ids.allSatisfy({ !claimed.contains($0) }) else { return false }
            claimed.formUnion(ids)
            return true
        }
    }

    public func release(_ ids: [String]) {
        claimed.withLock { $0.subtract(ids) }
    }

    public var count: Int { claimed.withLock { $0.count } }
}
