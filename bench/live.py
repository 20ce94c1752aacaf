"""durable_rules' limits as qiyue's live backend would meet them (issue 14): prints figures.

    python bench/live.py            # every section, each in its own process (memory apart)
    python bench/live.py --quick    # smaller counts, a few seconds
    python bench/live.py join       # one section: join | facts | sessions | delete | clock | seed

Sections:
  join      facts/s and events/s through a two-fact join (a payment naming its invoice) in one session
  facts     memory per fact a session keeps (a fact some join may still need stays in the session)
  sessions  one session per contract: how many one ruleset holds, memory and time per session, and
            the same over copies of the ruleset (engine.live.rete.Pool) up to --contracts
  delete    whether delete_state frees a session's slot and its memory (and malloc_trim gives it back)
  clock     how durable_rules keeps time: threads its Host starts, what the C engine does without them
  seed      the seed rule file's `for each` patterns compiled (engine.live.patterns): memory per session
  history   one contract's live session (each backend) fed fact by fact (add, then changes) as its history grows to
            --history facts (default 1k, 10k, 100k; the realistic mix of bench/mixes.py, in time
            order): facts/s and per-fact latency (median, p99) in each tenth of the stream, memory
  contracts many contracts at once over worker processes (engine.live.shards.Host, each backend): 10 … --counts
            contracts fed round by round (one fact of every contract, then every contract's changes),
            every session kept and at most --max-live per worker; facts/s, memory, rebuilds

Figures vary with the machine; compare within one run.  docs/live.md records a run's figures.
"""
from __future__ import annotations

import argparse
import ctypes
import gc
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

JOIN = {"paid": {"all": [{"i": {"qy_type": "invoice"}},
                         {"p": {"$and": [{"qy_type": "payment"}, {"a_ref": {"i": "qy_id"}}]}}]}}


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0  # pragma: no cover - not Linux


def trim():
    """Give freed heap back to the system (glibc), so that RSS shows what is really kept."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:  # pragma: no cover - not glibc
        pass


def invoice(sid, k):
    return {"sid": sid, "id": f"i{k}", "qy_id": f"i{k}", "qy_type": "invoice", "a_amount": 100000 + k}


def payment(sid, k):
    return {"sid": sid, "id": f"p{k}", "qy_id": f"p{k}", "qy_type": "payment", "a_ref": f"i{k}", "a_amount": 100000 + k}


def section_join(n: int, crash: bool = True):
    from engine.live import durable_engine
    from engine.live.rete import Ruleset
    e = durable_engine()
    for label, as_event in (("facts (both kept)", False), ("payments as events (consumed)", True)):
        rs = Ruleset(JOIN, "join")
        fired = 0
        t0 = time.perf_counter()
        for k in range(n):
            fired += len(rs.assert_fact(invoice("c", k)))
            if as_event:
                code, state = e.assert_event(rs.handle, json.dumps(payment("c", k)))
                fired += len(rs._take_actions(state)) if code == 0 else 0
            else:
                fired += len(rs.assert_fact(payment("c", k)))
        dt = time.perf_counter() - t0
        lost = f", {n - fired} matches lost (events' ids colliding in durable_rules' 32-bit hash)" if fired != n else ""
        print(f"join, one session, {label}: {2 * n:,} messages, {fired:,} matches in {dt:.2f} s — "
              f"{2 * n / dt:,.0f} messages/s, {dt / (2 * n) * 1e6:.1f} µs each{lost}")
        rs.close()
    if n != 5000:
        return
    # the same join with a correlation on durable_rules' own `id` instead of an attribute: in a child
    # process, since it may bring the interpreter down
    code = ("import json, durable_rules_engine as E\n"
            "h = E.create_ruleset('x', json.dumps({'j': {'all': [{'a': {'t': 'inv'}}, "
            "{'b': {'$and': [{'t': 'paid'}, {'ref': {'a': 'id'}}]}}]}}))\n"
            "for f in ({'sid': 'c', 'id': 'i1', 't': 'inv'}, {'sid': 'c', 'id': 'p1', 't': 'paid', 'ref': 'i1'}):\n"
            "    c, s = E.assert_fact(h, json.dumps(f))\n"
            "    r = E.start_action_for_state(h, s)\n"
            "    print(r and 'matched', flush=True)\n")
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    print(f"join on the reserved attribute `id`: exit code {child.returncode}"
          f"{' (killed by signal %d)' % -child.returncode if child.returncode < 0 else ''}, "
          f"printed {child.stdout.split()!r}")


def section_facts(n: int):
    from engine.live.rete import Ruleset
    rs = Ruleset(JOIN, "facts")
    trim()
    before = rss_mb()
    for k in range(n):  # invoices nobody pays: each stays in the session, waiting for its payment
        rs.assert_fact(invoice("c", k))
    trim()
    kept = rss_mb() - before
    print(f"facts kept in one session: {n:,} unmatched invoices take {kept:.0f} MB — "
          f"{kept * 1024 * 1024 / n / 1024:.1f} KiB per fact")
    before = rss_mb()
    for k in range(n):
        rs.assert_fact({"sid": "c", "id": f"x{k}", "qy_id": f"x{k}", "qy_type": "unread"})
    trim()
    print(f"facts no rule reads: {n:,} take {rss_mb() - before:.1f} MB (not kept)")
    rs.close()


def section_sessions(contracts: int, budget_mb: float):
    from engine.live.rete import MAX_SESSIONS, Pool, Ruleset
    from engine.live import durable_engine
    e = durable_engine()
    # one ruleset, sessions added until it refuses one
    rs = Ruleset(JOIN, "sessions")
    trim()
    before, t0, refused = rss_mb(), time.perf_counter(), None
    for k in range(MAX_SESSIONS + 8):
        try:  # (straight into the C engine: the Ruleset wrapper would refuse the 1,025th itself)
            for f in (invoice(f"c{k}", 0), payment(f"c{k}", 0)):
                code, state = e.assert_fact(rs.handle, json.dumps(f))
                rs._take_actions(state)
        except MemoryError:
            refused = k
            break
    dt = time.perf_counter() - t0
    trim()
    used = rss_mb() - before
    print(f"one ruleset: session {refused + 1 if refused is not None else 'none'} refused with MemoryError "
          f"after {refused} sessions ({used:.0f} MB, {used * 1024 / max(refused or 1, 1):.0f} KiB per session, "
          f"{dt / max(refused or 1, 1) * 1e6:.0f} µs per session of 2 facts)")
    # (the ruleset that refused a session is left as it is: its index counted the refused one)
    # copies of the ruleset, ≤ 1,024 sessions each
    pool = Pool(JOIN, "pool")
    trim()
    before, t0, done, step = rss_mb(), time.perf_counter(), 0, max(1000, contracts // 10)
    last_t, last_n = t0, 0
    while done < contracts:
        for f in (invoice(f"c{done}", 0), payment(f"c{done}", 0)):
            pool.assert_fact(f)
        done += 1
        if done % step == 0 or done == contracts:
            now = time.perf_counter()
            used = rss_mb() - before
            print(f"  pool: {done:>7,} contracts on {len(pool.copies):>3} rulesets — {used:7.0f} MB "
                  f"({used * 1024 / done:.0f} KiB each), last {done - last_n:,} at "
                  f"{(now - last_t) / (done - last_n) * 1e6:.0f} µs per contract (2 facts)")
            last_t, last_n = now, done
            if used > budget_mb:
                print(f"  pool: stopped at the memory budget of {budget_mb:,.0f} MB (--budget-mb)")
                break
    dt = time.perf_counter() - t0
    print(f"pool: {done:,} contracts, {2 * done / dt:,.0f} facts/s with one session per contract")


def section_delete(n: int):
    from engine.live.rete import MAX_SESSIONS, Ruleset
    n = min(n, MAX_SESSIONS)
    rs = Ruleset(JOIN, "delete")
    trim()
    r0 = rss_mb()
    for rnd in range(3):
        for k in range(n):
            rs.assert_fact(invoice(f"r{rnd}c{k}", 0))
            rs.assert_fact(payment(f"r{rnd}c{k}", 1))  # (pays another invoice: both stay)
        trim()
        full = rss_mb()
        for k in range(n):
            rs.delete_session(f"r{rnd}c{k}")
        trim()
        print(f"round {rnd + 1}: {n:,} sessions of 2 kept facts +{full - r0:.0f} MB; after delete_state of "
              f"all and malloc_trim +{rss_mb() - r0:.0f} MB; facts left in a deleted session: "
              f"{len(rs.facts(f'r{rnd}c0'))}")
    # delete_state on a session that never completed an action (what Ruleset.open prevents), in a child
    # process that has used its heap first (import orjson): the C engine frees pointers it never set
    code = ("import json, orjson, durable_rules_engine as E\n"
            "h = E.create_ruleset('x', json.dumps({'r': {'all': [{'m': {'t': 'inv'}}]}}))\n"
            "E.assert_event(h, json.dumps({'sid': 'c', 'id': 'x', 't': 'other'}))\n"
            "E.delete_state(h, 'c')\nprint('deleted')\n")
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    print(f"delete_state of a session never opened by an action, after `import orjson`: exit code "
          f"{child.returncode} {child.stderr.strip().splitlines()[-1:] or child.stdout.split()}")
    # deleting a ruleset without deleting its sessions first
    trim()
    r1 = rss_mb()
    for _ in range(5):
        other = Ruleset(JOIN, "leak")
        for k in range(n):
            other.assert_fact(invoice(f"c{k}", 0))
        other.engine.delete_ruleset(other.handle)  # (its sessions not deleted first)
        other.handle = None
    trim()
    print(f"5 rulesets of {n:,} sessions deleted with delete_ruleset alone: +{rss_mb() - r1:.0f} MB kept (leaked)")
    r2 = rss_mb()
    for _ in range(5):
        other = Ruleset(JOIN, "noleak")
        for k in range(n):
            other.assert_fact(invoice(f"c{k}", 0))
        other.close()  # its sessions first
    trim()
    print(f"the same with each session deleted first (Ruleset.close): +{rss_mb() - r2:.0f} MB kept")


def section_clock():
    from engine.live.rete import Ruleset
    base = threading.active_count()
    rs = Ruleset(JOIN, "clock")
    rs.assert_fact(invoice("c", 0))
    got = rs.assert_fact(payment("c", 0))
    print(f"C engine driven directly: threads {base} before, {threading.active_count()} after, "
          f"match taken in the same call: {bool(got)}")
    from durable import engine as dengine
    fired = []
    host = dengine.Host({"h": {"r": {"all": [{"m": {"t": "x"}}], "run": lambda c: fired.append(1)}}})
    print(f"durable.engine.Host: threads {threading.active_count()} after creating one "
          f"(timers dispatching actions every 0.2-0.5 s and `$t` timers by the wall clock)")
    host.post("h", {"t": "x"})
    print(f"  Host.post runs the action in the call: {len(fired)} fired; a timer would come from "
          f"start_timer(name, seconds) → `$baseTime` = time(NULL) + seconds, checked by assert_timers")
    del host


def section_seed(contracts: int):
    from engine.api import compile_file
    from engine.live.patterns import compile_patterns
    rules = compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy")
    plan = compile_patterns(rules)
    print(f"seed rule file: {len(plan.compiled)} `for each` patterns compiled to durable_rules rules, "
          f"{len(plan.refused)} not (reasons in docs/live.md)")
    lines = (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
    facts = rules.load_facts(lines, "full-year.jsonl")
    matcher = plan.matcher()
    trim()
    before, t0 = rss_mb(), time.perf_counter()
    n = 0
    for c in range(contracts):
        for ev in facts:
            matcher.feed(f"c{c}", ev)
            n += 1
    dt = time.perf_counter() - t0
    trim()
    used = rss_mb() - before
    print(f"seed patterns, full-year.jsonl ({len(facts)} facts) in {contracts:,} sessions: {n / dt:,.0f} facts/s, "
          f"{used:.0f} MB ({used * 1024 / contracts:.0f} KiB per session)")
    matcher.close()


def _realistic(n: int) -> list[str]:
    """n facts of bench/mixes.py's realistic mix, in time order (a live session takes facts in order)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import tempfile

    import mixes
    path, _ = mixes.stream_file(mixes.MIXES["realistic"], n, 20250627, Path(tempfile.gettempdir()) / "qiyue-bench-mixes")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [l for _, _, l in sorted((json.loads(l)["at"], i, l) for i, l in enumerate(lines))]


def _backends() -> list[str]:
    from engine.live import available
    return ["reference", "durable"] if available() else ["reference"]


def section_history(sizes: list[int], backends: list[str], feed: str = "line"):
    """A live session (engine.run.session) on each backend: what one more fact costs as the history grows.
    ``feed``: "line" — each fact added alone, then the changes asked for (a fact of an instant already
    taken replays the history: facts of one instant are simultaneous); "instant" — the facts of one
    instant added together (as a feeder that knows them should), then the changes."""
    from engine.api import compile_file
    rules = compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy")
    for n, backend in [(n, b) for n in sizes for b in backends]:
        lines = _realistic(n)
        if feed == "instant":  # (the lines are in time order: one call per instant)
            calls, ats = [], []
            for line in lines:
                at = json.loads(line)["at"]
                if ats and ats[-1] == at:
                    calls[-1].append(line)
                else:
                    calls.append([line])
                    ats.append(at)
            calls = ["\n".join(c) for c in calls]
        else:
            calls = lines
        s = rules.session("history.jsonl", backend)
        trim()
        before = rss_mb()
        lat, changes = [], 0
        t0 = time.perf_counter()
        for call in calls:
            t = time.perf_counter()
            s.add(call)
            changes += len(s.changes())
            lat.append(time.perf_counter() - t)
        dt = time.perf_counter() - t0
        k = len(calls)
        tenth = max(1, k // 10)
        parts = [sorted(lat[i:i + tenth]) for i in range(0, k, tenth)][:10]
        rate = [len(p) / sum(p) for p in parts]
        med = [p[len(p) // 2] * 1e6 for p in parts]
        p99 = [p[min(len(p) - 1, int(len(p) * 0.99))] * 1e6 for p in parts]
        what = "call" if feed == "instant" else "fact"  # (a call: one instant's facts, then the changes)
        print(f"{backend} session, {n:,} facts {'by instant, ' + format(k, ',') + ' calls' if feed == 'instant' else 'one by one'}: "
              f"{n / dt:,.0f} facts/s overall, {changes:,} changes; "
              f"memory +{rss_mb() - before:,.0f} MB ({(rss_mb() - before) * 1024 / n:.1f} KiB a fact)", flush=True)
        print(f"  {what}s/s by tenth of the stream: {', '.join(f'{r:,.0f}' for r in rate)}  "
              f"(last / first tenth {rate[-1] / rate[0]:.2f}x)")
        print(f"  latency a {what}, median µs: {', '.join(f'{m:.0f}' for m in med)}; p99 µs: "
              f"{', '.join(f'{m:.0f}' for m in p99)}", flush=True)
        s.close()
        del s


def section_contracts(counts: list[int], max_live: int | None, processes: int | None, backends: list[str],
                      per: int = 30, order: str = "round"):
    """engine.live.shards.Host: many contracts' sessions over worker processes, on each backend.
    ``order``: "round" — one fact of every contract, then every change, round after round (every contract
    active all the time); "contract" — one contract's facts one by one (each followed by its changes), then
    the next contract's: the contracts before it sit idle (what ``max_live`` parks without rebuilding)."""
    from engine.live.shards import Host
    lines = _realistic(5000)[:per]
    for n, backend in [(n, b) for n in counts for b in backends]:
        with Host(ROOT / "rules" / "gzmz-2025-it-ops.qy", processes=processes, max_live=max_live,
                  backend=backend) as host:
            names = [f"c{k:06d}" for k in range(n)]
            t0 = time.perf_counter()
            changes, worst = 0, 0.0
            if order == "round":
                steps = [[(c, line) for c in names] for line in lines]
            else:
                steps = [[(c, line)] for c in names for line in lines]
            for pairs in steps:
                t = time.perf_counter()
                refused = host.feed(pairs)
                assert not refused, next(iter(refused.values()))
                changes += len(host.changes(pairs[0][0] if order == "contract" else None))
                worst = max(worst, time.perf_counter() - t)
            dt = time.perf_counter() - t0
            stats = host.stats()
            rss = sum(w["rss_kib"] for w in stats) / 1024
            step = "a round (one fact of each contract, then every change)" if order == "round" else \
                "a step (one fact of one contract, then its changes)"
            print(f"{backend:>9}: {n:>6,} contracts × {per} facts over {len(stats)} workers, max_live {max_live or 'all'}, "
                  f"{order} by {order}: {n * per / dt:,.0f} facts/s, {step} {dt / len(steps) * 1e3:,.1f} ms on average, "
                  f"{worst * 1e3:,.0f} ms at most; {changes:,} changes; workers' RSS "
                  f"{rss:,.0f} MB ({rss * 1024 / n:.0f} KiB a contract); live "
                  f"{sum(w['live'] for w in stats):,}, parked {sum(w['parked'] for w in stats):,}, "
                  f"rebuilt {sum(w['rebuilt'] for w in stats):,}", flush=True)


SECTIONS = ("join", "facts", "sessions", "delete", "clock", "seed", "history", "contracts")
DURABLE = ("join", "facts", "sessions", "delete", "clock", "seed")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("section", nargs="?", choices=SECTIONS, help="one section (default: all, each in a child process)")
    ap.add_argument("--quick", action="store_true", help="small counts")
    ap.add_argument("--contracts", type=int, default=None, help="contracts for `sessions` (default 20,000)")
    ap.add_argument("--budget-mb", type=float, default=6000, help="stop `sessions` past this much memory")
    ap.add_argument("--history", default=None, help="fact counts for `history` (default 1000,10000,100000)")
    ap.add_argument("--feed", choices=("line", "instant"), default="line",
                    help="history: add each fact alone (default) or the facts of one instant together")
    ap.add_argument("--counts", default=None, help="contract counts for `contracts` (default 10,100,1000,10000,20000)")
    ap.add_argument("--max-live", type=int, default=None, help="sessions kept per worker in `contracts` (default all)")
    ap.add_argument("--per", type=int, default=30, help="facts of each contract in `contracts` (default 30)")
    ap.add_argument("--order", choices=("round", "contract"), default="round",
                    help="contracts: one fact of every contract a round (default), or each contract's facts in turn")
    ap.add_argument("--processes", type=int, default=None, help="workers in `contracts` (default: cores)")
    ap.add_argument("--backends", default=None, help="history/contracts: reference,durable (default: both where "
                    "durable_rules imports)")
    args = ap.parse_args(argv)
    from engine.diagnostics import QiyueError, render_text
    from engine.live import durable_engine
    try:
        if args.section in DURABLE or args.section is None:
            durable_engine()
    except QiyueError as exc:
        print(render_text(exc.diagnostics, lang="en"), file=sys.stderr)
        if args.section is not None:
            return 1
    quick = args.quick
    contracts = args.contracts or (2000 if quick else 20000)
    if args.section is None:
        import durable
        print(f"durable_rules {getattr(durable, '__version__', '2.0.28')} on Python {sys.version.split()[0]}")
        for s in SECTIONS:
            extra = ["--quick"] if quick else []
            if args.contracts:
                extra += ["--contracts", str(args.contracts)]
            for flag in ("history", "counts", "max_live", "processes", "backends", "per"):
                if getattr(args, flag) is not None:
                    extra += [f"--{flag.replace('_', '-')}", str(getattr(args, flag))]
            extra += ["--feed", args.feed, "--order", args.order]
            print(f"== {s}", flush=True)
            subprocess.run([sys.executable, __file__, s, *extra, "--budget-mb", str(args.budget_mb)], check=False)
        return 0
    if args.section == "join":
        for n in ((5000, 20000) if quick else (5000, 20000, 50000, 100000)):
            section_join(n)
    elif args.section == "facts":
        section_facts(5000 if quick else 50000)
    elif args.section == "sessions":
        section_sessions(contracts, args.budget_mb)
    elif args.section == "delete":
        section_delete(1000)
    elif args.section == "clock":
        section_clock()
    elif args.section == "seed":
        section_seed(100 if quick else 1000)
    elif args.section == "history":
        section_history([int(x) for x in (args.history or ("1000,5000" if quick else "1000,10000,100000")).split(",")],
                        args.backends.split(",") if args.backends else _backends(), args.feed)
    elif args.section == "contracts":
        section_contracts([int(x) for x in (args.counts or ("10,100,1000" if quick else "10,100,1000,10000,20000")).split(",")],
                          args.max_live, args.processes, args.backends.split(",") if args.backends else _backends(),
                          args.per, args.order)
    return 0


if __name__ == "__main__":
    sys.exit(main())
