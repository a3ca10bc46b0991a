"""What every chaos section shares: the simulator, signed webhook calls, dropping a manifest
into a drop folder the safe way, and reading jobs and logs back."""

import hashlib
import hmac
import json
import os
import sys
import sqlite3
import time
import urllib.error
import urllib.request

from harness import processes
from harness.intake import SECRET

ACCESS_KEY_ID = "LTAI5tBenchKeyId0001"
ACCESS_KEY_SECRET = "bench-access-key-secret-0123456789"
# Final job states; everything else is still in progress.
FINAL = ("available", "failed")


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Simulator:
    def __init__(self, binary, workdir, fault_rate, import_seconds=2):
        self.port = processes.free_port()
        argv = [binary, "simulator", "--listen", f"127.0.0.1:{self.port}",
                "--access-key-id", ACCESS_KEY_ID, "--access-key-secret", ACCESS_KEY_SECRET,
                "--import-seconds", str(import_seconds), "--hang-seconds", "2"]
        if fault_rate:
            argv += ["--fault-rate", str(fault_rate)]
        self.process = processes.Started("simulator", argv, workdir)
        if not processes.wait_for_port(self.port):
            raise RuntimeError("the simulator did not listen")

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def uploads(self):
        """Successful UploadImage calls per ImageName, as the simulator counted them."""
        with urllib.request.urlopen(f"{self.endpoint}/_sim/uploads", timeout=10) as answer:
            return json.load(answer)["uploads"]

    def stop(self):
        self.process.stop()


def signed(url, method="GET", body=b"", secret=SECRET):
    """(status, headers, body) of a request signed as the webhook wants it."""
    stamp = str(int(time.time()))
    signature = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(url, data=body if method == "POST" else None, method=method,
                                     headers={"Content-Type": "application/json",
                                              "X-Ecdrop-Timestamp": stamp,
                                              "X-Ecdrop-Signature": f"sha256={signature}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, dict(refused.headers), refused.read()


def drop(folder, staging, name, body):
    """Writes under a temporary name, then renames into the drop folder."""
    temporary = os.path.join(staging, name)
    with open(temporary, "wb") as handle:
        handle.write(body)
    os.rename(temporary, os.path.join(folder, name))


def journal_jobs(instance):
    """(id, image_name, state) of every job, read from the journal file."""
    path = os.path.join(instance.state, "journal.sqlite")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as db:
        return db.execute("SELECT id, image_name, state FROM jobs").fetchall()


def api_jobs(instance):
    """image name → state, through the daemon's signed `GET /v1/jobs` (it alone opens its
    journal, which matters while its state folder is gone)."""
    try:
        status, _, body = signed(f"http://127.0.0.1:{instance.port}/v1/jobs")
    except OSError:
        return {}
    if status != 200:
        return {}
    return {job["image_name"]: job["state"] for job in json.loads(body)}


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code
    except OSError:
        return None


def log_lines(instance, *fragments):
    try:
        with open(instance.process.log_path, errors="replace") as handle:
            return [line for line in handle if all(part in line for part in fragments)]
    except OSError:
        return []


def eventually(condition, seconds=60, pause=0.2):
    """Waits (bounded) until `condition()` holds; its last value."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(pause)
    return condition()


def json_files(folder):
    try:
        return sorted(name for name in os.listdir(folder) if name.endswith(".json"))
    except OSError:
        return []
