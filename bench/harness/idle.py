"""Idle cost: CPU seconds over a quiet stretch (scaled to one minute) and resident memory."""

import os
import tempfile
import time

from . import processes
from .procstat import Usage


def _webhook(workdir):
    return processes.start_webhook(workdir, "idle-secret", processes.free_port())


def _incrond(workdir):
    folder = os.path.join(workdir, "drop")
    os.makedirs(folder)
    return processes.start_incrond(workdir, folder, "/bin/true")


def _inotifywait(workdir):
    folder = os.path.join(workdir, "drop")
    os.makedirs(folder)
    return processes.start_inotifywait(workdir, folder)


PEERS = {"webhook": _webhook, "incrond": _incrond, "inotifywait": _inotifywait}


def measure(starters, root, seconds=60, warmup=3.0, log=print):
    """Starts every process at once, lets them settle, then watches them for `seconds`."""
    started = {}
    try:
        for name, start in starters.items():
            workdir = tempfile.mkdtemp(prefix=f"idle-{name}-", dir=root)
            started[name] = start(workdir)
        time.sleep(warmup)
        usages = {name: Usage(process.pid) for name, process in started.items()}
        log(f"idle: watching {', '.join(started)} for {seconds} s")
        time.sleep(seconds)
        results = {}
        for name, usage in usages.items():
            usage.stop()
            results[name] = {
                "seconds": seconds,
                "cpu_s_per_min": None if usage.cpu is None else usage.cpu * 60 / seconds,
                "rss_mib": usage.rss,
                "alive": started[name].alive(),
            }
        return results
    finally:
        for process in started.values():
            process.stop()
