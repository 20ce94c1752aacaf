"""Mutation score of a rule file's properties (issue 12, part 5).

Breaks copies of the rule file in small ways — a number, a unit, a comparison, `and`/`or`, a dropped
exception (`excused if`), a dropped precondition (one condition of an `all of ( … )`), a rate — and
reports how many mutants are caught:

- by the checker (the mutant does not check clean),
- by `qiyue verify` (some property fails on the mutant),
- by the scenario library (some golden scenario's report differs from the original rules' report),

and the score (caught by any ÷ mutants).  Property blocks and quoted text (labels, notes, quotes of
the contract) are never mutated.

The checker catches a mutant that does not check clean, or whose `verify` statements (the
contract's own arithmetic) now warn.  The scenario library compares each stream's verdicts, events,
remedies and findings, under the file's readings and under each other reading an assumption offers
(`one of (…)`): a clause that only one reading switches on is tested under that reading.

    python bench/mutation.py [RULES] [--examples N] [--seed S] [--limit K] [--show]

Prints one line per mutant (what was changed where, and what caught it) with --show, and the totals.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.api import compile_rules  # noqa: E402
from engine.run.compiler import Env  # noqa: E402
from engine.diagnostics import QiyueError  # noqa: E402
from engine.verify.search import verify  # noqa: E402

UNITS = [("working days", "days"), ("days", "working days"), ("hours", "days"), ("months", "days")]
COMPARE = [(">=", ">"), (">", ">="), ("<=", "<"), ("<", "<="), ("==", "!=")]


def mutants(text: str):
    """(line number, what, mutated text) for each small change outside property blocks."""
    lines = text.split("\n")
    in_property = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if re.match(r"(property|性质)\b", stripped):
            in_property = True
        if in_property:
            if stripped == "}":
                in_property = False
            continue
        if stripped.startswith(("#", "quote", "note", '"')) or not stripped:
            continue

        def swap(new_line, what):
            return i + 1, what, "\n".join(lines[:i] + [new_line] + lines[i + 1:])

        quoted = [m.span() for m in re.finditer(r'"[^"]*"', line)]

        def code(m):  # (a match outside quoted text)
            return not any(a <= m.start() < b for a, b in quoted)

        for m in re.finditer(r"(?<![\w.¥%])(\d+)(?=\s*(days|working days|hours|minutes|months|years|日|个工作日|小时)\b)", line):
            if not code(m):
                continue
            n = int(m.group(1))
            for k in (n + 1, n - 1):
                if k > 0:
                    yield swap(line[:m.start(1)] + str(k) + line[m.end(1):], f"{n} → {k}")
        for old, new in UNITS:
            for m in re.finditer(rf"(?<=\d )({old})\b", line):
                if not code(m):
                    continue
                if old == "days" and line[max(0, m.start() - 8):m.start()].endswith("working "):
                    continue
                yield swap(line[:m.start()] + new + line[m.end():], f"{old} → {new}")
        for old, new in COMPARE:
            for m in re.finditer(rf"(?<![<>=!]){re.escape(old)}(?![=])", line):
                if not code(m):
                    continue
                yield swap(line[:m.start()] + new + line[m.end():], f"{old} → {new}")
        for old, new in ((" and ", " or "), (" or ", " and ")):  # (not the keyword of `… or by PATTERN`)
            m = next((m for m in re.finditer(re.escape(old), line)
                      if code(m) and not line[m.end():].startswith("by ")), None)
            if m:
                yield swap(line[:m.start()] + new + line[m.end():], f"{old.strip()} → {new.strip()}")
        if stripped.startswith(("excused if", "免责条件")):
            yield swap("", "excuse dropped")
        for m in re.finditer(r"(\d+(?:\.\d+)?)%", line):
            if not code(m):
                continue
            yield swap(line[:m.start()] + str(float(m.group(1)) * 2).rstrip("0").rstrip(".") + "%" + line[m.end():],
                       f"{m.group(0)} doubled")
        if stripped.startswith(("exists(", "sum(", "count(")) and stripped.endswith(","):
            yield swap("", "precondition dropped")


def readings(text: str, path: str) -> list[dict]:
    """The file's own readings ({}), then each other reading one assumption offers, one at a time."""
    rules = compile_rules(text, path)
    out: list[dict] = [{}]
    for p in rules.checked.rules.params:
        if p.is_assumption and p.choices:
            current = compile_rules(text, path).prepared.compiler.param(p.name)(Env({}, None, None))
            out += [{p.name: c} for c in p.choices if c != current]
    return out


def warnings(rules) -> set:
    return {(d.code, d.span.line if d.span else None) for d in rules.findings if d.severity != "info"}


def scenario_reports(rules_text: str, path: str, cases, assume_all=({},)) -> list | None:
    """Each case's report (or "error") under each reading in ``assume_all``; a case that carries its own
    ``assume`` (tests/test_golden.py's Case) is read under that reading merged over the one tried."""
    out = []
    for reading in assume_all:
        compiled: dict = {}
        for case in cases:
            name, as_of = case[0], case[1]
            assume = {**reading, **dict(getattr(case, "assume", None) or {})}
            key = tuple(sorted(assume.items()))
            if key not in compiled:
                try:
                    compiled[key] = compile_rules(rules_text, path, assume=assume)
                except QiyueError:
                    return None
            lines = (ROOT / "facts" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
            try:
                rep = compiled[key].evaluate(lines, as_of)
            except QiyueError as exc:
                out.append(("error", str(exc)))
                continue
            out.append(json.dumps({k: rep[k] for k in ("obligations", "events", "remedies", "contract_life", "findings")},
                                  sort_keys=True, default=str))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rules", nargs="?", default=str(ROOT / "rules" / "gzmz-2025-it-ops.qy"))
    ap.add_argument("--examples", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="at most this many mutants (every k-th, spread evenly)")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests"))
    from test_golden import CASES  # the scenario library: (stream, as_of, assume, refused)

    text = Path(args.rules).read_text(encoding="utf-8")
    assume_all = readings(text, args.rules)
    base = scenario_reports(text, args.rules, CASES, assume_all)
    base_warnings = warnings(compile_rules(text, args.rules))
    found = list(mutants(text))
    if args.limit and len(found) > args.limit:
        step = len(found) / args.limit
        found = [found[int(k * step)] for k in range(args.limit)]
    t0 = time.perf_counter()
    tally = {"checker": 0, "verify": 0, "scenarios": 0, "any": 0, "survived": 0}
    survivors = []
    earned: dict[str, int] = {}  # property -> mutants it caught
    for line_no, what, mutated in found:
        by = []
        try:
            rules = compile_rules(mutated, args.rules)
        except QiyueError:
            by.append("checker")
            rules = None
        if rules is not None:
            if warnings(rules) - base_warnings:
                by.append("checker")
            result = verify(rules, args.examples, args.seed)
            if not result.held:
                caught = [o.name for o in result.outcomes if not o.held]
                by.append("verify")
                for name in caught:
                    earned[name] = earned.get(name, 0) + 1
            if scenario_reports(mutated, args.rules, CASES, assume_all) != base:
                by.append("scenarios")
        for k in by:
            tally[k] += 1
        tally["any" if by else "survived"] += 1
        if not by:
            survivors.append((line_no, what))
        if args.show:
            props = f"  ({', '.join(caught)})" if "verify" in by else ""
            print(f"line {line_no:4d}  {what:28s}  {', '.join(by) or 'SURVIVED'}{props}", flush=True)
    n = len(found)
    secs = time.perf_counter() - t0
    print(f"mutants: {n} ({args.rules}), {args.examples} examples per property, seed {args.seed}, {secs:.0f} s")
    for k in ("checker", "verify", "scenarios"):
        print(f"  caught by {k:10s} {tally[k]:4d}  ({tally[k] / n:.0%})" if n else "")
    print(f"  caught by any        {tally['any']:4d}  score {tally['any'] / n:.1%}" if n else "no mutants")
    if earned:
        print("  properties that failed on a mutant: " + ", ".join(
            f"{name} {k}" for name, k in sorted(earned.items(), key=lambda x: (-x[1], x[0]))))
    if survivors:
        print("  survived: " + "; ".join(f"line {ln} {w}" for ln, w in survivors[:40]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
