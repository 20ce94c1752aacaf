"""qiyue benchmark: compile time, evaluation throughput and memory on the seed contract.

    python bench/bench.py [--facts N] [--seed S] [--repeat R] [--keep FILE] [--profile]

Prints figures beside their targets; it never passes or fails (exit code 0 whenever it
ran).  What it measures:

  (a) parse + check + compile of rules/gzmz-2025-it-ops.qy: the first (cold) call in
      this process, which also builds the LALR tables of the grammar, and the median of
      ~20 warm calls (the grammar is cached per process), with a split by stage;
  (b) a deterministic, seeded fact stream of N facts over the contract's year
      (2025-06-27 .. 2026-06-27, acceptance after) written to a temporary JSONL file,
      then evaluated end to end from that file (read + validate + evaluate + report),
      as facts/second, and the load/validate and evaluate phases on their own;
  (c) the tracemalloc peak of that end-to-end run for N/4, N/2 and N facts.

Targets printed beside the figures: parse+check < 100 ms; >= 50,000 facts/s; memory
linear in N.  ``--profile`` adds a cProfile of the evaluate phase (top functions).
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"
AS_OF = "2026-07-31T00:00:00+08:00"

T_IMPORT = time.perf_counter()
from engine import api  # noqa: E402
from engine.lang import parser as qparser  # noqa: E402

IMPORT_MS = (time.perf_counter() - T_IMPORT) * 1000

# ============================================================================ the fact stream

SIGNED = datetime(2025, 6, 27, 10, 0)
YEAR_FIRST = datetime(2025, 7, 1)
YEAR_LAST = datetime(2026, 6, 24)          # incidents start up to here; the service year ends 06-27
TAIL = datetime(2026, 7, 30, 23, 0)        # nothing is generated after this (as_of is 07-31)
PARTIES = ("甲方", "乙方")
OTHER_SUBJECTS = ("address_change", "meeting", "work_report", "rectification", "staffing", "inspection")


def _ts(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S+08:00")


def _money(x) -> str:
    return f"{x:.2f}"


class _Stream:
    """Facts collected with local keys; ids are given after sorting by time."""

    def __init__(self):
        self.items: list[tuple[datetime, int, dict]] = []
        self.order = 0

    def add(self, at: datetime, ftype: str, ref: int | None = None, **attrs) -> int:
        """Add a fact; ``ref`` is the local key of an earlier fact. Returns this fact's key."""
        key = self.order
        self.order += 1
        fact = {"type": ftype, "at": at, **attrs}
        if ref is not None:
            fact["__ref"] = ref
        self.items.append((at, key, fact))
        return key


def _backbone(s: _Stream, rng: random.Random) -> None:
    """The contract's main line: signing, staff, plan, guarantees, three installments, acceptance."""
    s.add(SIGNED, "contract_signed")
    s.add(datetime(2025, 7, 1, 9, 0), "staff_onsite", count=1)
    s.add(datetime(2025, 7, 1, 9, 30), "staff_onsite", count=1)
    s.add(datetime(2025, 7, 2, 10, 0), "service_plan_submitted")
    s.add(datetime(2025, 7, 3, 10, 0), "payment_application_received", installment=1, amount="3490000.00")
    s.add(datetime(2025, 7, 4, 10, 0), "invoice_received", installment=1, amount="3490000.00", kind="vat_ordinary")
    # a performance guarantee that is too small, then the right one
    s.add(datetime(2025, 7, 10, 10, 0), "guarantee_submitted", purpose="performance", amount="340000.00",
          valid_until="2026-12-31")
    s.add(datetime(2025, 7, 15, 10, 0), "guarantee_submitted", purpose="performance", amount="349000.00",
          valid_until="2026-12-31")
    # installment 1 paid in two parts
    s.add(datetime(2025, 7, 18, 15, 0), "payment_made", installment=1, amount="2000000.00")
    s.add(datetime(2025, 7, 25, 15, 0), "payment_made", installment=1, amount="1490000.00")
    s.add(datetime(2025, 8, 25, 10, 0), "midterm_report_submitted")
    s.add(datetime(2025, 8, 29, 16, 0), "midterm_report_approved")
    s.add(datetime(2025, 9, 1, 10, 0), "payment_application_received", installment=2, amount="1396000.00")
    s.add(datetime(2025, 9, 1, 10, 30), "invoice_received", installment=2, amount="1396000.00", kind="vat_ordinary")
    s.add(datetime(2025, 9, 5, 9, 0), "guarantee_submitted", purpose="prepayment", amount="2094000.00",
          valid_until="2026-07-31")
    s.add(datetime(2025, 9, 5, 10, 0), "payment_application_received", installment=3, amount="2094000.00")
    # a special invoice first (wrong kind), then the ordinary one
    s.add(datetime(2025, 9, 5, 10, 30), "invoice_received", installment=3, amount="2094000.00", kind="vat_special")
    s.add(datetime(2025, 9, 8, 10, 30), "invoice_received", installment=3, amount="2094000.00", kind="vat_ordinary")
    s.add(datetime(2025, 9, 15, 15, 0), "payment_made", installment=2, amount="1396000.00")
    # installment 3 paid late (after 30 days + 第203条 extension)
    s.add(datetime(2025, 10, 20, 15, 0), "payment_made", installment=3, amount="2094000.00")
    s.add(datetime(2026, 3, 2, 9, 0), "staff_onsite", count=1)
    s.add(datetime(2026, 6, 29, 10, 0), "acceptance_applied")
    s.add(datetime(2026, 7, 6, 17, 0), "acceptance_review_completed", passed=True)
    s.add(datetime(2026, 7, 10, 10, 0), "acceptance_held", passed=True)
    s.add(datetime(2026, 7, 20, 10, 0), "handover_delivered")
    s.add(datetime(2026, 7, 24, 10, 0), "bond_release_assisted")


def _instant(rng: random.Random) -> datetime:
    """A random instant in the service year; mostly office hours, sometimes at night."""
    day = YEAR_FIRST + timedelta(days=rng.randrange((YEAR_LAST - YEAR_FIRST).days))
    if rng.random() < 0.8:
        minute = rng.randrange(8 * 60, 19 * 60)
    else:
        minute = rng.randrange(24 * 60)
    return day + timedelta(minutes=minute, seconds=rng.randrange(60))


def _notice(s: _Stream, rng: random.Random, at: datetime, frm: str, subject: str, ref: int | None,
            mix: tuple[float, float, float, float, float]) -> int:
    """A written notice. ``mix``: shares of personal-signed, fax, express local, express out of town,
    personal without a receipt (the last two raise notice_delivery_undetermined)."""
    to = PARTIES[1] if frm == PARTIES[0] else PARTIES[0]
    r = rng.random()
    attrs: dict = {"from": frm, "to": to, "subject": subject}
    edges = [sum(mix[:i + 1]) for i in range(len(mix))]
    if r < edges[0]:
        attrs.update(method="personal", signed_at=_ts(at + timedelta(minutes=rng.randrange(5, 180))))
    elif r < edges[1]:
        attrs.update(method="fax")
    elif r < edges[2]:
        attrs.update(method="express")  # local defaults to true
    elif r < edges[3]:
        attrs.update(method="express", local=False)
    elif r < edges[4]:
        attrs.update(method="personal")
    else:
        attrs.update(method="registered_mail", local=True)
    return s.add(at, "notice_sent", ref=ref, **attrs)


def _interruption(s: _Stream, rng: random.Random, budget: int) -> int:
    t0 = _instant(rng)
    sub = rng.randint(1, 29)
    cause = "supplier" if rng.random() < 0.8 else "buyer"
    k = s.add(t0, "service_interruption_started", subproject=sub, cause=cause)
    used = 1
    if budget - used >= 1:
        sent = t0 + timedelta(minutes=rng.randrange(10, 6 * 60))
        _notice(s, rng, sent, "甲方", "service_interruption", k, (0.45, 0.30, 0.17, 0.03, 0.01))
        used += 1
    if budget - used >= 1:
        r = rng.random()
        if r < 0.85:
            done = t0 + timedelta(minutes=rng.randrange(60, 4 * 24 * 60))
        elif r < 0.97:
            done = t0 + timedelta(minutes=rng.randrange(5 * 24 * 60, 12 * 24 * 60))
        else:
            done = None  # never resolved
        if done is not None and done < TAIL:
            s.add(done, "service_interruption_resolved", subproject=sub)
            used += 1
    return used


def _data_leak(s: _Stream, rng: random.Random, budget: int) -> int:
    t0 = _instant(rng)
    k = s.add(t0, "data_leak_discovered", cause="supplier" if rng.random() < 0.7 else "other")
    if budget >= 2:
        sent = t0 + timedelta(minutes=rng.randrange(10, 3 * 60))  # some later than 2 hours
        _notice(s, rng, sent, "乙方", "data_leak", k, (0.30, 0.60, 0.10, 0.0, 0.0))
        return 2
    return 1


def _force_majeure(s: _Stream, rng: random.Random, budget: int) -> int:
    t0 = _instant(rng)
    party = rng.choice(PARTIES)
    k = s.add(t0, "force_majeure_occurred", party=party)
    if budget >= 2:
        sent = t0 + timedelta(minutes=rng.randrange(120, 3 * 24 * 60))
        _notice(s, rng, sent, party, "force_majeure", k, (0.40, 0.40, 0.18, 0.02, 0.0))
        return 2
    return 1


def _other(s: _Stream, rng: random.Random, budget: int) -> int:
    t0 = _instant(rng)
    r = rng.random()
    if r < 0.2:
        s.add(t0, "security_incident_found")
    elif r < 0.25 and budget >= 2:
        party = rng.choice(PARTIES)
        s.add(t0, "address_changed", party=party)
        _notice(s, rng, t0 - timedelta(days=rng.randrange(1, 20)), party, "address_change", None,
                (0.4, 0.4, 0.2, 0.0, 0.0))
        return 2
    else:
        _notice(s, rng, t0, rng.choice(PARTIES), rng.choice(OTHER_SUBJECTS), None, (0.5, 0.3, 0.15, 0.05, 0.0))
    return 1


MIX = ((0.80, _interruption), (0.04, _data_leak), (0.01, _force_majeure), (0.15, _other))


def generate(n: int, seed: int = 20250627) -> list[str]:
    """Exactly ``n`` JSON lines (n >= 25), time-ordered, unique ids, refs to earlier facts."""
    rng = random.Random(seed)
    s = _Stream()
    _backbone(s, rng)
    if n < len(s.items):
        raise SystemExit(f"--facts must be at least {len(s.items)}")
    while len(s.items) < n:
        budget = n - len(s.items)
        r, acc = rng.random(), 0.0
        for share, make in MIX:
            acc += share
            if r < acc:
                make(s, rng, budget)
                break
    s.items.sort(key=lambda t: (t[0], t[1]))
    ids = {key: f"f-{i + 1:07d}" for i, (_, key, _) in enumerate(s.items)}
    lines = []
    for at, key, fact in s.items:
        out = {"id": ids[key], "type": fact.pop("type"), "at": _ts(fact.pop("at"))}
        ref = fact.pop("__ref", None)
        if ref is not None:
            out["ref"] = ids[ref]
        out.update(fact)
        lines.append(json.dumps(out, ensure_ascii=False))
    return lines


def write_stream(n: int, seed: int, directory: str) -> Path:
    path = Path(directory) / f"bench-{n}.jsonl"
    path.write_text("\n".join(generate(n, seed)) + "\n", encoding="utf-8")
    return path


# ============================================================================ measurements

def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def bench_compile(runs: int) -> dict:
    text = RULES.read_text(encoding="utf-8")
    path = str(RULES.relative_to(ROOT))
    t = time.perf_counter()
    api.compile_rules(text, path)
    cold = time.perf_counter() - t

    # cold again, several times: drop the per-process grammar cache first
    colds = []
    caches = [getattr(qparser, n) for n in ("_parser", "grammar_text", "_keyword_words") if hasattr(qparser, n)]
    for _ in range(5):
        for c in caches:
            if hasattr(c, "cache_clear"):
                c.cache_clear()
        t = time.perf_counter()
        api.compile_rules(text, path)
        colds.append(time.perf_counter() - t)

    totals, parses, checks = [], [], []
    from engine.lang.checker import check
    for _ in range(runs):
        t0 = time.perf_counter()
        rf = qparser.parse(text, path)
        t1 = time.perf_counter()
        check(rf)
        t2 = time.perf_counter()
        api.compile_rules(text, path)
        t3 = time.perf_counter()
        parses.append(t1 - t0)
        checks.append(t2 - t1)
        totals.append(t3 - t2)
    return {"cold_first": cold, "cold_median": statistics.median(colds), "parse": statistics.median(parses),
            "check": statistics.median(checks), "total": statistics.median(totals),
            "total_min": min(totals), "total_max": max(totals), "runs": runs}


def end_to_end(compiled, path: Path, as_of) -> tuple[float, dict]:
    """The public path: read the file, then CompiledRules.evaluate (validate + evaluate + report)."""
    gc.collect()  # earlier runs' garbage is not this run's cost
    t = time.perf_counter()
    lines = path.read_text(encoding="utf-8").splitlines()
    report = compiled.evaluate(lines, as_of, str(path))
    return time.perf_counter() - t, report


def phases(compiled, path: Path, as_of) -> dict:
    from engine.report.build import build
    gc.collect()
    t0 = time.perf_counter()
    lines = path.read_text(encoding="utf-8").splitlines()
    t1 = time.perf_counter()
    events = compiled.load_facts(lines, str(path))
    t2 = time.perf_counter()
    ev = compiled.run(events, as_of)
    t3 = time.perf_counter()
    with api.collector_paused():  # as CompiledRules.evaluate builds it
        report = build(ev, compiled.sha256, compiled.findings)
    t4 = time.perf_counter()
    json.dumps(report, ensure_ascii=False)
    t5 = time.perf_counter()
    return {"read": t1 - t0, "load": t2 - t1, "run": t3 - t2, "report": t4 - t3, "json": t5 - t4}


def peak_memory(compiled, path: Path, as_of) -> tuple[int, int]:
    """tracemalloc peak of one end-to-end run, and what the report alone still holds after it."""
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    _, report = end_to_end(compiled, path, as_of)
    peak = tracemalloc.get_traced_memory()[1]
    gc.collect()  # the evaluation state is garbage now (some of it in cycles); the report is still held
    current = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del report
    gc.collect()
    return peak, current


def summarize(report: dict) -> str:
    ob = Counter((o["name"], o["status"]) for o in report["obligations"])
    by_name: dict[str, Counter] = {}
    for (name, status), k in ob.items():
        by_name.setdefault(name, Counter())[status] += k
    lines = ["  obligations (instances by status):"]
    for name, c in by_name.items():
        lines.append(f"    {name:<22} " + ", ".join(f"{s} {k:,}" for s, k in sorted(c.items())))
    ev = Counter(e["name"] for e in report["events"])
    lines.append("  deemed events: " + ", ".join(f"{n} {k:,}" for n, k in sorted(ev.items())))
    rem = Counter(r["name"] for r in report["remedies"])
    lines.append("  remedies: " + (", ".join(f"{n} {k:,}" for n, k in sorted(rem.items())) or "none"))
    fi = Counter(f["code"] for f in report["findings"])
    lines.append("  findings: " + (", ".join(f"{n} {k:,}" for n, k in sorted(fi.items())) or "none"))
    return "\n".join(lines)


def profile_run(compiled, path: Path, as_of, top: int) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    events = compiled.load_facts(lines, str(path))
    prof = cProfile.Profile()
    prof.enable()
    compiled.run(events, as_of)
    prof.disable()
    out = io.StringIO()
    st = pstats.Stats(prof, stream=out)
    st.sort_stats("tottime").print_stats(top)
    st.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def row(what: str, figure: str, target: str = "", note: str = "") -> str:
    return f"  {what:<44} {figure:>18}   {target:<22} {note}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=int, default=100_000, help="facts in the generated stream (default 100000)")
    ap.add_argument("--seed", type=int, default=20250627, help="random seed of the generator")
    ap.add_argument("--compile-runs", type=int, default=20, help="warm compile runs for the median (default 20)")
    ap.add_argument("--repeat", type=int, default=3, help="end-to-end runs for the median (default 3)")
    ap.add_argument("--keep", metavar="FILE", help="also copy the generated N-fact stream to FILE")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    ap.add_argument("--profile", action="store_true", help="cProfile the evaluate phase and print the top functions")
    ap.add_argument("--top", type=int, default=25, help="functions shown by --profile (default 25)")
    args = ap.parse_args(argv)
    n = args.facts

    print(f"qiyue bench — rules {RULES.relative_to(ROOT)}, {n:,} facts, seed {args.seed}, as of {AS_OF}")
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cpu; import engine: {IMPORT_MS:,.0f} ms")
    print()

    # (a) ------------------------------------------------------------------ compile
    c = bench_compile(args.compile_runs)
    print("(a) parse + check + compile of the seed rules")
    print(row("first call in this process (cold: grammar built)", ms(c["cold_first"])))
    print(row("cold, grammar cache cleared (median of 5)", ms(c["cold_median"])))
    print(row(f"parse (median of {c['runs']})", ms(c["parse"])))
    print(row(f"check (median of {c['runs']})", ms(c["check"])))
    print(row(f"parse+check+compile, warm (median of {c['runs']})", ms(c["total"]), "target < 100 ms",
              "met" if c["total"] < 0.1 else "NOT met"))
    print(row("  min / max", f"{c['total_min'] * 1000:.1f} / {c['total_max'] * 1000:.1f} ms"))
    print()

    compiled = api.compile_file(RULES)
    as_of = api.parse_as_of(AS_OF)
    with tempfile.TemporaryDirectory(prefix="qiyue-bench-") as tmp:
        # (b) -------------------------------------------------------------- throughput
        t = time.perf_counter()
        path = write_stream(n, args.seed, tmp)
        gen = time.perf_counter() - t
        if args.keep:
            Path(args.keep).write_bytes(path.read_bytes())
        size = path.stat().st_size
        types = Counter(json.loads(line)["type"] for line in path.read_text(encoding="utf-8").splitlines())
        print(f"(b) end-to-end evaluation of {n:,} facts from JSONL ({size / 1e6:,.1f} MB, generated in {ms(gen)})")
        print("  fact types: " + ", ".join(f"{k} {v:,}" for k, v in types.most_common()))
        runs, report = [], None
        for _ in range(max(1, args.repeat)):
            report = None  # the previous run's report is not kept alive through this run
            gc.collect()
            secs, report = end_to_end(compiled, path, as_of)
            runs.append(secs)
        e2e = statistics.median(runs)
        phm = phases(compiled, path, as_of)  # one run, phase by phase
        print(row(f"end to end (median of {len(runs)}): read+validate+eval+report", ms(e2e)))
        rate = n / e2e
        print(row("  throughput", f"{rate:,.0f} facts/s", "target >= 50,000/s", "met" if rate >= 50_000 else "NOT met"))
        print("  phases (one more run):")
        print(row("read file", ms(phm["read"]), "", f"{n / phm['read']:,.0f} facts/s"))
        print(row("load + validate (CompiledRules.load_facts)", ms(phm["load"]), "", f"{n / phm['load']:,.0f} facts/s"))
        print(row("evaluate (CompiledRules.run)", ms(phm["run"]), "", f"{n / phm['run']:,.0f} facts/s"))
        print(row("build report (report.build)", ms(phm["report"])))
        print(row("report as JSON (json.dumps, not in end to end)", ms(phm["json"])))
        print(summarize(report))

        # scaling of the evaluate phase: a constant rate means linear time
        print("  scaling of the evaluate phase (one run each; a falling rate means worse than linear time):")
        sizes = sorted({max(26, n // 4), max(26, n // 2), n})
        streams = {k: (path if k == n else write_stream(k, args.seed, tmp)) for k in sizes}
        for k in sizes:
            events = compiled.load_facts(streams[k].read_text(encoding="utf-8").splitlines(), str(streams[k]))
            gc.collect()
            t = time.perf_counter()
            compiled.run(events, as_of)
            secs = time.perf_counter() - t
            print(row(f"  {k:,} facts", ms(secs), "", f"{k / secs:,.0f} facts/s"))
            del events
        print()

        # (c) -------------------------------------------------------------- memory
        if not args.no_memory:
            print("(c) tracemalloc peak of one end-to-end run (the report is held at the end)")
            peaks = []
            for k in sizes:
                peak, held = peak_memory(compiled, streams[k], as_of)
                peaks.append((k, peak, held))
            for k, peak, held in peaks:
                print(row(f"{k:,} facts", f"{peak / 2**20:,.1f} MiB", "",
                          f"{peak / k:,.0f} B/fact peak; report held after: {held / 2**20:,.1f} MiB"))
            (k0, p0, _), (k1, p1, _) = peaks[0], peaks[-1]
            ratio = (p1 / p0) / (k1 / k0)
            print(row(f"growth {k0:,}→{k1:,} facts vs. linear", f"{ratio:.2f}×", "target ≈ 1.0 (linear)",
                      "linear" if 0.8 <= ratio <= 1.25 else "NOT linear"))
            print()

        if args.profile:
            print("(profile) cProfile of the evaluate phase")
            print(profile_run(compiled, path, as_of, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
