"""Golden reports for the example contracts (issue 11): each fact stream in facts/examples/ has its
expected report in tests/golden/examples/.

The same `comparable()` and `check()` as the seed's scenario library (tests/test_golden.py): a
difference fails with a readable diff.  After reviewing a deliberate change, rewrite the files with
``pytest tests/test_examples_golden.py --update-golden`` and review the git diff.  The hand counts
behind the due instants and amounts are in tests/test_examples.py.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.api import compile_rules
from test_golden import check, comparable  # tests/ is on sys.path (rootdir conftest, no __init__.py)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "rules" / "examples"
FACTS = ROOT / "facts" / "examples"

# (scenario = facts/examples/<name>.jsonl, rules file in rules/examples/, as_of): the as_of of each
# is the one its hand-counted tests in tests/test_examples.py use
CASES = [
    ("goods-national-day", "goods-procurement.qy", "2026-12-01T00:00:00+08:00"),
    ("goods-late-and-capped", "goods-procurement.qy", "2026-07-01T12:00:00+08:00"),
    ("goods-guarantee-claim", "goods-procurement.qy", "2026-10-20T00:00:00+08:00"),
    ("goods-extension-agreed", "goods-procurement.qy", "2026-10-31T00:00:00+08:00"),
    ("om-year-national-day", "om-outsourcing.qy", "2026-10-20T12:00:00+08:00"),
    ("om-low-score-terminated", "om-outsourcing.qy", "2026-07-01T12:00:00+08:00"),
    ("om-three-months-below-80", "om-outsourcing.qy", "2026-08-10T12:00:00+08:00"),
    ("om-full-year-rating", "om-outsourcing.qy", "2027-01-20T12:00:00+08:00"),
    ("sale-clean-year", "equipment-sale.qy", "2027-03-05T00:00:00+08:00"),
    ("sale-late-delivery-terminated", "equipment-sale.qy", "2026-03-10T00:00:00+08:00"),
    ("sale-inspection-objection-late", "equipment-sale.qy", "2026-03-10T00:00:00+08:00"),
    ("sale-installments-terminated", "equipment-sale.qy", "2026-03-31T12:00:00+08:00"),
    ("sale-installments-whole-price", "equipment-sale.qy", "2026-03-31T12:00:00+08:00"),
    ("sale-warranty-downtime", "equipment-sale.qy", "2027-03-10T00:00:00+08:00"),
    ("sale-force-majeure-weekend", "equipment-sale.qy", "2026-03-12T00:00:00+08:00"),
    ("lease-rent-holidays", "office-lease.qy", "2026-10-20T00:00:00+08:00"),
    ("lease-part-payments", "office-lease.qy", "2026-01-20T00:00:00+08:00"),
    ("lease-late-rent-terminated", "office-lease.qy", "2026-02-20T00:00:00+08:00"),
    ("lease-repair-self-help", "office-lease.qy", "2026-04-20T00:00:00+08:00"),
    ("lease-unauthorised-sublease", "office-lease.qy", "2026-03-10T00:00:00+08:00"),
    ("lease-early-termination-national-day", "office-lease.qy", "2026-10-20T00:00:00+08:00"),
]
# one CLI case per contract: the command line gives the same report as the API
CLI_CASES = [next(c for c in CASES if c[1] == rules) for rules in dict.fromkeys(c[1] for c in CASES)]


@pytest.fixture(scope="module")
def compiled():
    cache = {}

    def get(rules):
        if rules not in cache:
            # named relative to the repository, as the CLI case below: a finding's source position (the rule
            # that first needs a calendar year no calendar knows) names the file, and the golden must not
            # depend on where the repository lies
            cache[rules] = compile_rules((EXAMPLES / rules).read_text(encoding="utf-8"), f"rules/examples/{rules}")
        return cache[rules]
    return get


@pytest.mark.parametrize("name,rules,as_of", CASES, ids=[c[0] for c in CASES])
def test_api_matches_golden(compiled, update_golden, name, rules, as_of):
    lines = (FACTS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    report = compiled(rules).evaluate(lines, as_of, f"facts/examples/{name}.jsonl")
    check(f"examples/{name}", as_of, comparable(report), update_golden)


@pytest.mark.parametrize("name,rules,as_of", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_matches_golden(update_golden, name, rules, as_of):
    if update_golden:
        pytest.skip("golden files are written by the API test")
    proc = subprocess.run([sys.executable, "-m", "engine.cli", "eval", f"rules/examples/{rules}", "--facts",
                           f"facts/examples/{name}.jsonl", "--as-of", as_of, "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    check(f"examples/{name}", as_of, comparable(json.loads(proc.stdout)), False)


def test_every_example_stream_has_a_golden_case():
    streams = {p.stem for p in FACTS.glob("*.jsonl")}
    assert streams == {name for name, _, _ in CASES}
    # and every contract in rules/examples/ has a CLI case
    assert {p.name for p in EXAMPLES.glob("*.qy")} == {rules for _, rules, _ in CLI_CASES}


def test_no_stray_golden_file():
    assert {p.stem for p in (ROOT / "tests" / "golden" / "examples").glob("*.json")} == {c[0] for c in CASES}


def test_the_readme_lists_every_stream_with_its_as_of():
    """rules/examples/README.md's scenarios table: one row per stream, at the as_of its golden is made for."""
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`") and cells[0].endswith("`"):
            rows[cells[0].strip("`")] = cells[2]
    assert rows == {name: as_of[:16].replace("T", " ") for name, _, as_of in CASES}
