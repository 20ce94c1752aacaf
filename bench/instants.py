"""Many instants in one replay (issue 13, part 4): `qiyue eval --as-of A,B,…` at the twelve month
ends of the service year against twelve separate `qiyue eval --as-of X`, end to end, on the
generated mixes of bench/mixes.py.

    python bench/instants.py                           # realistic and payment, 100,000 facts, json
    python bench/instants.py --mixes interruption --sizes 20000 --formats json,text
    python bench/instants.py --check                   # and compare each report with the separate one

Prints, per mix and format: the twelve separate commands (their wall and CPU time summed, the
largest peak RSS), the one command with twelve instants (wall, CPU, peak RSS), and the ratio.  With
``--check`` the one command's reports (json) are read back and each compared with the separate
command's report at its instant — they must be equal, byte for byte once parsed.  Figures, not
verdicts: exit 0 whenever it ran (``--check`` exits 1 on a difference).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import mixes  # noqa: E402  (the streams, the child runner, the machine line)

# the 24:00 ending each month of the service year (2025-07 … 2026-06), as the 00:00 after it
MONTH_ENDS = [f"{y}-{m:02d}-01T00:00:00+08:00" for y, m in
              [(2025, m) for m in range(8, 13)] + [(2026, m) for m in range(1, 8)]]


def argv(facts: Path, as_of: str, fmt: str, out: Path) -> list[str]:
    return [sys.executable, "-m", "engine.cli", "eval", str(mixes.SRC / mixes.RULES_NAME), "--facts", str(facts),
            "--as-of", as_of, "--format", fmt, "-o", str(out)]


def main(argv_=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mixes", default="realistic,payment")
    ap.add_argument("--sizes", default="100000")
    ap.add_argument("--formats", default="json")
    ap.add_argument("--seed", type=int, default=20250627)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "qiyue-bench-mixes")
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--check", action="store_true", help="compare each instant's report with the separate one")
    args = ap.parse_args(argv_)
    print(mixes.machine())
    print(f"source: {mixes.source_state()}")
    print(f"instants: {len(MONTH_ENDS)} month ends, {MONTH_ENDS[0]} … {MONTH_ENDS[-1]}\n")
    print(f"{'mix':<13} {'facts':>8} {'fmt':<5} {'12 separate s (CPU)':>22} {'max MiB':>9} "
          f"{'one run s (CPU)':>18} {'MiB':>9} {'× faster':>9} {'out MB sep / one':>17}")
    differ = False
    for name in args.mixes.split(","):
        mix = mixes.MIXES[name]
        for n in (int(x) for x in args.sizes.split(",")):
            facts, _ = mixes.stream_file(mix, n, args.seed, args.cache)
            for fmt in args.formats.split(","):
                with tempfile.TemporaryDirectory(prefix="qiyue-instants-") as d:
                    d = Path(d)
                    wall = cpu = 0.0
                    rss = size = 0
                    for i, at in enumerate(MONTH_ENDS):
                        r = mixes.run_child(argv(facts, at, fmt, d / f"one-{i}.{fmt}"), args.timeout, d / f"one-{i}.{fmt}")
                        if r.code != 0:
                            print(f"{name}: separate run at {at} failed: {r.error}")
                        wall, cpu, rss, size = wall + r.seconds, cpu + r.cpu, max(rss, r.rss_kib), size + r.out_bytes
                    out = d / f"many.{fmt}"
                    m = mixes.run_child(argv(facts, ",".join(MONTH_ENDS), fmt, out), args.timeout, out)
                    if m.code != 0:
                        print(f"{name}: the run with {len(MONTH_ENDS)} instants failed: {m.error}")
                    print(f"{name:<13} {n:>8,} {fmt:<5} {wall:>11.2f} s ({cpu:>6.2f}) {mixes.mib(rss):>9} "
                          f"{m.seconds:>7.2f} s ({m.cpu:>6.2f}) {mixes.mib(m.rss_kib):>9} {wall / m.seconds:>8.1f}× "
                          f"{size / 1e6:>8.1f} / {m.out_bytes / 1e6:.1f}", flush=True)
                    if args.check and fmt == "json":
                        many = json.loads(out.read_bytes())
                        for i, at in enumerate(MONTH_ENDS):
                            one = json.loads((d / f"one-{i}.json").read_bytes())
                            if many.get(one["as_of"]) != one:
                                differ = True
                                print(f"  DIFFERS at {at}")
                        print(f"  checked: {'differences above' if differ else 'every report equals the separate one'}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
