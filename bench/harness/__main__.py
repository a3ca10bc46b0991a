"""`python3 -m harness` (what bench/run calls): runs the benchmarks and writes the report."""

import argparse
import json
import os
import sys
import tempfile
import time

from . import drop, idle, inproc, intake, machine, report, targets

ALL = ["drop", "burst", "intake", "inproc", "idle", "fuzz"]


def parse():
    parser = argparse.ArgumentParser(prog="bench/run")
    parser.add_argument("--quick", action="store_true",
                        help="small counts and short runs, to check the harness (figures are rough)")
    parser.add_argument("--only", default=",".join(ALL),
                        help=f"comma-separated subset of {','.join(ALL)}")
    parser.add_argument("--report", required=True, help="where the Markdown report goes")
    parser.add_argument("--json", help="where the raw figures go (JSON)")
    parser.add_argument("--ecdrop", help="the ecdrop binary (release build)")
    parser.add_argument("--bench-binary", help="the ecdrop-bench binary (release build)")
    parser.add_argument("--stamp", required=True, help="the compiled stamp program")
    parser.add_argument("--fuzz-dir", help="the fuzz package folder")
    parser.add_argument("--fuzz-seconds", type=int, default=30)
    parser.add_argument("--no-profile", action="store_true", help="skip perf profiles")
    parser.add_argument("--workdir", help="scratch folder (default: a new temporary one)")
    return parser.parse_args()


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main():
    args = parse()
    wanted = [item for item in args.only.split(",") if item]
    unknown = set(wanted) - set(ALL)
    if unknown:
        sys.exit(f"bench/run: unknown benchmark {', '.join(sorted(unknown))}; choose from {ALL}")
    root = args.workdir or tempfile.mkdtemp(prefix="ecdrop-bench-")
    os.makedirs(root, exist_ok=True)
    facts = machine.facts()
    ecdrop_side = None
    notes = []
    if args.ecdrop:
        from . import ecdrop
        ecdrop_side = ecdrop.Side.detect(args.ecdrop, root, log)
        facts["ecdrop"] = ecdrop_side.version if ecdrop_side else None
        if ecdrop_side is None:
            notes.append("ecdrop's side was not measured: this build's `ecdrop run` is not "
                         "usable yet (see the log of bench/run).")
        else:
            notes += ecdrop_side.notes
    quick = args.quick
    results, profiles = {}, {}

    if "drop" in wanted:
        subjects = [drop.RawSubject(), drop.InotifywaitSubject(), drop.IncronSubject(args.stamp)]
        if ecdrop_side and ecdrop_side.drop_subject():
            subjects.insert(0, ecdrop_side.drop_subject())
        results["drop"] = drop.latency(subjects, root, files=100 if quick else 1000,
                                       rounds=2 if quick else 4, log=log)
    if "burst" in wanted:
        files = 1000 if quick else 10_000
        subjects = [drop.InotifywaitSubject(), drop.IncronSubject(args.stamp)]
        if ecdrop_side and ecdrop_side.drop_subject():
            subjects.insert(0, ecdrop_side.drop_subject(burst=True))
        results["burst"] = {s.name: drop.burst(s, root, files=files,
                                               timeout=20 if quick else 90, log=log)
                            for s in subjects}
    if "intake" in wanted:
        subjects = [intake.WebhookSubject("github", "webhook async"),
                    intake.WebhookSubject("bad", "webhook reject")]
        if ecdrop_side and ecdrop_side.intake_subject():
            subjects[0:0] = [ecdrop_side.intake_subject(), ecdrop_side.intake_subject(unpaced=True)]
            subjects.append(ecdrop_side.refused_intake_subject())
        results["intake"] = intake.compare(
            subjects, root, connections_list=(16, 64), seconds=3 if quick else 10,
            rounds=1 if quick else 3, log=log)
    if "inproc" in wanted and args.bench_binary:
        results["inproc"] = inproc.run(args.bench_binary, seconds=0.3 if quick else 1.0,
                                       samples=3 if quick else 5, log=log)
    if "idle" in wanted:
        starters = dict(idle.PEERS)
        if ecdrop_side:
            starters = {"ecdrop": ecdrop_side.idle_starter(), **starters}
        results["idle"] = idle.measure(starters, root, seconds=10 if quick else 60, log=log)
    if "fuzz" in wanted and args.fuzz_dir:
        from . import fuzz
        results["fuzz"] = fuzz.run(args.fuzz_dir, root, seconds=5 if quick else args.fuzz_seconds,
                                   log=log)
    verdicts = targets.evaluate(results)
    if ecdrop_side and not args.no_profile and ecdrop_side.drop_subject():
        missed = {v["target"] for v in verdicts if v["met"] is False}
        if any(t.startswith("drop") for t in missed):
            from . import stages
            log("tracing ecdrop's drop path step by step with strace")
            profiles["ecdrop drop → UploadImage, step by step (strace)"] = \
                stages.profile(ecdrop_side, root, files=10 if quick else 40)
        if any(t.startswith("10,000-file burst") or t.startswith("burst") for t in missed):
            log("profiling ecdrop's burst with perf")
            profiles["ecdrop burst (perf, self time by symbol)"] = \
                ecdrop_side.profile_burst(1000 if quick else 10_000, drop.burst)
    if ecdrop_side and not args.no_profile:
        missed = [v for v in verdicts if v["met"] is False and v["target"].startswith("intake")]
        if missed and ecdrop_side.intake_subject():
            log("profiling ecdrop's intake under wrk (64 connections) with perf")
            profiles["ecdrop intake, 64 connections (perf, self time by symbol)"] = \
                ecdrop_side.profile_intake(64, 5 if quick else 10, intake.run_wrk)
    if quick:
        notes.append("Quick run (`bench/run --quick`): small counts and short runs; "
                     "the figures only show that the harness works.")
    stamp = report.write(args.report, facts, results, verdicts, notes, profiles)
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"date": stamp, "machine": facts, "results": results, "targets": verdicts},
                      handle, indent=1, default=str)
    log(f"report written to {args.report}")


if __name__ == "__main__":
    main()
