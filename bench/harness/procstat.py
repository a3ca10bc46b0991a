"""CPU time and resident memory of a process (and its reaped children) read from /proc."""

import os

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def cpu_seconds(pid, with_children=True):
    """utime + stime (+ cutime + cstime) in seconds; None once the process is gone."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            text = handle.read()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2:].split()
    # Fields after the name start at 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
    used = int(fields[11]) + int(fields[12])
    if with_children:
        used += int(fields[13]) + int(fields[14])
    return used / TICKS


def _status_kib(pid, key):
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def peak_rss_mib(pid):
    """The high-water mark of resident memory (VmHWM) in MiB."""
    kib = _status_kib(pid, "VmHWM")
    return None if kib is None else kib / 1024


def rss_mib(pid):
    kib = _status_kib(pid, "VmRSS")
    return None if kib is None else kib / 1024


def written_bytes(pid):
    """Bytes the process caused to be written to storage (write_bytes of /proc/PID/io)."""
    try:
        with open(f"/proc/{pid}/io") as handle:
            for line in handle:
                if line.startswith("write_bytes:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak(pid):
    """Resets VmHWM to the current RSS (Linux 4.0+: write 5 to clear_refs); False if refused."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


class Usage:
    """CPU seconds and peak RSS of one process over a stretch of time."""

    def __init__(self, pid):
        self.pid = pid
        self.cpu_start = cpu_seconds(pid)
        self.written_start = written_bytes(pid)
        self.peak_was_reset = reset_peak(pid)
        self.cpu = None
        self.written = None
        self.peak_rss = None
        self.rss = None

    def stop(self):
        end = cpu_seconds(self.pid)
        if end is not None and self.cpu_start is not None:
            self.cpu = end - self.cpu_start
        written = written_bytes(self.pid)
        if written is not None and self.written_start is not None:
            self.written = written - self.written_start
        self.peak_rss = peak_rss_mib(self.pid)
        self.rss = rss_mib(self.pid)
        return self
