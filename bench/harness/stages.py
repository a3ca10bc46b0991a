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
STEPS = [
    ("inotify event read", "landed → the daemon reads the event"),
    ("manifest read", "event → the file is opened"),
    ("planned and journaled", "file opened → journal flushed (fdatasync)"),
    ("look-up sent", "journal flushed → DescribeImages (ImageName) sent"),
    ("look-up answered, intent journaled", "DescribeImages sent → journal flushed again"),
    ("upload sent", "intent flushed → UploadImage sent"),
]


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
    durations = [_steps(run, at, lines) for run, at in landed.items()]
    durations = [d for d in durations if d is not None]
    if not durations:
        return "The trace did not show the steps of any drop."
    rows = ["| step | what it spans | median | p90 |", "| --- | --- | ---: | ---: |"]
    for position, (name, spans) in enumerate(STEPS):
        values = [d[position] for d in durations]
        rows.append(f"| {name} | {spans} | {percentile(values, 50):,.0f} µs | "
                    f"{percentile(values, 90):,.0f} µs |")
    total = [sum(d) for d in durations]
    rows.append(f"| total | landed → UploadImage sent | {percentile(total, 50):,.0f} µs | "
                f"{percentile(total, 90):,.0f} µs |")
    return (f"{len(durations)} drops, one every {pace * 1000:.0f} ms, traced with strace "
            f"({CALLS}):\n\n" + "\n".join(rows))


def _steps(run, landed_at, lines):
    """The moments that mark each step of the drop of `run`, as durations; None if missing."""
    name = run + ".json"
    stamp = re.compile(r"^\d+\s+(\d+\.\d+)\s+(.*)$")
    marks = []
    wanted = [
        lambda call: call.startswith("read(") and name[:20] in call and "\\0" in call,
        lambda call: call.startswith("openat(") and name in call and "/processed/" not in call,
        lambda call: call.startswith("fdatasync("),
        lambda call: call.startswith("sendto(") and "ImageName=bench-" + run in call
        and "OssObjectPath" not in call,
        lambda call: call.startswith("fdatasync("),
        lambda call: call.startswith("sendto(") and "OssObjectPath" in call and run in call,
    ]
    step = 0
    for line in lines:
        match = stamp.match(line)
        if not match:
            continue
        at, call = float(match.group(1)), match.group(2)
        if at < landed_at:
            continue
        if wanted[step](call):
            marks.append(at)
            step += 1
            if step == len(wanted):
                break
    if len(marks) < len(wanted):
        return None
    moments = [landed_at] + marks
    return [(b - a) * 1e6 for a, b in zip(moments, moments[1:])]
