"""Bounded fuzzing runs (fuzz/run), one per parser, summarized for the report."""

import json
import os
import subprocess


def run(fuzz_dir, root, seconds=30, log=print):
    script = os.path.join(fuzz_dir, "run")
    out = subprocess.run([script, "--json", "--seconds", str(seconds)], capture_output=True,
                         text=True, timeout=3600)
    results = {}
    for line in out.stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            results[row["target"]] = row
            log(f"fuzz: {row['target']}: {row['runs']:,} runs, {row['crashes']} findings")
    if out.returncode != 0:
        log(f"fuzz: fuzz/run exited {out.returncode}: {out.stderr.strip()[-400:]}")
    return results
