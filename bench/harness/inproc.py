"""The in-process rates from the ecdrop-bench executable (no Swift Testing involved)."""

import json
import subprocess


def run(binary, seconds=1.0, samples=5, log=print):
    out = subprocess.run([binary, "--json", "--seconds", str(seconds), "--samples", str(samples)],
                         capture_output=True, text=True, timeout=600)
    results = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    for row in results:
        log(f"in-process: {row['name']}: {row['medianPerSecond']:,.0f} {row['unit']}/s")
    if out.returncode != 0:
        log(f"in-process: ecdrop-bench exited {out.returncode}: {out.stderr.strip()[-300:]}")
    return results
