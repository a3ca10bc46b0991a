/// Every in-process benchmark, in report order.
enum BenchmarkCatalog {
    static var all: [BenchmarkCase] {
        SigningBenchmarks.all + RuleBenchmarks.all + IntakeBenchmarks.all
    }
}
