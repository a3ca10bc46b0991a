"""Starting and stopping the processes under test. Only processes started here are ever ended,
always by their own PID."""

import json
import os
import socket
import subprocess
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


class Started:
    """A child process with its log files; `stop()` ends it by PID, politely then firmly."""

    def __init__(self, name, argv, workdir, env=None, stdout=None):
        self.name = name
        self.argv = argv
        self.log_path = os.path.join(workdir, f"{name}.log")
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            argv, stdout=stdout if stdout is not None else self._log, stderr=self._log,
            env=env, cwd=workdir, start_new_session=True)

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process.poll() is None

    def stop(self, grace=5.0):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=grace)
        self._log.close()
        return self.process.returncode

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self._log.close()


def start_webhook(workdir, secret, port):
    """adnanh/webhook checking HMAC-SHA256 of the body and starting /bin/true without waiting."""
    hooks = [{
        "id": "build",
        "execute-command": "/bin/true",
        "response-message": "accepted",
        "success-http-response-code": 202,
        "trigger-rule-mismatch-http-response-code": 401,
        "trigger-rule": {"match": {
            "type": "payload-hmac-sha256", "secret": secret,
            "parameter": {"source": "header", "name": "X-Hub-Signature-256"}}},
    }]
    hooks_path = os.path.join(workdir, "hooks.json")
    with open(hooks_path, "w") as handle:
        json.dump(hooks, handle)
    started = Started("webhook", ["webhook", "-hooks", hooks_path, "-ip", "127.0.0.1",
                                  "-port", str(port)], workdir)
    if not wait_for_port(port):
        started.stop()
        raise RuntimeError(f"webhook did not listen on 127.0.0.1:{port}; see {started.log_path}")
    return started


def start_incrond(workdir, watch_dir, command):
    """A private incrond (own config, tables and lock) running `command` on IN_MOVED_TO."""
    tables = os.path.join(workdir, "incron.d")
    for sub in ("incron.d", "spool", "run"):
        os.makedirs(os.path.join(workdir, sub), exist_ok=True)
    with open(os.path.join(tables, "bench"), "w") as handle:
        handle.write(f"{watch_dir} IN_MOVED_TO,IN_CLOSE_WRITE {command}\n")
    config = os.path.join(workdir, "incron.conf")
    with open(config, "w") as handle:
        handle.write(
            f"system_table_dir = {tables}\n"
            f"user_table_dir = {os.path.join(workdir, 'spool')}\n"
            f"allowed_users = {os.path.join(workdir, 'allow')}\n"
            f"lockfile_dir = {os.path.join(workdir, 'run')}\n"
            "lockfile_name = incrond-bench\n")
    open(os.path.join(workdir, "allow"), "w").close()
    started = Started("incrond", ["incrond", "-n", "-f", config], workdir)
    time.sleep(0.5)
    if not started.alive():
        started.stop()
        raise RuntimeError(f"incrond exited at once; see {started.log_path}")
    return started


def start_inotifywait(workdir, watch_dir):
    """inotifywait printing one line per file moved in or closed after writing."""
    started = Started(
        "inotifywait",
        ["inotifywait", "-m", "-q", "-e", "moved_to", "-e", "close_write", "--format", "%f",
         watch_dir], workdir, stdout=subprocess.PIPE)
    return started
