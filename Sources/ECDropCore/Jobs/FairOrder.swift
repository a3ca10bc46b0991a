/// Orders work so that one rule with many jobs cannot starve the others: one job of each rule
/// in turn, keeping each rule's own order.
public enum FairOrder {
    public static func interleave(_ jobs: [Job]) -> [Job] {
        var queues: [String: [Job]] = [:]
        var rules: [String] = []
        for job in jobs {
            if queues[job.ruleName] == nil { rules.append(job.ruleName) }
            queues[job.ruleName, default: []].append(job)
        }
        var ordered: [Job] = []
        ordered.reserveCapacity(jobs.count)
        var round = 0
        while ordered.count < jobs.count {
            for rule in rules where round < queues[rule]!.count { ordered.append(queues[rule]![round]) }
            round += 1
        }
        return ordered
    }
}
