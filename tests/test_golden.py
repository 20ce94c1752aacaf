"""The scenario library: each fact stream in facts/ has its expected report in tests/golden/.

One table of cases drives the Python API and the CLI alike.  A difference fails with a
readable diff; after reviewing a deliberate change, rewrite the files with
``pytest tests/test_golden.py --update-golden`` and review the git diff.
"""
import difflib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.explain import finding_message, render_lines

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"

# (scenario = facts/<name>.jsonl, as_of): what each stream shows
CASES = [
    ("full-year", "2026-08-31T00:00:00+08:00"),           # signing to handover and bond release
    ("clean-year", "2026-07-20T00:00:00+08:00"),
    ("missed-review", "2026-10-20T00:00:00+08:00"),       # deemed acceptance over National Day
    ("missed-meeting", "2026-10-20T00:00:00+08:00"),
    ("force-majeure", "2026-07-01T00:00:00+08:00"),       # fax in time, express too late, outside the city
    ("force-majeure-powers", "2026-07-01T00:00:00+08:00"),  # 8.4 excuse and termination rights
    ("data-leak", "2026-07-01T00:00:00+08:00"),           # 1h59 and 2h01; bond deduction
    ("interruption-late", "2026-07-01T00:00:00+08:00"),   # interruption damages, bond deduction, excuse
    ("payments", "2025-12-31T00:00:00+08:00"),            # preconditions, early payment finding
    ("late-payment", "2025-12-31T00:00:00+08:00"),        # 8.3 damages per day and termination right
    ("performance-bond", "2025-10-01T00:00:00+08:00"),
    ("performance-bond-sunday", "2025-10-01T00:00:00+08:00"),
    ("public-interest", "2026-02-01T00:00:00+08:00"),     # 3.1.3 termination; confidentiality breach
]


def comparable(report: dict) -> str:
    """The report as stable text; the rule file's hash is left out (it moves with every comment), and
    so is how the files were read (a path and an encoding the API is not told).  Each verdict's
    structured ``steps`` are shown as their English wording beside the Chinese ``because`` (the
    structure itself is tested in test_explain.py): both languages are reviewed in one diff."""
    report = dict(report)
    report["rules"] = {"file": Path(report["rules"]["file"]).name}
    report["facts"] = {"file": Path(report["facts"]["file"]).name}
    for section in ("obligations", "events", "remedies", "findings"):
        report[section] = [_worded(row) for row in report[section]]
    return json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _worded(row: dict) -> dict:
    row = dict(row)
    steps = row.pop("steps", None)
    if steps is not None:
        row["because_en"] = render_lines(steps, "en")
    if "text" in row:  # a finding of the checker: its English beside the Chinese
        row["message_en"] = row.pop("text")["en"]
    if row.get("args") is not None:
        row["message_en"] = finding_message(row["code"], row["args"], "en")
        row.pop("args")
    return row


def check(name: str, as_of: str, text: str, update: bool):
    path = GOLDEN / f"{name}.json"
    if update:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}: run pytest --update-golden and review it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True),
                                            f"golden/{name}.json", f"report as of {as_of}", n=2))
        pytest.fail(f"report for {name} differs from its golden file:\n{diff[:6000]}", pytrace=False)


@pytest.mark.parametrize("name,as_of", CASES, ids=[c[0] for c in CASES])
def test_api_matches_golden(seed, update_golden, name, as_of):
    lines = (ROOT / "facts" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    report = seed.evaluate(lines, as_of, f"facts/{name}.jsonl")
    report["rules"]["file"] = str(RULES)
    check(name, as_of, comparable(report), update_golden)


@pytest.mark.parametrize("name,as_of", CASES[:4], ids=[c[0] for c in CASES[:4]])
def test_cli_matches_golden(update_golden, name, as_of):
    if update_golden:
        pytest.skip("golden files are written by the API test")
    proc = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(RULES), "--facts",
                           str(ROOT / "facts" / f"{name}.jsonl"), "--as-of", as_of, "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    check(name, as_of, comparable(json.loads(proc.stdout)), False)


def test_every_fact_stream_has_a_golden_case():
    streams = {p.stem for p in (ROOT / "facts").glob("*.jsonl")}
    assert streams == {name for name, _ in CASES}
