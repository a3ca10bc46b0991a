import ECDropCore
import ECDropRuntime
import Foundation
import Testing

@Suite("Swapping the rule set in force")
struct RuleSetStoreTests {
    @Test("replace puts the new set in force and returns the old one")
    func replace() throws {
        let store = RuleSetStore()
        let folder = try RulesTestFolder()
        try folder.write("a.yaml", "rules:\n" + RulesTestFolder.rule("a"))
        let loaded = try RulesFolder.load(folder.path)
        let previous = store.replace(with: loaded)
        #expect(previous.rules.isEmpty)
        #expect(store.current.rules.map(\.name) == ["a"])
    }

    @Test("readers during many swaps always see one whole set")
    func concurrentReaders() async throws {
        let folder = try RulesTestFolder()
        try folder.write("a.yaml", "rules:\n" + RulesTestFolder.rule("a1") + RulesTestFolder.rule("a2"))
        let full = try RulesFolder.load(folder.path)
        let store = RuleSetStore(full)
        let counts = await withTaskGroup(of: Set<Int>.self) { group in
            group.addTask {
                for index in 0..<500 { store.replace(with: index.isMultiple(of: 2) ? .empty : full) }
                return []
            }
            for _ in 0..<4 {
                group.addTask { Set((0..<500).map { _ in store.current.rules.count }) }
            }
            return await group.reduce(into: Set<Int>()) { $0.formUnion($1) }
        }
        #expect(counts.isSubset(of: [0, 2]))
    }

    @Test("the planner refuses a Packer file with no build of its newest run")
    func plannerNoBuild() throws {
        let text = #"{"builds": [{"name": "a", "packer_run_uuid": "old"}], "last_run_uuid": "new"}"#
        let planner = RulesPlanner(store: RuleSetStore())
        let manifest = IncomingManifest(source: .drop, origin: "m.json", bytes: Data(text.utf8), receivedAt: Date())
        let error = #expect(throws: IntakeError.self) { try planner.plan(manifest) }
        #expect(error?.reason == .noBuild)
        var all = PipelineSettings()
        all.packerRuns = .all
        let outcome = try RulesPlanner(store: RuleSetStore(), settings: all).plan(manifest)
        #expect(outcome.buildKeys == ["old/a"])
    }
}
