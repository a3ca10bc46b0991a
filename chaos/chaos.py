"""The reliability suite's long variant: kill -9 while manifests flow through the webhook and a
drop folder, simulator faults, disk trouble, hostile webhook clients, and a scan for secrets in
everything left behind. Prints a verdict (JSON with --json) and exits 1 when a guarantee was
broken."""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "bench"))

from crash import crash_rounds  # noqa: E402
from disk import disk_trouble  # noqa: E402
from harness.ecdrop import Instance, signed_post  # noqa: E402
from harness.intake import SECRET  # noqa: E402
from harness.manifests import packer_manifest  # noqa: E402
from parts import ACCESS_KEY_SECRET, Simulator, log  # noqa: E402

def hostile(binary, root):
    """Bad and stale signatures, replays, oversized and endless bodies, slowloris and 1,000
    idle connections, while a good client keeps getting its manifests accepted."""
    workdir = tempfile.mkdtemp(prefix="chaos-hostile-", dir=root)
    simulator = Simulator(binary, workdir, 0)
    instance = Instance(binary, workdir, simulator.endpoint)
    checks = {}
    sockets = []
    try:
        if not instance.wait_ready():
            raise RuntimeError(f"ecdrop did not start: {instance.log_tail()}")
        _, body = packer_manifest(1, "hostile")
        checks["bad signature is refused (401)"] = signed_post(instance.url, body, "wrong") == 401
        checks["stale timestamp is refused (401)"] = _stale_post(instance.url, body) == 401
        first = signed_post(instance.url, body)
        checks["replayed delivery adds no job (202 then 200)"] = (
            first == 202 and signed_post(instance.url, body) == 200)
        big = b'{"builds": [], "pad": "' + b"x" * (2 << 20) + b'"}'
        checks["oversized body is refused (413)"] = _status_or_closed(
            lambda: signed_post(instance.url, big)) in (413, "closed")
        for _ in range(1000):
            try:
                sockets.append(socket.create_connection(("127.0.0.1", instance.port), timeout=5))
            except OSError:
                break
        slow = _slowloris(instance.port, 50)
        endless = _endless_body(instance.port)
        good = []
        for index in range(5):
            _, body = packer_manifest(100 + index, "hostile-good")
            good.append(_status_or_closed(lambda: signed_post(instance.url, body)))
        checks["a good client is served during 1,000 idle and 50 slow connections"] = all(
            status == 202 for status in good)
        checks["an endless body is cut off"] = endless.wait(30)
        checks["the daemon is still running"] = instance.process.alive()
        for connection in slow:
            connection.close()
    finally:
        for connection in sockets:
            connection.close()
        instance.stop()
        simulator.stop()
    return {"checks": checks, "ok": all(checks.values()), "workdir": workdir}


def _status_or_closed(call):
    try:
        return call()
    except (OSError, urllib.error.URLError):
        return "closed"


def _stale_post(url, body):
    import hashlib
    import hmac
    stamp = str(int(time.time()) - 3600)
    signature = hmac.new(SECRET.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Ecdrop-Timestamp": stamp,
        "X-Ecdrop-Signature": f"sha256={signature}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code


def _slowloris(port, count):
    held = []
    for _ in range(count):
        try:
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            connection.sendall(b"POST /v1/manifests HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            held.append(connection)
        except OSError:
            break
    return held


def _endless_body(port):
    """Sends a chunked body forever (bounded: 60 s); the event fires when the server cuts it."""
    done = threading.Event()

    def feed():
        try:
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            connection.sendall(b"POST /v1/manifests HTTP/1.1\r\nHost: x\r\n"
                               b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                connection.sendall(b"10000\r\n" + b"x" * 0x10000 + b"\r\n")
                time.sleep(0.01)
        except OSError:
            done.set()

    threading.Thread(target=feed, daemon=True).start()
    return done


def scan_secrets(folders):
    """Every file the agent left behind: its logs, result files, journal and state. The
    simulator's own log is skipped: it prints the test AccessKey it accepts, on purpose."""
    secrets = {"access key secret": ACCESS_KEY_SECRET, "webhook secret": SECRET}
    leaks = []
    for folder in folders:
        for base, _, files in os.walk(folder):
            for name in files:
                if name.endswith((".secret", "access_key_secret", "access_key_id")) or \
                        name in ("ecdrop.yaml", "simulator.log"):
                    continue
                path = os.path.join(base, name)
                try:
                    data = open(path, "rb").read()
                except OSError:
                    continue
                for label, value in secrets.items():
                    if value.encode() in data:
                        leaks.append(f"{label} in {path}")
    return leaks


SECTIONS = ("crash", "faults", "disk", "hostile")


def main():
    parser = argparse.ArgumentParser(prog="chaos/run")
    parser.add_argument("--ecdrop", required=True)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--manifests", type=int, default=20)
    parser.add_argument("--fault-rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the work folders")
    parser.add_argument("--only", help=f"comma-separated sections, of {','.join(SECTIONS)}")
    args = parser.parse_args()
    root = tempfile.mkdtemp(prefix="ecdrop-chaos-")
    sections = set(args.only.split(",")) if args.only else set(SECTIONS)
    unknown = sections - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    log(f"seed {args.seed}; sections {','.join(s for s in SECTIONS if s in sections)}; work in {root}")
    report = {"seed": args.seed}
    started = time.monotonic()
    if "crash" in sections:
        report["crash"] = crash_rounds(args.ecdrop, root, args.rounds, args.manifests, 0, args.seed)
        log(f"crash rounds: {'ok' if report['crash']['ok'] else 'FAILED'}")
    if "faults" in sections:
        report["faults"] = crash_rounds(args.ecdrop, root, max(1, args.rounds // 10),
                                        args.manifests, args.fault_rate, args.seed + 1)
        log(f"faults at {args.fault_rate:.0%}: {'ok' if report['faults']['ok'] else 'FAILED'}")
    if "disk" in sections:
        report["disk"] = disk_trouble(args.ecdrop, root)
        log(f"disk trouble: {'ok' if report['disk']['ok'] else 'FAILED'}")
    if "hostile" in sections:
        report["hostile"] = hostile(args.ecdrop, root)
        log(f"hostile clients: {'ok' if report['hostile']['ok'] else 'FAILED'}")
    report["leaks"] = scan_secrets([root])
    report["seconds"] = round(time.monotonic() - started, 1)
    report["ok"] = all(report[k]["ok"] for k in SECTIONS if k in report) and not report["leaks"]
    print(json.dumps(report, indent=None if args.json else 1, default=str))
    if not args.keep and report["ok"]:
        subprocess.run(["rm", "-rf", root])
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
