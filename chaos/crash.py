"""kill -9 rounds while manifests arrive both ways: POSTed to the webhook and renamed into a
drop folder. At the end every manifest has its job, every job is final, and the simulator saw
exactly one successful UploadImage per job."""

import itertools
import os
import random
import signal
import tempfile
import threading
import time

from harness.ecdrop import Instance, signed_post
from harness.manifests import packer_manifest
from parts import FINAL, Simulator, drop, journal_jobs, json_files, log

ECD = ("  request_timeout: 3s", "  max_attempts: 8")


def crash_rounds(binary, root, rounds, count, fault_rate, seed):
    """`rounds` times: start ecdrop, hand over some of the `count` manifests, each the way it
    was given (about half by webhook, half by drop folder), and kill -9 at a random moment.
    Then one clean run until every job is final. A POST that got no answer is sent again
    later, as any client would, and answered ones are sent again too (repeats); a file renamed
    into the drop folder is the daemon's to take, across kills, and a manifest dropped before
    is dropped again under a new name. The drop folder must end empty, nothing set aside in
    failed/, and repeats must add no job and no upload."""
    rng = random.Random(seed)
    workdir = tempfile.mkdtemp(prefix="chaos-crash-", dir=root)
    folder = os.path.join(workdir, "drop")
    staging = os.path.join(workdir, "staging")
    os.makedirs(folder)
    os.makedirs(staging)
    simulator = Simulator(binary, workdir, fault_rate)
    bodies = [packer_manifest(index, f"chaos-{seed}") for index in range(count)]
    ways = ["webhook" if index % 2 == 0 else "drop" for index in range(count)]
    rng.shuffle(ways)
    answered = set()
    dropped = set()
    copies = itertools.count(1)
    killed = 0
    instance = None

    def deliver(url, picks, stop):
        for index in picks:
            if stop.is_set():
                return
            if ways[index] == "drop":
                # A manifest dropped before comes again under a new name, as a build machine
                # that retries would: the journal must see a repeat, not make a second job.
                again = next(copies)
                name = f"{bodies[index][0]}-again-{again}.json" if index in dropped \
                    else f"{bodies[index][0]}.json"
                drop(folder, staging, name, bodies[index][1])
                dropped.add(index)
                continue
            try:
                status = signed_post(url, bodies[index][1])
            except OSError:
                continue
            if status in (200, 202):
                answered.add(index)

    def start():
        started = Instance(binary, workdir, simulator.endpoint, drop_folder=folder, settle="0s",
                           ecd_extra=ECD)
        if not started.wait_ready(timeout=30):
            raise RuntimeError(f"ecdrop did not start: {started.log_tail()}")
        return started

    rows, uploads = [], {}
    try:
        for round_index in range(rounds):
            instance = start()
            picks = rng.sample(range(count), k=min(count, rng.randint(1, 4)))
            stop = threading.Event()
            thread = threading.Thread(target=deliver, args=(instance.url, picks, stop), daemon=True)
            thread.start()
            time.sleep(rng.uniform(0.0, 1.5))
            os.kill(instance.pid, signal.SIGKILL)
            instance.process.process.wait(timeout=10)
            killed += 1
            stop.set()
            thread.join(timeout=15)
            if (round_index + 1) % 10 == 0:
                log(f"crash: {round_index + 1}/{rounds} rounds, {len(answered)} answered, "
                    f"{len(dropped)} dropped")
        instance = start()
        deliver(instance.url, [i for i in range(count) if i not in answered and i not in dropped],
                threading.Event())
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            rows = journal_jobs(instance)
            if len(rows) >= count and all(state in FINAL for _, _, state in rows) \
                    and not json_files(folder):
                break
            time.sleep(0.5)
        uploads = simulator.uploads()
        instance.stop()
    finally:
        if instance and instance.process.alive():
            instance.stop()
        simulator.stop()
    result = verdict(rounds, killed, bodies, ways, answered, dropped, rows, uploads, folder, workdir)
    result["dropped_again"] = next(copies) - 1
    return result


def verdict(rounds, killed, bodies, ways, answered, dropped, rows, uploads, folder, workdir):
    states = {name: state for _, name, state in rows}
    expected = {f"bench-{run}" for run, _ in bodies}
    # Exactly one upload per job; none only for a job that failed before it was sent.
    not_once = {name: uploads.get(name, 0) for name, state in states.items()
                if uploads.get(name, 0) != 1 and not (state == "failed" and name not in uploads)}
    result = {
        "rounds": rounds, "killed": killed, "manifests": len(bodies),
        "posted": ways.count("webhook"), "dropped": ways.count("drop"),
        "answered": len(answered) + len(dropped), "jobs": len(rows),
        "final": sum(1 for state in states.values() if state in FINAL),
        "failed": sum(1 for state in states.values() if state == "failed"),
        "uploads": sum(uploads.values()),
        "doubled": {name: n for name, n in uploads.items() if n > 1},
        "not_uploaded": sorted(name for name, n in not_once.items() if n == 0),
        "without_job": sorted(expected - set(states)),
        "unknown_uploads": sorted(set(uploads) - set(states)),
        "left_in_drop": json_files(folder),
        "set_aside": json_files(os.path.join(folder, "failed")),
        "workdir": workdir,
    }
    result["ok"] = (result["answered"] == len(bodies) and len(rows) == len(bodies)
                    and result["final"] == len(rows) and not not_once
                    and not result["without_job"] and not result["unknown_uploads"]
                    and not result["left_in_drop"] and not result["set_aside"])
    return result
