"""Is the output byte for byte the same as a commit's?  (issue 13: every speed change keeps it)

    python bench/same_output.py --base HEAD                # working tree against HEAD
    python bench/same_output.py --base b88ea03 --facts 3000 --mixes realistic,one-incident

Runs ``qiyue eval`` of both engines — the working tree's and the commit's (engine/, grammar/,
rules/ exported with git archive, as ``bench/mixes.py --snapshot`` does) — over the same inputs
and compares the bytes written:

- every stream of ``facts/`` (and ``facts/refused/``) with the seed rules, and every stream of
  ``facts/examples/`` with each rule file of ``rules/examples/`` whose name shares its first word;
- the first ``--facts`` lines (default 2,000) of each generated mix of ``bench/mixes.py``
  (generated into its cache when missing);

each as of two instants, in every format: JSON compact and ``--pretty``, text, text
``--inactive``, HTML; in Chinese and English.  Each engine runs all of them in one process
(``engine.cli.main`` per command), so the whole check takes 2–5 minutes (the two engines side by side).  Prints the
differences (first differing line of each) and exits 1 if there is one.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

AS_OF = ["2025-12-31T00:00:00+08:00", "2026-08-31T00:00:00+08:00"]
FORMATS = [["--format", "json"], ["--format", "json", "--pretty"], ["--format", "text"],
           ["--format", "text", "--inactive"], ["--format", "html"]]

DRIVER = r"""
import json, sys, io, contextlib
from engine import cli
jobs = json.load(open(sys.argv[1]))
for job in jobs:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = cli.main(job["argv"])
        except SystemExit as e:
            code = e.code
    with open(job["out"] + ".exit", "w") as f:
        f.write(f"{code}\n{err.getvalue()}")
"""


def cases(facts_n: int, mixes: list[str], tmp: Path) -> list[tuple[str, str]]:
    """(rules, facts) pairs, paths relative to the tree run (rules/) or absolute (facts)."""
    seed = "rules/gzmz-2025-it-ops.qy"
    out = [(seed, str(p)) for p in sorted((ROOT / "facts").glob("*.jsonl"))]
    out += [(seed, str(p)) for p in sorted((ROOT / "facts" / "refused").glob("*.jsonl"))]
    for p in sorted((ROOT / "facts" / "examples").glob("*.jsonl")):
        for r in sorted((ROOT / "rules" / "examples").glob("*.qy")):
            if r.stem.split("-")[0] == p.stem.split("-")[0]:
                out.append((f"rules/examples/{r.name}", str(p)))
    if mixes:
        import tempfile as tf
        import mixes as mx
        cache = Path(tf.gettempdir()) / "qiyue-bench-mixes"
        for mix in mixes:
            path, _ = mx.stream_file(mx.MIXES[mix], facts_n, 20250627, cache)
            out.append((seed, str(path)))
    return out


def run(tree: Path, pairs, outdir: Path, langs) -> subprocess.Popen:
    outdir.mkdir(parents=True, exist_ok=True)
    jobs = []
    for i, (rules, facts) in enumerate(pairs):
        for a, as_of in enumerate(AS_OF):
            for f, fmt in enumerate(FORMATS):
                for lang in langs:
                    name = f"{i:03d}-{Path(facts).stem}-{a}-{f}-{lang}"
                    jobs.append({"argv": ["eval", rules, "--facts", facts, "--as-of", as_of, *fmt,
                                          "--lang", lang, "-o", str(outdir / name)], "out": str(outdir / name)})
    spec = outdir / "jobs.json"
    spec.write_text(json.dumps(jobs))
    return subprocess.Popen([sys.executable, "-c", DRIVER, str(spec)], cwd=tree)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", default="HEAD", help="the commit to compare with (default HEAD)")
    ap.add_argument("--facts", type=int, default=2000, help="lines of each mix (default 2000)")
    ap.add_argument("--mixes", default="realistic,notice,interruption,payment,leak-fm,contracts,one-incident,one-staff")
    ap.add_argument("--langs", default="zh,en")
    args = ap.parse_args()
    mixes = [m for m in args.mixes.split(",") if m]
    with tempfile.TemporaryDirectory(prefix="qiyue-same-") as t:
        tmp = Path(t)
        import mixes as mx
        base = mx.make_snapshot(args.base, tmp / "base")
        mx.SRC, mx.SNAPSHOT = ROOT, None
        pairs = cases(args.facts, mixes, tmp)
        langs = args.langs.split(",")
        both = [run(base, pairs, tmp / "out-base", langs), run(ROOT, pairs, tmp / "out-work", langs)]
        if any(p.wait() for p in both):  # (the two engines side by side: one core each)
            raise SystemExit("a driver failed")
        names = sorted(p.name for p in (tmp / "out-base").iterdir() if p.name != "jobs.json")
        differ = 0
        for name in names:
            a = (tmp / "out-base" / name).read_bytes()
            w = tmp / "out-work" / name
            b = w.read_bytes() if w.exists() else b"<missing>"
            if a != b:
                differ += 1
                if differ <= 20:
                    la, lb = a.splitlines(), b.splitlines()
                    k = next((j for j, (x, y) in enumerate(zip(la, lb)) if x != y), min(len(la), len(lb)))
                    print(f"DIFFERS {name} at line {k + 1}:\n  base: {la[k][:300] if k < len(la) else '<end>'!r}\n"
                          f"  work: {lb[k][:300] if k < len(lb) else '<end>'!r}")
        print(f"{len(names)} outputs compared ({len(pairs)} streams × {len(AS_OF)} instants × {len(FORMATS)} "
              f"formats × {len(langs)} languages, with exit codes and standard error): {differ} differ")
        return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
