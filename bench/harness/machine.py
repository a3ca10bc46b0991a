"""The machine's facts, printed beside every figure."""

import os
import platform
import subprocess


def _first_line_with(path, key):
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def _version(command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=10)
        text = (out.stdout or out.stderr).strip().splitlines()
        return text[0] if text else None
    except (OSError, subprocess.TimeoutExpired):
        return None


def facts():
    mem_kib = _first_line_with("/proc/meminfo", "MemTotal")
    os_name = None
    try:
        with open("/etc/os-release") as handle:
            for line in handle:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return {
        "cpu": _first_line_with("/proc/cpuinfo", "model name") or platform.processor(),
        "cores": os.cpu_count(),
        "memory": f"{int(mem_kib.split()[0]) // 1024} MiB" if mem_kib else None,
        "kernel": platform.release(),
        "os": os_name,
        "swift": _version(["swift", "--version"]),
        "webhook": _version(["webhook", "-version"]),
        "inotifywait": _version(["inotifywait", "--help"]),
        "incron": _version(["incrond", "--version"]),
        "wrk": _version(["wrk", "--version"]),
        "loadavg": open("/proc/loadavg").read().split()[:3],
    }
