"""The benchmark harness behind `bench/run`: peers and ecdrop side by side, report in Markdown."""
