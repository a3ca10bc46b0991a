"""Disk trouble while ecdrop runs, manifests arriving both ways: the results folder read-only
(a read-only tmpfs: root ignores chmod 0555, not EROFS), the results folder full (a 64 KiB
tmpfs filled up), the state folder removed, and the state folder replaced by a file so it
cannot be made again. Each must be logged once with the path and the fix, cost no manifest,
and heal once the disk is fixed."""

import json
import os
import shutil
import subprocess
import tempfile

from harness.ecdrop import Instance, signed_post
from harness.manifests import packer_manifest
from parts import (Simulator, api_jobs, drop, eventually, log, log_lines, signed,
                   status_of)


def mount_permitted(root):
    probe = tempfile.mkdtemp(prefix="mount-probe-", dir=root)
    try:
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe],
                          capture_output=True).returncode != 0:
            return False
        return subprocess.run(["umount", probe], capture_output=True).returncode == 0
    finally:
        os.rmdir(probe)


def run(argv):
    subprocess.run(argv, check=True, capture_output=True)


class Case:
    """One daemon with its own simulator, drop folder and results folder."""

    def __init__(self, binary, root, name, before_start=None):
        self.name = name
        self.workdir = tempfile.mkdtemp(prefix=f"chaos-disk-{name}-", dir=root)
        self.drop = os.path.join(self.workdir, "drop")
        self.staging = os.path.join(self.workdir, "staging")
        self.results = os.path.join(self.workdir, "results")
        for folder in (self.drop, self.staging, self.results):
            os.makedirs(folder)
        self.binary = binary
        self.checks = {}
        self.simulator = Simulator(binary, self.workdir, 0, import_seconds=1)
        self.mounted = False
        if before_start:
            before_start(self)
        self.instance = None
        self.start()

    def start(self):
        self.instance = Instance(self.binary, self.workdir, self.simulator.endpoint,
                                 drop_folder=self.drop, settle="0s")
        if not self.instance.wait_ready(timeout=30):
            raise RuntimeError(f"ecdrop did not start: {self.instance.log_tail()}")

    def manifest(self, index):
        return packer_manifest(index, f"disk-{self.name}")

    def post(self, index):
        return signed_post(self.instance.url, self.manifest(index)[1])

    def drop_file(self, index):
        run_id, body = self.manifest(index)
        drop(self.drop, self.staging, f"{run_id}.json", body)
        return f"{run_id}.json"

    def image(self, index):
        return f"bench-{self.manifest(index)[0]}"

    def all_final(self, indexes):
        states = api_jobs(self.instance)
        names = [self.image(i) for i in indexes]
        return all(states.get(name) == "available" for name in names)

    def check(self, label, passed):
        self.checks[f"{self.name}: {label}"] = bool(passed)

    def once_each(self, indexes):
        uploads = self.simulator.uploads()
        return uploads == {self.image(i): 1 for i in indexes}

    def result_state(self, index):
        for name in os.listdir(self.results):
            if not name.startswith("job-"):
                continue
            try:
                with open(os.path.join(self.results, name)) as handle:
                    document = json.load(handle)
            except (OSError, ValueError):
                continue
            if document.get("image_name") == self.image(index):
                return document.get("state")
        return None

    def close(self):
        if self.instance and self.instance.process.alive():
            self.instance.stop()
        self.simulator.stop()
        if self.mounted:
            subprocess.run(["umount", "-l", self.results], capture_output=True)


def results_trouble(binary, root, name, prepare, fix, reason):
    """Jobs finish while no result file can be written; one error line; files after `fix`."""
    case = Case(binary, root, name, before_start=prepare)
    try:
        case.check("the posted manifest is accepted", case.post(0) == 202)
        dropped = case.drop_file(1)
        case.check("both jobs become available", eventually(lambda: case.all_final([0, 1])))
        case.check("the dropped manifest is taken",
                   os.path.exists(os.path.join(case.drop, "processed", dropped)))
        errors = log_lines(case.instance, "level=error", 'msg="result file not written"')
        case.check("one error line for the whole outage", len(errors) == 1)
        line = errors[0] if errors else ""
        case.check("the error names the folder and the reason",
                   f"results.folder={case.results}" in line and reason in line)
        case.check("the daemon keeps running", case.instance.process.alive())
        fix(case)
        case.check("result files appear once fixed", eventually(
            lambda: case.result_state(0) == "available" and case.result_state(1) == "available"))
        case.check("the recovery is logged", eventually(
            lambda: log_lines(case.instance, 'msg="results folder writable again"'), seconds=30))
        case.check("one upload per job", case.once_each([0, 1]))
        case.check("SIGTERM exits 0", case.instance.stop() == 0)
    finally:
        case.close()
    return case.checks


def read_only(case):
    run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", case.results])
    case.mounted = True
    run(["mount", "-o", "remount,ro", case.results])


def writable(case):
    run(["mount", "-o", "remount,rw", case.results])


def full(case):
    run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", case.results])
    case.mounted = True
    try:
        with open(os.path.join(case.results, "filler"), "wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()
    except OSError:
        pass


def freed(case):
    os.remove(os.path.join(case.results, "filler"))


def state_removed(binary, root):
    """rm -rf of state_dir: the journal is written back from the open copy, nothing lost."""
    case = Case(binary, root, "state-removed")
    try:
        case.check("a manifest before the removal is accepted", case.post(0) == 202)
        case.check("its job becomes available", eventually(lambda: case.all_final([0])))
        shutil.rmtree(case.instance.state)
        case.check("a posted manifest after the removal is accepted", case.post(1) == 202)
        case.drop_file(2)
        case.check("every job becomes available", eventually(lambda: case.all_final([0, 1, 2])))
        case.check("the journal file is back",
                   os.path.exists(os.path.join(case.instance.state, "journal.sqlite")))
        case.check("the write-back is logged with the path", any(
            os.path.join(case.instance.state, "journal.sqlite") in line
            for line in log_lines(case.instance, 'msg="journal removed, written back"')))
        case.check("SIGTERM exits 0", case.instance.stop() == 0)
        case.start()
        case.check("after a restart the journal holds every job",
                   len(api_jobs(case.instance)) == 3)
        case.check("one upload per job", case.once_each([0, 1, 2]))
    finally:
        case.close()
    return case.checks


def state_blocked(binary, root):
    """state_dir replaced by a file: 503 with Retry-After, dropped files wait, then it heals."""
    case = Case(binary, root, "state-blocked")
    try:
        case.check("a manifest before the trouble is accepted", case.post(0) == 202)
        case.check("its job becomes available", eventually(lambda: case.all_final([0])))
        shutil.rmtree(case.instance.state)
        with open(case.instance.state, "w") as handle:
            handle.write("not a folder\n")
        status, headers, body = signed(case.instance.url, "POST", case.manifest(1)[1])
        case.check("the webhook answers 503 with Retry-After",
                   status == 503 and headers.get("Retry-After") == "30")
        try:
            error = json.loads(body)["error"]
        except (ValueError, KeyError):
            error = {}
        case.check("the answer names the journal path", error.get("code") == "manifest.journal"
                   and os.path.join(case.instance.state, "journal.sqlite") in error.get("message", ""))
        dropped = case.drop_file(2)
        case.check("the dropped file waits in the drop folder", eventually(
            lambda: log_lines(case.instance, 'msg="drop manifest not taken, will retry"', dropped),
            seconds=30) and os.path.exists(os.path.join(case.drop, dropped)))
        case.check("/readyz answers 503",
                   status_of(f"http://127.0.0.1:{case.instance.port}/readyz") == 503)
        errors = log_lines(case.instance, "level=error", 'msg="journal not in place"')
        case.check("one error line naming the fix",
                   len(errors) == 1 and "state_dir a writable folder again" in errors[0])
        case.check("the daemon keeps running", case.instance.process.alive())
        os.remove(case.instance.state)
        case.check("the webhook accepts again", eventually(lambda: case.post(1) == 202))
        case.check("every job becomes available", eventually(lambda: case.all_final([0, 1, 2])))
        case.check("the dropped file is taken",
                   os.path.exists(os.path.join(case.drop, "processed", dropped)))
        case.check("one upload per job", case.once_each([0, 1, 2]))
        case.check("SIGTERM exits 0", case.instance.stop() == 0)
    finally:
        case.close()
    return case.checks


def disk_trouble(binary, root):
    checks = {}
    if mount_permitted(root):
        checks.update(results_trouble(binary, root, "results-read-only", read_only, writable,
                                      "Read-only file system"))
        checks.update(results_trouble(binary, root, "results-full", full, freed,
                                      "No space left on device"))
        skipped = None
    else:
        skipped = "mount(8) is not permitted here (needs root with CAP_SYS_ADMIN); " \
                  "the read-only and full results folder cases did not run"
        log(f"disk: {skipped}")
    checks.update(state_removed(binary, root))
    checks.update(state_blocked(binary, root))
    return {"checks": checks, "skipped": skipped, "ok": all(checks.values())}
