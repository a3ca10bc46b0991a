"""The issue's targets, checked against the figures; a miss says by how much."""

from .report import ECDROP


def _row(target, measured, met, miss_by=None):
    if met is None:
        verdict = "not measured in this run"
    elif met:
        verdict = "met"
    else:
        verdict = f"missed by {miss_by}" if miss_by else "missed"
    return {"target": target, "measured": measured, "verdict": verdict, "met": met}


def evaluate(results):
    rows = []
    intake = results.get("intake") or {}
    for connections, table in intake.items():
        ours = (table.get(ECDROP) or {}).get("expected_rps")
        asynchronous = (table.get("webhook async") or {}).get("expected_rps")
        reject = (table.get("webhook reject") or {}).get("expected_rps")
        if ours is None or asynchronous is None:
            rows.append(_row(f"intake ≥ 3× webhook async ({connections} conn.)", "—", None))
        else:
            need = 3 * asynchronous
            rows.append(_row(f"intake ≥ 3× webhook async ({connections} conn.)",
                             f"{ours:,.0f} vs 3 × {asynchronous:,.0f} = {need:,.0f} req/s",
                             ours >= need, f"{need - ours:,.0f} req/s ({(1 - ours / need):.0%})"))
        if ours is None or reject is None:
            rows.append(_row(f"intake ≥ webhook reject-only ({connections} conn.)", "—", None))
        else:
            rows.append(_row(f"intake ≥ webhook reject-only ({connections} conn.)",
                             f"{ours:,.0f} vs {reject:,.0f} req/s", ours >= reject,
                             f"{reject - ours:,.0f} req/s ({(1 - ours / reject):.0%})"))
    drop = (results.get("drop") or {}).get(ECDROP)
    if drop and drop.get("p99_us") is not None:
        p99_ms = drop["p99_us"] / 1000
        rows.append(_row("drop → request p99 < 5 ms (settle 0)", f"{p99_ms:.2f} ms",
                         p99_ms < 5, f"{p99_ms - 5:.2f} ms"))
    else:
        rows.append(_row("drop → request p99 < 5 ms (settle 0)", "—", None))
    burst = (results.get("burst") or {}).get(ECDROP)
    if burst:
        after = burst.get("after_last_s")
        met = burst["lost"] == 0 and after is not None and after <= 2
        rows.append(_row("10,000-file burst journaled ≤ 2 s after the last file, none lost",
                         f"{'—' if after is None else f'{after:.2f} s'}, {burst['lost']} missing",
                         met, None if after is None else f"{max(0, after - 2):.2f} s"))
        rss = burst.get("peak_rss_mib")
        rows.append(_row("burst peak RSS < 64 MiB", f"{rss:.1f} MiB" if rss else "—",
                         None if rss is None else rss < 64,
                         None if rss is None else f"{rss - 64:.1f} MiB"))
    else:
        rows.append(_row("10,000-file burst journaled ≤ 2 s after the last file, none lost", "—",
                         None))
    idle = (results.get("idle") or {}).get(ECDROP)
    if idle and idle.get("cpu_s_per_min") is not None:
        cpu = idle["cpu_s_per_min"]
        rows.append(_row("idle CPU < 0.1 s per minute", f"{cpu:.3f} s/min", cpu < 0.1,
                         f"{cpu - 0.1:.3f} s/min"))
    else:
        rows.append(_row("idle CPU < 0.1 s per minute", "—", None))
    return rows
