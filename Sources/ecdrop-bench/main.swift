import Foundation

let options: BenchmarkOptions
do {
    options = try BenchmarkOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("ecdrop-bench: \(error)\n".utf8))
    exit(64)
}

let cases = BenchmarkCatalog.all.filter { options.filter.map($0.name.contains) ?? true }
if options.list {
    for benchmark in cases { print(benchmark.name) }
    exit(0)
}

let runner = BenchmarkRunner(
    secondsPerSample: options.secondsPerSample, samples: options.samples,
    maxOperationsPerSample: options.maxOperations)
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
var failed = false
for benchmark in cases {
    do {
        let result = try runner.run(benchmark)
        if options.json {
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            let rate = Int(result.medianPerSecond.rounded())
            print("\(result.name): \(rate) \(result.unit)/s (median of \(result.perSecond.count))")
        }
    } catch {
        FileHandle.standardError.write(Data("ecdrop-bench: \(benchmark.name) failed: \(error)\n".utf8))
        failed = true
    }
}
exit(failed ? 70 : 0)
