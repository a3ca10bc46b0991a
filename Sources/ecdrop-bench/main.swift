import ECDropRuntime

print("ecdrop-bench: benchmarks are not available yet")
