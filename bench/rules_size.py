"""How long a large rule file takes to check, by size (issue 10: "large rule files (5 MB) parse in
seconds, not minutes").  The text is the seed contract's clauses repeated (clause numbers made
unique; the rule names repeat, so the checker reports them — a full check all the same).

    python bench/rules_size.py            # 0.5, 1, 2 and 5 million characters
    python bench/rules_size.py 1 8        # sizes in millions of characters
"""
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.api import compile_rules  # noqa: E402
from engine.diagnostics import QiyueError  # noqa: E402


def text_of(chars: int) -> str:
    seed = (ROOT / "rules" / "gzmz-2025-it-ops.qy").read_text(encoding="utf-8")
    head, body = seed.split("\nclause ", 1)
    body = "clause " + body
    parts = [head]
    for k in range(max(1, chars // len(body))):
        parts.append(re.sub(r'clause "([^"]+)"', lambda m: f'clause "{m.group(1)}-{k}"', body))
    return "\n".join(parts)


def main(sizes):
    print(f"{'characters':>12} {'seconds':>8} {'µs/char':>8}  outcome")
    for mega in sizes:
        text = text_of(int(mega * 1e6))
        t = time.perf_counter()
        try:
            compile_rules(text, "big.qy")
            outcome = "compiled"
        except QiyueError as exc:
            outcome = f"{len(exc.diagnostics)} diagnostics ({exc.diagnostics[0].code})"
        dt = time.perf_counter() - t
        print(f"{len(text):>12,} {dt:>8.1f} {dt / len(text) * 1e6:>8.2f}  {outcome}")


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [0.5, 1, 2, 5])
