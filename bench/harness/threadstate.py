"""Where one thread spends its wall time: /proc/PID/task/TID/syscall sampled at a fixed rate.

A CPU profile cannot show a thread that waits on the disk; this can. Each sample says whether
the thread was running, or blocked in which system call (fdatasync, pwrite64, futex...)."""

import os
import threading
import time

# x86_64 system call numbers of the calls a journal thread makes.
SYSCALLS = {0: "read", 1: "write", 17: "pread64", 18: "pwrite64", 74: "fsync", 75: "fdatasync",
            202: "futex (waiting for work)", 7: "poll", 232: "epoll_wait", 35: "nanosleep",
            230: "clock_nanosleep", 3: "close", 257: "openat", 87: "unlink", 82: "rename"}


def find_thread(pid, name):
    """The id of the thread of `pid` whose name is `name` (as the kernel keeps it: 15 bytes)."""
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as handle:
                if handle.read().strip() == name[:15]:
                    return int(tid)
        except OSError:
            continue
    return None


def _sample(pid, tid):
    try:
        with open(f"/proc/{pid}/task/{tid}/syscall") as handle:
            text = handle.read().split()
    except OSError:
        return None
    if not text:
        return None
    if text[0] == "running":
        return "running"
    try:
        number = int(text[0])
    except ValueError:
        return text[0]
    return SYSCALLS.get(number, f"syscall {number}")


class Sampler:
    """Samples one thread every `interval` seconds in the background until `stop()`."""

    def __init__(self, pid, tid, interval=0.001):
        self.counts = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(pid, tid, interval), daemon=True)
        self._thread.start()

    def _run(self, pid, tid, interval):
        while not self._stop.is_set():
            state = _sample(pid, tid)
            if state is not None:
                self.counts[state] = self.counts.get(state, 0) + 1
            time.sleep(interval)

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=5)
        total = sum(self.counts.values())
        return [(state, count / total) for state, count in
                sorted(self.counts.items(), key=lambda item: -item[1])] if total else []


def summary(shares, title):
    lines = [title]
    lines += [f"  {share:7.1%}  {state}" for state, share in shares]
    return "\n".join(lines)
