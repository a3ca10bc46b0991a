"""Drop latency and bursts: files closed and renamed into a watched folder, and when each
watcher notices. Peers: raw inotify (the floor), inotifywait, incron; and ecdrop."""

import os
import shutil
import tempfile
import threading
import time

from . import arrivals as arr
from . import processes
from .manifests import packer_manifest
from .stats import alternate, percentile


class Folder:
    """A watched folder and a staging folder beside it on the same file system."""

    def __init__(self, root, name):
        self.watch = os.path.join(root, name, "drop")
        self.staging = os.path.join(root, name, "staging")
        os.makedirs(self.watch)
        os.makedirs(self.staging)

    def prepare(self, index, tag):
        run, body = packer_manifest(index, tag)
        staged = os.path.join(self.staging, run + ".json")
        with open(staged, "wb") as handle:
            handle.write(body)
        return run, staged

    def land(self, run, staged):
        """Renames a closed file into the folder; returns the moment just before the rename."""
        at = time.monotonic_ns()
        os.rename(staged, os.path.join(self.watch, run + ".json"))
        return at


class RawSubject:
    name = "raw inotify"

    def start(self, folder, workdir, arrivals):
        self._watch = arr.RawInotify(folder.watch, _StripJSON(arrivals))

    def stop(self):
        self._watch.close()
        return {}


class InotifywaitSubject:
    name = "inotifywait"

    def start(self, folder, workdir, arrivals):
        self._process = processes.start_inotifywait(workdir, folder.watch)
        arr.follow_lines(self._process.process.stdout, _StripJSON(arrivals))
        time.sleep(0.3)
        self.pid = self._process.pid

    def stop(self):
        self._process.stop()
        return {}


class IncronSubject:
    name = "incron"

    def __init__(self, stamp_binary):
        self._stamp = stamp_binary

    def start(self, folder, workdir, arrivals):
        log = os.path.join(workdir, "stamps.log")
        self._stop = threading.Event()
        self._process = processes.start_incrond(workdir, folder.watch, f"{self._stamp} {log} $#")
        arr.follow_stamp_file(log, _StripJSON(arrivals), self._stop)
        self.pid = self._process.pid

    def stop(self):
        self._stop.set()
        self._process.stop()
        return {}


class _StripJSON:
    """Watchers report file names; the benchmark keys arrivals by the run id inside them."""

    def __init__(self, arrivals):
        self._arrivals = arrivals

    def record(self, name, at_ns=None):
        if name.endswith(".json"):
            self._arrivals.record(name[:-5], at_ns)


def latency_round(subject, root, label, files, pace, timeout):
    """Drops `files` files one at a time; returns latencies in microseconds and misses."""
    workdir = tempfile.mkdtemp(prefix=f"{label}-", dir=root)
    folder = Folder(workdir, "folder")
    arrivals = arr.Arrivals()
    subject.start(folder, workdir, arrivals)
    samples, missed = [], 0
    try:
        for index in range(files):
            run, staged = folder.prepare(index, label)
            landed = folder.land(run, staged)
            seen = arrivals.wait_for(run, timeout)
            if seen is None:
                missed += 1
            else:
                samples.append((seen - landed) / 1000)
            time.sleep(pace)
    finally:
        extra = subject.stop()
    shutil.rmtree(workdir, ignore_errors=True)
    return samples, missed, extra


def latency(subjects, root, files=1000, rounds=4, pace=0.002, timeout=2.0, log=print):
    """A B A B rounds of files/rounds drops each; pooled p50/p99 per subject."""
    per_round = max(1, files // rounds)
    pooled = {s.name: [] for s in subjects}
    missed = {s.name: 0 for s in subjects}
    for round_index, subject in alternate(subjects, rounds):
        label = f"lat-{subject.name.replace(' ', '-')}-{round_index}"
        samples, misses, _ = latency_round(subject, root, label, per_round, pace, timeout)
        pooled[subject.name] += samples
        missed[subject.name] += misses
        log(f"drop latency: {subject.name} round {round_index + 1}/{rounds}: "
            f"p50 {percentile(samples, 50)} us, {misses} missed")
    return {name: {"p50_us": percentile(samples, 50), "p99_us": percentile(samples, 99),
                   "files": len(samples) + missed[name], "missed": missed[name]}
            for name, samples in pooled.items()}


def burst(subject, root, files=10_000, timeout=90.0, log=print):
    """Lands `files` files as fast as possible; how long after the last one the watcher has
    them all, how many it never reported within `timeout`, and its peak RSS."""
    from .procstat import Usage
    workdir = tempfile.mkdtemp(prefix=f"burst-{subject.name.replace(' ', '-')}-", dir=root)
    folder = Folder(workdir, "folder")
    staged = [folder.prepare(index, "burst") for index in range(files)]
    arrivals = arr.Arrivals()
    subject.start(folder, workdir, arrivals)
    usage = Usage(subject.pid) if getattr(subject, "pid", None) else None
    try:
        first = time.monotonic_ns()
        for run, path in staged:
            last = folder.land(run, path)
        write_seconds = (time.monotonic_ns() - first) / 1e9
        seen = subject.wait_all(arrivals, files, timeout) if hasattr(subject, "wait_all") \
            else arrivals.wait_for_count(files, timeout)
        done_at = arrivals.latest() if seen >= files else None
        if usage:
            usage.stop()
    finally:
        subject.stop()
    shutil.rmtree(workdir, ignore_errors=True)
    result = {
        "files": files, "seen": seen, "lost": files - seen,
        "write_s": write_seconds,
        "after_last_s": None if done_at is None else max(0.0, (done_at - last) / 1e9),
        "peak_rss_mib": usage.peak_rss if usage else None,
        "timeout_s": timeout,
    }
    log(f"burst: {subject.name}: {seen}/{files} within {timeout:.0f} s, "
        f"after last {result['after_last_s']}")
    return result
