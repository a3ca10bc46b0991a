"""Where each watcher reports that it saw a file: name -> CLOCK_MONOTONIC nanoseconds."""

import ctypes
import os
import struct
import threading
import time


class Arrivals:
    def __init__(self):
        self._seen = {}
        self._changed = threading.Condition()

    def record(self, name, at_ns=None):
        at_ns = time.monotonic_ns() if at_ns is None else at_ns
        with self._changed:
            self._seen.setdefault(name, at_ns)
            self._changed.notify_all()

    def wait_for(self, name, timeout):
        deadline = time.monotonic() + timeout
        with self._changed:
            while name not in self._seen:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._changed.wait(left)
            return self._seen[name]

    def wait_for_count(self, count, timeout):
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self._seen) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return len(self._seen)

    def get(self, name):
        with self._changed:
            return self._seen.get(name)

    def count(self):
        with self._changed:
            return len(self._seen)

    def latest(self):
        with self._changed:
            return max(self._seen.values()) if self._seen else None


def follow_lines(stream, arrivals):
    """Reads one file name a line (inotifywait) and stamps it when the line arrives."""
    def loop():
        for raw in iter(stream.readline, b""):
            arrivals.record(raw.decode(errors="replace").strip())
    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return thread


def follow_stamp_file(path, arrivals, stop):
    """Reads `<monotonic ns> <name>` lines appended by the stamp program (incron's command)."""
    def loop():
        offset = 0
        pending = b""
        while not stop.is_set():
            try:
                with open(path, "rb") as handle:
                    handle.seek(offset)
                    chunk = handle.read()
            except FileNotFoundError:
                chunk = b""
            if not chunk:
                time.sleep(0.0005)
                continue
            offset += len(chunk)
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in lines:
                stamp, _, name = line.decode(errors="replace").partition(" ")
                arrivals.record(name, int(stamp))
    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return thread


IN_CLOSE_WRITE = 0x00000008
IN_MOVED_TO = 0x00000080
IN_NONBLOCK = 0o4000


class RawInotify:
    """The kernel interface with nothing on top: the floor every watcher stands on."""

    def __init__(self, directory, arrivals):
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(0)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        watch = self._libc.inotify_add_watch(
            self._fd, os.fsencode(directory), IN_MOVED_TO | IN_CLOSE_WRITE)
        if watch < 0:
            raise OSError(ctypes.get_errno(), f"inotify_add_watch {directory}")
        self._arrivals = arrivals
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self):
        while True:
            try:
                data = os.read(self._fd, 65536)
            except OSError:
                return
            now = time.monotonic_ns()
            offset = 0
            while offset + 16 <= len(data):
                _, _, _, length = struct.unpack_from("iIII", data, offset)
                name = data[offset + 16:offset + 16 + length].rstrip(b"\0").decode()
                self._arrivals.record(name, now)
                offset += 16 + length

    def close(self):
        os.close(self._fd)
