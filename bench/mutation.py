"""Mutation score of a rule file's properties (issue 12, part 5).

Breaks copies of the rule file in small ways — a number, a unit, a comparison, `and`/`or`, a dropped
exception (`excused if`), a dropped precondition (one condition of an `all of ( … )`), a rate — and
reports how many mutants are caught:

- by the checker (the mutant does not check clean),
- by `qiyue verify` (some property fails on the mutant),
- by the scenario library (some golden scenario's report differs from the original rules' report),

and the score (caught by any ÷ mutants).  Property blocks themselves are never mutated.

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

        for m in re.finditer(r"(?<![\w.¥%])(\d+)(?=\s*(days|working days|hours|minutes|months|years|日|个工作日|小时)\b)", line):
            n = int(m.group(1))
            for k in (n + 1, n - 1):
                if k > 0:
                    yield swap(line[:m.start(1)] + str(k) + line[m.end(1):], f"{n} → {k}")
        for old, new in UNITS:
            for m in re.finditer(rf"(?<=\d )({old})\b", line):
                if old == "days" and line[max(0, m.start() - 8):m.start()].endswith("working "):
                    continue
                yield swap(line[:m.start()] + new + line[m.end():], f"{old} → {new}")
        for old, new in COMPARE:
            for m in re.finditer(rf"(?<![<>=!]){re.escape(old)}(?![=])", line):
                yield swap(line[:m.start()] + new + line[m.end():], f"{old} → {new}")
        for old, new in ((" and ", " or "), (" or ", " and ")):
            if old in line and not stripped.startswith(("fulfilled by", "or by")):
                yield swap(line.replace(old, new, 1), f"{old.strip()} → {new.strip()}")
        if stripped.startswith(("excused if", "免责条件")):
            yield swap("", "excuse dropped")
        for m in re.finditer(r"(\d+(?:\.\d+)?)%", line):
            yield swap(line[:m.start()] + str(float(m.group(1)) * 2).rstrip("0").rstrip(".") + "%" + line[m.end():],
                       f"{m.group(0)} doubled")
        if stripped.startswith(("exists(", "sum(", "count(")) and stripped.endswith(","):
            yield swap("", "precondition dropped")


def scenario_reports(rules_text: str, path: str, cases) -> list | None:
    try:
        rules = compile_rules(rules_text, path)
    except QiyueError:
        return None
    out = []
    for name, as_of in cases:
        lines = (ROOT / "facts" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        try:
            rep = rules.evaluate(lines, as_of)
        except QiyueError as exc:
            out.append(("error", str(exc)))
            continue
        out.append(json.dumps({k: rep[k] for k in ("obligations", "events", "remedies", "contract_life")},
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
    from test_golden import CASES  # the scenario library: (stream, as_of)

    text = Path(args.rules).read_text(encoding="utf-8")
    base = scenario_reports(text, args.rules, CASES)
    found = list(mutants(text))
    if args.limit and len(found) > args.limit:
        step = len(found) / args.limit
        found = [found[int(k * step)] for k in range(args.limit)]
    t0 = time.perf_counter()
    tally = {"checker": 0, "verify": 0, "scenarios": 0, "any": 0, "survived": 0}
    survivors = []
    for line_no, what, mutated in found:
        by = []
        try:
            rules = compile_rules(mutated, args.rules)
        except QiyueError:
            by.append("checker")
            rules = None
        if rules is not None:
            result = verify(rules, args.examples, args.seed)
            if not result.held:
                by.append("verify")
            if scenario_reports(mutated, args.rules, CASES) != base:
                by.append("scenarios")
        for k in by:
            tally[k] += 1
        tally["any" if by else "survived"] += 1
        if not by:
            survivors.append((line_no, what))
        if args.show:
            print(f"line {line_no:4d}  {what:28s}  {', '.join(by) or 'SURVIVED'}", flush=True)
    n = len(found)
    secs = time.perf_counter() - t0
    print(f"mutants: {n} ({args.rules}), {args.examples} examples per property, seed {args.seed}, {secs:.0f} s")
    for k in ("checker", "verify", "scenarios"):
        print(f"  caught by {k:10s} {tally[k]:4d}  ({tally[k] / n:.0%})" if n else "")
    print(f"  caught by any        {tally['any']:4d}  score {tally['any'] / n:.1%}" if n else "no mutants")
    if survivors:
        print("  survived: " + "; ".join(f"line {ln} {w}" for ln, w in survivors[:40]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
