"""Where a drop's latency goes: `ecdrop run` under strace while files land one at a time, each
drop split into the steps its system calls mark. strace slows every call it sees, so the
figures are larger than in the latency run; compare the steps with each other, not with it."""

import os
import re
import shutil
import subprocess
import tempfile
import time

from . import arrivals as arr
from .drop import Folder
from .stats import percentile

CALLS = "read,openat,sendto,fdatasync,fsync,link"
# The steps of a drop, by the path it took: with the look-ahead (a lone drop, the name looked
# up before the one journal flush that records the manifest and the upload intent), or the usual
# path (journaled first, then looked up, then the intent journaled).
FLOWS = {
    "look-ahead": [
        ("inotify event read", "landed → the daemon reads the event"),
        ("manifest read", "event → the file is opened"),
        ("planned, look-up sent", "file opened → DescribeImages (ImageName) sent"),
        ("look-up answered, journaled with intent", "DescribeImages sent → journal flushed (fdatasync)"),
        ("upload sent", "journal flushed → UploadImage sent"),
    ],
    "journaled first": [
        ("inotify event read", "landed → the daemon reads the event"),
        ("manifest read", "event → the file is opened"),
        ("planned and journaled", "file opened → journal flushed (fdatasync)"),
        ("look-up sent", "journal flushed → DescribeImages (ImageName) sent"),
        ("look-up answered, intent journaled", "DescribeImages sent → journal flushed again"),
        ("upload sent", "intent flushed → UploadImage sent"),
    ],
}


def profile(side, root, files=30, pace=0.1):
    """Returns Markdown: per step, the median and p90 over `files` drops, in microseconds."""
    if shutil.which("strace") is None:
        return "strace is not installed (scripts/setup bench installs it); no breakdown."
    from .ecdrop import DropSubject
    workdir = tempfile.mkdtemp(prefix="stages-", dir=root)
    folder = Folder(workdir, "folder")
    arrivals = arr.Arrivals()
    subject = DropSubject(side)
    subject.start(folder, workdir, arrivals)
    trace = os.path.join(workdir, "strace.txt")
    tracer = subprocess.Popen(["strace", "-f", "-ttt", "-s", "400", "-e", f"trace={CALLS}",
                               "-o", trace, "-p", str(subject.pid)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    landed = {}
    try:
        for index in range(files):
            run, staged = folder.prepare(index, "stages")
            landed[run] = time.time()
            folder.land(run, staged)
            arrivals.wait_for(run, 5)
            time.sleep(pace)
    finally:
        tracer.terminate()
        tracer.wait(timeout=30)
        subject.stop()
    with open(trace, errors="replace") as handle:
        lines = handle.readlines()
    shutil.rmtree(workdir, ignore_errors=True)
    traced = [_steps(run, at, lines) for run, at in landed.items()]
    traced = [t for t in traced if t is not None]
    if not traced:
        return "The trace did not show the steps of any drop."
    tables = []
    for flow, steps in FLOWS.items():
        durations = [d for f, d in traced if f == flow]
        if not durations:
            continue
        rows = [f"{len(durations)} of {len(traced)} drops took the {flow} path:", "",
                "| step | what it spans | median | p90 |", "| --- | --- | ---: | ---: |"]
        for position, (name, spans) in enumerate(steps):
            values = [d[position] for d in durations]
            rows.append(f"| {name} | {spans} | {percentile(values, 50):,.0f} µs | "
                        f"{percentile(values, 90):,.0f} µs |")
        total = [sum(d) for d in durations]
        rows.append(f"| total | landed → UploadImage sent | {percentile(total, 50):,.0f} µs | "
                    f"{percentile(total, 90):,.0f} µs |")
        tables.append("\n".join(rows))
    return (f"{len(traced)} drops, one every {pace * 1000:.0f} ms, traced with strace "
            f"({CALLS}):\n\n" + "\n\n".join(tables))


def _steps(run, landed_at, lines):
    """The path the drop of `run` took and its steps' durations in microseconds; None when the
    trace misses a step."""
    name = run + ".json"
    stamp = re.compile(r"^\d+\s+(\d+\.\d+)\s+(.*)$")
    event = lambda call: call.startswith("read(") and name[:20] in call and "\\0" in call
    opened = lambda call: call.startswith("openat(") and name in call and "/processed/" not in call
    flush = lambda call: call.startswith("fdatasync(")
    look_up = (lambda call: call.startswith("sendto(") and "ImageName=bench-" + run in call
               and "OssObjectPath" not in call)
    upload = lambda call: call.startswith("sendto(") and "OssObjectPath" in call and run in call
    paths = {"look-ahead": [event, opened, look_up, flush, upload],
             "journaled first": [event, opened, flush, look_up, flush, upload]}
    calls = []
    for line in lines:
        match = stamp.match(line)
        if match and float(match.group(1)) >= landed_at:
            calls.append((float(match.group(1)), match.group(2)))
    # The path is told by what follows the opening of the file: the look-up or a flush.
    found = _marks(calls, [event, opened])
    if found is None:
        return None
    after_open = [(at, call) for at, call in calls if at > found[-1]]
    first = next(((at, call) for at, call in after_open if flush(call) or look_up(call)), None)
    if first is None:
        return None
    flow = "look-ahead" if look_up(first[1]) else "journaled first"
    marks = _marks(calls, paths[flow])
    if marks is None:
        return None
    moments = [landed_at] + marks
    return flow, [(b - a) * 1e6 for a, b in zip(moments, moments[1:])]


def _marks(calls, wanted):
    """The times of the first calls matching `wanted`, in order; None when one never comes."""
    marks = []
    for at, call in calls:
        if wanted[len(marks)](call):
            marks.append(at)
            if len(marks) == len(wanted):
                return marks
    return None
