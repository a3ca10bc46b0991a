"""ecdrop's side of every benchmark: `ecdrop run` fed and measured exactly like the peers."""

import hashlib
import hmac
import os
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
import urllib.request

from . import arrivals as arr
from . import procstat, threadstate
from . import processes
from .intake import SECRET
from .manifests import packer_manifest
from .probe import Probe

RULE = """rules:
  - name: bench
    match:
      all:
        - build.custom.channel: {equals: nightly}
        - artifact.name: {glob: "*.vhd"}
    regions: [cn-hangzhou]
    upload:
      OssObjectPath: "{{ build.custom.oss_object_path }}"
      ImageName: "bench-{{ build.run_id }}"
      Description: "Benchmark image"
      OsType: Windows
      GpuCategory: false
    report: [results]
"""


class Instance:
    """One `ecdrop run` with its own state, rules, secrets and results under `workdir`."""

    def __init__(self, binary, workdir, endpoint, drop_folder=None, webhook=True, settle="0s",
                 ecd_extra=(), unpaced=True):
        self.workdir = workdir
        self.state = os.path.join(workdir, "state")
        self.results = os.path.join(workdir, "results")
        rules = os.path.join(workdir, "rules")
        for folder in (self.state, self.results, rules):
            os.makedirs(folder, exist_ok=True)
        with open(os.path.join(rules, "bench.yaml"), "w") as handle:
            handle.write(RULE)
        for name, value in (("webhook.secret", SECRET), ("access_key_id", "LTAI5tBenchKeyId0001"),
                            ("access_key_secret", "bench-access-key-secret-0123456789")):
            path = os.path.join(workdir, name)
            with open(path, "w") as handle:
                handle.write(value + "\n")
            os.chmod(path, 0o600)
        self.port = processes.free_port() if webhook else None
        pacing = ["  concurrency: 16", "  requests_per_second: 1000"] if unpaced else []
        lines = [f"state_dir: {self.state}", f"rules_dir: {rules}", "ecd:",
                 f"  endpoint: {endpoint}", *pacing,
                 f"  access_key_id_file: {workdir}/access_key_id",
                 f"  access_key_secret_file: {workdir}/access_key_secret", *ecd_extra]
        if drop_folder:
            lines += ["drop:", f"  - path: {drop_folder}", f"    settle: {settle}", "    after: move"]
        if webhook:
            lines += ["webhook:", f"  listen: 127.0.0.1:{self.port}",
                      f"  secret_file: {workdir}/webhook.secret"]
        else:
            lines += ["webhook: null"]
        lines += ["results:", f"  folder: {self.results}", "pipeline:", "  poll_interval: 1s",
                  "  max_poll_interval: 5s", "log:", "  level: notice"]
        self.config = os.path.join(workdir, "ecdrop.yaml")
        with open(self.config, "w") as handle:
            handle.write("\n".join(lines) + "\n")
        self.process = processes.Started("ecdrop", [binary, "run", "--config", self.config], workdir)
        self.pid = self.process.pid

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/v1/manifests"

    def wait_ready(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.process.alive():
                return False
            if self.port is None:
                if os.path.exists(os.path.join(self.state, "journal.sqlite")):
                    time.sleep(0.5)
                    return True
            else:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=2):
                        return True
                except OSError:
                    pass
            time.sleep(0.1)
        return False

    def journaled(self):
        """Manifests recorded in the journal, read from a separate connection."""
        path = os.path.join(self.state, "journal.sqlite")
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
                return db.execute("SELECT count(*) FROM manifests").fetchone()[0]
        except sqlite3.Error:
            return 0

    def log_tail(self, lines=5):
        try:
            with open(self.process.log_path, errors="replace") as handle:
                return "".join(handle.readlines()[-lines:]).strip()
        except OSError:
            return ""

    def stop(self):
        return self.process.stop(grace=15)


def signed_post(url, body, secret=SECRET):
    stamp = str(int(time.time()))
    signature = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Ecdrop-Timestamp": stamp,
        "X-Ecdrop-Signature": f"sha256={signature}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code


class DropSubject:
    """ecdrop with a drop folder (settle 0) and the probe as its ECD endpoint."""

    name = "ecdrop"

    def __init__(self, side, burst=False):
        self.side = side
        self.burst_mode = burst

    def start(self, folder, workdir, arrivals):
        self.probe = Probe(arrivals)
        self.instance = Instance(self.side.binary, workdir, self.probe.endpoint,
                                 drop_folder=folder.watch, webhook=False)
        if not self.instance.wait_ready():
            raise RuntimeError(f"ecdrop run did not start: {self.instance.log_tail()}")
        self.pid = self.instance.pid

    def wait_all(self, arrivals, files, timeout):
        """Burst: done when the journal holds every manifest; polled every 10 ms."""
        deadline = time.monotonic() + timeout
        seen = 0
        while time.monotonic() < deadline:
            seen = self.instance.journaled()
            if seen >= files:
                arrivals.record("__all_journaled__")
                return seen
            time.sleep(0.01)
        return seen

    def stop(self):
        self.instance.stop()
        self.probe.close()
        return {}


class IntakeSubject:
    """ecdrop's webhook: every 202 means the manifest is in the journal. By default ecdrop runs
    with its shipped ECD pacing (10 calls/s, 4 at once), as a user's daemon does: the uploads of
    the journaled jobs follow at the API's pace. `unpaced` lets the uploads run at up to 1,000
    calls/s against the probe as well, so each manifest's whole job runs during the measurement."""

    scheme = "ecdrop"
    expected_status = 202

    def __init__(self, side, unpaced=False):
        self.side = side
        self.unpaced = unpaced
        self.name = "ecdrop, uploads unpaced" if unpaced else "ecdrop"

    def start(self, workdir):
        self.probe = Probe(arr.Arrivals())
        self.instance = Instance(self.side.binary, workdir, self.probe.endpoint, unpaced=self.unpaced)
        if not self.instance.wait_ready():
            raise RuntimeError(f"ecdrop run did not start: {self.instance.log_tail()}")
        self.pid = self.instance.pid
        return self.instance.url

    def stop(self):
        journaled = self.instance.journaled()
        self.instance.stop()
        self.probe.close()
        return {"journaled": journaled}


class RefusedIntakeSubject(IntakeSubject):
    """ecdrop's webhook answering wrongly signed manifests with 401: HTTP, the HMAC check and a
    logged refusal, no journal. What the rest of intake costs shows against this row."""

    scheme = "bad"
    expected_status = 401

    def __init__(self, side):
        super().__init__(side)
        self.name = "ecdrop, signature refused"

    def stop(self):
        self.instance.stop()
        self.probe.close()
        return {}


class Side:
    """Everything needed to measure one ecdrop binary; `detect` answers None when this build
    cannot run the daemon yet, and notes what it could not measure."""

    def __init__(self, binary, root, log, version, drop_works, webhook_works):
        self.binary = binary
        self.root = root
        self.log = log
        self.version = version
        self.drop_works = drop_works
        self.webhook_works = webhook_works
        self.notes = []
        self.profiles = {}
        if not drop_works:
            self.notes.append("ecdrop's drop folder did not deliver a manifest in the trial run, "
                              "so the drop and burst figures have no ecdrop row.")
        if not webhook_works:
            self.notes.append("ecdrop's webhook did not accept a signed manifest in the trial "
                              "run, so the intake figures have no ecdrop row.")
        self.notes.append("For drop latency and bursts ecdrop runs with `ecd.requests_per_second: "
                          "1000` and `concurrency: 16` so the API pacing never delays a measured "
                          "upload; the endpoint is the harness's probe (bench/harness/probe.py).")
        self.notes.append("For webhook intake the `ecdrop` row runs ecdrop's shipped ECD pacing "
                          "(10 calls/s, 4 at once): manifests are journaled at full speed and "
                          "their uploads follow at the API's pace, as in a user's daemon. The row "
                          "`ecdrop, uploads unpaced` also runs every job's calls (up to 1,000/s "
                          "against the probe) during the measurement. Targets are judged on the "
                          "`ecdrop` row. The row `ecdrop, signature refused` sends the same "
                          "manifests signed with a wrong secret: ecdrop's HTTP server, the HMAC "
                          "check and a logged 401, nothing journaled, beside webhook's reject-only "
                          "row.")

    @classmethod
    def detect(cls, binary, root, log):
        try:
            out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
            version = (out.stdout or out.stderr).strip().splitlines()[0] if out.returncode == 0 \
                else None
        except (OSError, subprocess.TimeoutExpired, IndexError) as problem:
            log(f"ecdrop: cannot run {binary}: {problem}")
            return None
        workdir = tempfile.mkdtemp(prefix="ecdrop-trial-", dir=root)
        drop = os.path.join(workdir, "drop")
        staging = os.path.join(workdir, "staging")
        os.makedirs(drop)
        os.makedirs(staging)
        seen = arr.Arrivals()
        probe = Probe(seen)
        instance = Instance(binary, workdir, probe.endpoint, drop_folder=drop)
        try:
            if not instance.wait_ready():
                log(f"ecdrop: `ecdrop run` did not get ready: {instance.log_tail()}")
                return None
            run, body = packer_manifest(0, "trial-webhook")
            status = signed_post(instance.url, body)
            webhook_works = status == 202 and seen.wait_for(run, 10) is not None
            log(f"ecdrop: trial webhook POST answered {status}; upload seen: {webhook_works}")
            run, body = packer_manifest(0, "trial-drop")
            with open(os.path.join(staging, run + ".json"), "wb") as handle:
                handle.write(body)
            os.rename(os.path.join(staging, run + ".json"), os.path.join(drop, run + ".json"))
            drop_works = seen.wait_for(run, 10) is not None
            log(f"ecdrop: trial drop seen: {drop_works}")
        finally:
            instance.stop()
            probe.close()
        return cls(binary, root, log, version or "unknown", drop_works, webhook_works)

    def drop_subject(self, burst=False):
        return DropSubject(self, burst) if self.drop_works else None

    def intake_subject(self, unpaced=False):
        return IntakeSubject(self, unpaced) if self.webhook_works else None

    def refused_intake_subject(self):
        return RefusedIntakeSubject(self) if self.webhook_works else None

    def idle_starter(self):
        def start(workdir):
            drop = os.path.join(workdir, "drop")
            os.makedirs(drop)
            instance = Instance(self.binary, workdir, "http://127.0.0.1:9",
                                drop_folder=drop if self.drop_works else None)
            instance.wait_ready()
            return instance.process
        return start

    def profile_intake(self, connections, seconds, run_wrk):
        """perf samples of `ecdrop run` while wrk loads it: where the time goes."""
        workdir = tempfile.mkdtemp(prefix="ecdrop-profile-", dir=self.root)
        subject = IntakeSubject(self)
        url = subject.start(workdir)
        data = os.path.join(workdir, "perf.data")
        # The journal's thread is named once it has run; one manifest wakes it.
        signed_post(url, b'{"builds":[]}')
        journal = threadstate.find_thread(subject.pid, "ecdrop.journal")
        sampler = threadstate.Sampler(subject.pid, journal) if journal else None
        written = procstat.written_bytes(subject.pid)
        try:
            perf = subprocess.Popen(["perf", "record", "-F", "499", "-g", "-o", data, "-p",
                                     str(subject.pid), "--", "sleep", str(seconds)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            before = subject.instance.journaled()
            threading.Thread(target=run_wrk, args=(url, "ecdrop", connections, seconds),
                             daemon=True).start()
            perf.wait(timeout=seconds + 60)
        except (OSError, subprocess.TimeoutExpired) as problem:
            subject.stop()
            return f"perf could not run: {problem}"
        time.sleep(1)
        shares = sampler.stop() if sampler else []
        manifests = subject.instance.journaled() - before
        written = None if written is None else procstat.written_bytes(subject.pid) - written
        subject.stop()
        disk = ""
        if written is not None and manifests > 0:
            disk = (f"\n\nstorage written: {written / manifests / 1024:.1f} KiB per journaled "
                    f"manifest ({manifests:,} manifests, /proc/PID/io write_bytes)")
        wall = threadstate.summary(shares, "\n\nthe journal thread's wall time, sampled every "
                                   "millisecond from /proc/PID/task/TID/syscall:") if shares else ""
        return _perf_summary(data) + disk + wall


    def profile_burst(self, files, burst):
        """perf samples of `ecdrop run` while a burst of `files` lands."""
        subject = DropSubject(self, burst=True)
        data = os.path.join(self.root, "perf-burst.data")
        started = subject.start

        def start(folder, workdir, arrivals):
            started(folder, workdir, arrivals)
            subject.perf = subprocess.Popen(
                ["perf", "record", "-F", "499", "-g", "-o", data, "-p", str(subject.pid)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.5)

        subject.start = start
        try:
            burst(subject, self.root, files=files, timeout=60, log=self.log)
        finally:
            perf = getattr(subject, "perf", None)
            if perf:
                perf.terminate()
                perf.wait(timeout=60)
        return _perf_summary(data)


def _perf_summary(data, limit=25):
    try:
        out = subprocess.run(["perf", "report", "-i", data, "--stdio", "--no-children",
                              "--sort", "dso,symbol", "-g", "none", "--percent-limit", "1"],
                             capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as problem:
        return f"perf report failed: {problem}"
    rows = [line for line in out.stdout.splitlines() if line.strip() and not line.startswith("#")]
    text = "self time, by library and symbol:\n" + "\n".join(line[:160].rstrip() for line in rows[:limit])
    return _perf_threads(data) + "\n\n" + text + "\n\n" + _perf_inclusive(data)


# Kernel names of ecdrop's threads (15 characters at most), and what each one does.
THREADS = {
    "MHD-single": "HTTP server (libmicrohttpd's polling thread)",
    "ecdrop.journal": "journal (SQLite writes and flushes)",
    "ecdrop.checkpnt": "journal checkpoints",
    "oot.default-qos": "Swift's cooperative pool (handlers: signature, decoding, rules)",
}


def _perf_threads(data):
    """The samples split by thread: which part of ecdrop the time goes to."""
    try:
        out = subprocess.run(["perf", "report", "-i", data, "--stdio", "--no-children", "--sort",
                              "comm", "-g", "none"], capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as problem:
        return f"perf report failed: {problem}"
    lines = []
    for line in out.stdout.splitlines():
        parts = line.split(None, 1)
        if len(parts) == 2 and parts[0].endswith("%") and not line.startswith("#"):
            name = parts[1].strip()
            lines.append(f"{parts[0]:>8}  {name:<16} {THREADS.get(name, '')}".rstrip())
    return "samples by thread:\n" + "\n".join(lines)


def _perf_inclusive(data, limit=20):
    """ecdrop's own functions by time spent in them and what they call, names demangled."""
    try:
        out = subprocess.run(["perf", "report", "-i", data, "--stdio", "--children", "--sort",
                              "symbol", "-g", "none", "--percent-limit", "2"],
                             capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as problem:
        return f"perf report failed: {problem}"
    rows = [line for line in out.stdout.splitlines() if "ECDrop" in line and "[.]" in line]
    demangler = shutil.which("swift-demangle")
    if demangler and rows:
        named = subprocess.run([demangler, "--simplified", "--compact"], input="\n".join(rows),
                               capture_output=True, text=True, timeout=60).stdout.splitlines()
        rows = named if len(named) == len(rows) else rows
    seen, kept = set(), []
    for row in rows:
        parts = row.split(None, 3)
        if len(parts) < 4 or parts[3] in seen:
            continue
        seen.add(parts[3])
        kept.append(f"{parts[0]:>8}  {parts[3][:140].rstrip()}")
    return "time including callees, ecdrop's own functions:\n" + "\n".join(kept[:limit])
