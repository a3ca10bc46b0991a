"""Writes the Markdown report: machine facts, one table per benchmark, ratios, targets."""

import datetime

from .stats import ratio

ECDROP = "ecdrop"


def _num(value, digits=0, unit=""):
    if value is None:
        return "—"
    if isinstance(value, float) and digits == 0 and abs(value) < 10:
        digits = 2
    return f"{value:,.{digits}f}{unit}"


def _times(value):
    return "—" if value is None else f"{value:.2f}×"


def _machine(facts):
    rows = [("date (UTC)", facts.get("date")), ("CPU", facts.get("cpu")),
            ("cores", facts.get("cores")), ("memory", facts.get("memory")),
            ("kernel", facts.get("kernel")), ("OS", facts.get("os")),
            ("load average at start", " ".join(facts.get("loadavg") or [])),
            ("Swift", facts.get("swift")), ("webhook", facts.get("webhook")),
            ("inotifywait", facts.get("inotifywait")), ("incron", facts.get("incron")),
            ("wrk", facts.get("wrk")), ("ecdrop", facts.get("ecdrop"))]
    lines = ["| machine | |", "| --- | --- |"]
    lines += [f"| {key} | {value if value is not None else '—'} |" for key, value in rows]
    return lines


def _drop(results):
    ours = results.get(ECDROP, {})
    lines = ["| watcher | files | p50 | p99 | missed | ecdrop p99 vs this |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, row in results.items():
        lines.append(
            f"| {name} | {row['files']} | {_num(row['p50_us'], 0, ' µs')} | "
            f"{_num(row['p99_us'], 0, ' µs')} | {row['missed']} | "
            f"{_times(ratio(ours.get('p99_us'), row['p99_us'], False)) if name != ECDROP else ''} |")
    return lines


def _burst(results):
    lines = ["| subject | files | reported | not reported in time | landing took | "
             "all seen after last file | peak RSS |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, row in results.items():
        after = (_num(row["after_last_s"], 3, " s") if row["after_last_s"] is not None
                 else f"not within {row['timeout_s']:.0f} s")
        lines.append(
            f"| {name} | {row['files']:,} | {row['seen']:,} | {row['lost']:,} | "
            f"{_num(row['write_s'], 3, ' s')} | {after} | {_num(row['peak_rss_mib'], 1, ' MiB')} |")
    return lines


def _intake(results):
    lines = []
    for connections, rows in results.items():
        ours = rows.get(ECDROP, {})
        lines += [f"\n**{connections} connections** (wrk, 2 threads)\n",
                  "| server | requests/s | answered as expected/s | p50 | p99 | server CPU (s/s) | "
                  "peak RSS | written to disk per answer | ecdrop rate vs this |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for name, row in rows.items():
            statuses = ", ".join(f"{k}: {v:,}" for k, v in sorted(row["statuses"].items()))
            lines.append(
                f"| {name} | {_num(row['rps'])} | {_num(row['expected_rps'])} ({statuses}) | "
                f"{_num(row['p50_ms'], 2, ' ms')} | {_num(row['p99_ms'], 2, ' ms')} | "
                f"{_num(row['cpu_per_s'], 2)} | {_num(row['peak_rss_mib'], 1, ' MiB')} | "
                f"{_num(row.get('written_kib_per_request'), 1, ' KiB')} | "
                f"{_times(ratio(ours.get('expected_rps'), row['expected_rps'], True)) if name != ECDROP else ''} |")
    return lines


def _inproc(results):
    lines = ["| benchmark | rate (median) | samples |", "| --- | ---: | ---: |"]
    for row in results:
        lines.append(f"| {row['name']} | {_num(row['medianPerSecond'])} {row['unit']}/s | "
                     f"{len(row['perSecond'])} |")
    return lines


def _idle(results):
    lines = ["| process | watched for | CPU per minute | RSS |", "| --- | ---: | ---: | ---: |"]
    for name, row in results.items():
        lines.append(f"| {name} | {row['seconds']} s | {_num(row['cpu_s_per_min'], 3, ' s')} | "
                     f"{_num(row['rss_mib'], 1, ' MiB')} |")
    return lines


def _fuzz(results):
    lines = ["| target | runs | seconds | corpus | crashes |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, row in results.items():
        lines.append(f"| {name} | {_num(row.get('runs'))} | {row.get('seconds')} | "
                     f"{row.get('corpus', '—')} | {row.get('crashes', '—')} |")
    return lines


def _targets(targets):
    lines = ["| target | measured | verdict |", "| --- | --- | --- |"]
    for row in targets:
        lines.append(f"| {row['target']} | {row['measured']} | {row['verdict']} |")
    return lines


SECTIONS = [
    ("drop", "Drop latency (close + rename into the folder → noticed; ecdrop: → UploadImage "
             "arrives at the endpoint; settle 0)", _drop),
    ("burst", "Burst (files landed at once)", _burst),
    ("intake", "Webhook intake (signed ~1 KiB manifests)", _intake),
    ("inproc", "In-process rates (ecdrop-bench)", _inproc),
    ("idle", "Idle", _idle),
    ("fuzz", "Fuzzing (bounded runs, corpus kept in fuzz/corpus)", _fuzz),
]


def write(path, facts, results, targets, notes, profiles):
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    facts = {**facts, "date": stamp}
    lines = ["# ecdrop benchmark report", "",
             "Written by `bench/run`. Every figure is measured against its peers in the same run, "
             "in alternating rounds (A B A B …); figures are medians of the rounds, latencies are "
             "percentiles over all samples. Ratios are ecdrop's figure against the peer's, "
             "above 1× when ecdrop is better.", ""]
    lines += _machine(facts)
    if targets:
        lines += ["", "## Targets", ""] + _targets(targets)
    for key, title, render in SECTIONS:
        if key in results and results[key]:
            lines += ["", f"## {title}", ""] + render(results[key])
    if profiles:
        lines += ["", "## Where the time goes (profiles of missed targets)", ""]
        for name, text in profiles.items():
            # A Markdown table stays a table; raw profiler output keeps its columns in a block.
            body = [text.rstrip()] if "\n| " in text else ["```", text.rstrip(), "```"]
            lines += [f"### {name}", ""] + body + [""]
    if notes:
        lines += ["", "## Notes", ""] + [f"- {note}" for note in notes]
    with open(path, "w") as handle:
        handle.write("\n".join(lines).rstrip() + "\n")
    return stamp
