import ECDropCore
import Synchronization

/// The rule set in force, swapped whole when the daemon reloads rules (SIGHUP): a plan sees
/// either the old set or the new one, never a mix.
public final class RuleSetStore: Sendable {
    private let state: Mutex<RuleSet>

    public init(_ ruleSet: RuleSet = .empty) {
        state = Mutex(ruleSet)
    }

    public var current: RuleSet {
        state.withLock { $0 }
    }

    /// Puts `ruleSet` in force and returns the one it replaced.
    @discardableResult
    public func replace(with ruleSet: RuleSet) -> RuleSet {
        state.withLock { current in
            let previous = current
            current = ruleSet
            return previous
        }
    }
}
