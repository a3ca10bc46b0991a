"""Webhook intake under wrk: signed ~1 KiB manifests POSTed over keep-alive connections."""

import json
import os
import subprocess
import tempfile

from . import processes
from .procstat import Usage
from .stats import alternate, median

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(HERE, "wrk", "signed.lua")
SECRET = "bench-webhook-secret-0123456789"


class WebhookSubject:
    """adnanh/webhook; `scheme` github signs correctly (async /bin/true), bad never does."""

    def __init__(self, scheme, name):
        self.scheme = scheme
        self.name = name
        self.expected_status = 202 if scheme == "github" else 500

    def start(self, workdir):
        port = processes.free_port()
        self._process = processes.start_webhook(workdir, SECRET, port)
        self.pid = self._process.pid
        return f"http://127.0.0.1:{port}/hooks/build"

    def stop(self):
        self._process.stop()
        return {}


def run_wrk(url, scheme, connections, seconds, threads=2, timeout_s=5):
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout_s}s",
            "-s", SCRIPT, url, "--", scheme, SECRET, "1024"]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    for line in out.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            return json.loads(line[len("WRK_JSON "):])
    raise RuntimeError(f"wrk printed no summary: {out.stdout[-400:]} {out.stderr[-400:]}")


def one_run(subject, root, connections, seconds):
    workdir = tempfile.mkdtemp(prefix=f"intake-{subject.name.replace(' ', '-')}-", dir=root)
    url = subject.start(workdir)
    try:
        usage = Usage(subject.pid)
        summary = run_wrk(url, subject.scheme, connections, seconds)
        usage.stop()
        extra = subject.stop()
    except BaseException:
        subject.stop()
        raise
    seconds_run = summary["duration_us"] / 1e6
    good = summary["statuses"].get(str(subject.expected_status), 0)
    if "journaled" in extra:
        # Every 202 promised a journaled manifest; count any shortfall as lost.
        extra["lost"] = max(0, good - extra["journaled"])
    return {
        "rps": summary["requests"] / seconds_run,
        "expected_rps": good / seconds_run,
        "p50_ms": summary["p50_us"] / 1000,
        "p99_ms": summary["p99_us"] / 1000,
        "cpu_s": usage.cpu,
        "cpu_per_s": None if usage.cpu is None else usage.cpu / seconds_run,
        "peak_rss_mib": usage.peak_rss,
        # Storage writes per answered request: what durable journaling costs the disk.
        "written_kib_per_request": (None if usage.written is None or not good
                                    else usage.written / good / 1024),
        "statuses": summary["statuses"],
        "errors": summary["errors"],
        **extra,
    }


def compare(subjects, root, connections_list=(16, 64), seconds=10, rounds=3, log=print):
    """For each connection count: A B A B rounds; the median of each figure per subject."""
    results = {}
    for connections in connections_list:
        runs = {s.name: [] for s in subjects}
        for round_index, subject in alternate(subjects, rounds):
            result = one_run(subject, root, connections, seconds)
            runs[subject.name].append(result)
            log(f"intake c={connections}: {subject.name} round {round_index + 1}/{rounds}: "
                f"{result['rps']:.0f} req/s ({result['statuses']})")
        results[connections] = {name: summarize(values) for name, values in runs.items()}
    return results


def summarize(values):
    keys = ["rps", "expected_rps", "p50_ms", "p99_ms", "cpu_per_s", "peak_rss_mib",
            "written_kib_per_request"]
    summary = {key: median([v[key] for v in values if v.get(key) is not None]) for key in keys}
    statuses = {}
    for value in values:
        for status, count in value["statuses"].items():
            statuses[status] = statuses.get(status, 0) + count
    summary["statuses"] = statuses
    summary["rounds"] = len(values)
    for extra in ("journaled", "lost"):
        if any(extra in v for v in values):
            summary[extra] = sum(v.get(extra, 0) or 0 for v in values)
    return summary
