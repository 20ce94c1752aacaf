"""The scenario library: each fact stream in facts/ has its expected report in tests/golden/.

One table of cases drives the Python API and the CLI alike.  A difference fails with a
readable diff; after reviewing a deliberate change, rewrite the files with
``pytest tests/test_golden.py --update-golden`` and review the git diff.

A case may read its stream under another reading of the rule file (``assume``: what
``compile_rules(..., assume=...)`` and ``qiyue eval --assume NAME=VALUE`` take); its golden file
then names the reading (``supplier-terminates@termination_effective=on-delivery-of-the-notice``).
A case may also be a stream the engine must refuse (``refused``): its golden file holds the
errors.  The hand-counted verdicts of the streams added for the mutation bench are asserted in
tests/test_counsel_streams.py.
"""
import difflib
import json
import subprocess
import sys
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, NamedTuple

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.report.explain import finding_message, render_lines

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"

NO_ASSUMPTION: Mapping[str, str] = MappingProxyType({})
DELIVERY = {"termination_effective": "on delivery of the notice"}
EACH_PARTY = {"agreement_record": "a record from each party"}


class Case(NamedTuple):
    """A stream facts/<stream>.jsonl read as of ``as_of`` under the rule file's readings changed by
    ``assume``; ``refused``: the engine must refuse the stream (the golden file holds the errors)."""
    stream: str
    as_of: str
    assume: Mapping[str, str] = NO_ASSUMPTION
    refused: bool = False

    @property
    def golden(self) -> str:
        """The golden file's name (without .json): the stream, and the reading if it is not the file's."""
        return self.stream.replace("/", "-") + "".join(f"@{k}={v.replace(' ', '-')}" for k, v in sorted(self.assume.items()))


CASES = [
    Case("full-year", "2026-08-31T00:00:00+08:00"),           # signing to handover and bond release
    Case("clean-year", "2026-07-20T00:00:00+08:00"),
    Case("missed-review", "2026-10-20T00:00:00+08:00"),       # deemed acceptance over National Day
    Case("missed-meeting", "2026-10-20T00:00:00+08:00"),
    Case("force-majeure", "2026-07-01T00:00:00+08:00"),       # fax in time, express too late, outside the city
    Case("force-majeure-powers", "2026-07-01T00:00:00+08:00"),  # 8.4 excuse and termination rights
    Case("data-leak", "2026-07-01T00:00:00+08:00"),           # 1h59 and 2h01; bond deduction
    Case("interruption-late", "2026-07-01T00:00:00+08:00"),   # interruption damages, bond deduction, excuse
    Case("payments", "2025-12-31T00:00:00+08:00"),            # preconditions, early payment finding
    Case("late-payment", "2025-12-31T00:00:00+08:00"),        # 8.3 damages per day and termination right
    Case("performance-bond", "2025-10-01T00:00:00+08:00"),
    Case("performance-bond-sunday", "2025-10-01T00:00:00+08:00"),
    Case("public-interest", "2026-02-01T00:00:00+08:00"),     # 3.1.3 termination; confidentiality breach
    # 8.3 installment 2 paid in parts, the rest at 23:59:59 of the 15th late day: no termination right
    Case("late-payment-2-day-15", "2025-12-31T00:00:00+08:00"),
    # the rest at 00:00 of the 16th: 乙方's right and 5%, and 乙方 terminates (at the fact; on delivery)
    Case("supplier-terminates", "2025-12-31T00:00:00+08:00"),
    Case("supplier-terminates", "2025-12-31T00:00:00+08:00", DELIVERY),
    # 8.3 installment 3 (the prepayment) paid in parts, the rest at 00:00 of the 16th late day: the right
    Case("late-payment-3-day-16", "2025-12-31T00:00:00+08:00"),
    # 3.1.3 by a notice delivered on a Sunday, beside a notice about the harm itself
    Case("public-interest-by-notice", "2026-04-01T00:00:00+08:00"),
    Case("public-interest-by-notice", "2026-04-01T00:00:00+08:00", DELIVERY),
    # 甲方 without cause, a registered letter deemed delivered in the Spring Festival
    Case("without-cause-by-notice", "2026-04-01T00:00:00+08:00", DELIVERY),
    # 8.4 termination by a personally delivered notice, after the force-majeure fax
    Case("force-majeure-termination-by-notice", "2026-04-01T00:00:00+08:00", DELIVERY),
    # 8.6 by agreement: one record, or one from each party (either order)
    Case("agreement-buyer-first", "2026-03-01T00:00:00+08:00"),
    Case("agreement-buyer-first", "2026-03-01T00:00:00+08:00", EACH_PARTY),
    Case("agreement-supplier-first", "2026-03-01T00:00:00+08:00"),
    Case("agreement-supplier-first", "2026-03-01T00:00:00+08:00", EACH_PARTY),
    # 10.2: the wrong party's, the wrong subject's and a late notice; then one at the last second
    Case("address-change", "2026-06-01T00:00:00+08:00"),
    # 10.3: an express or registered letter signed for before, at and after its 3rd day, and unsigned
    Case("notice-signed-early", "2026-06-01T00:00:00+08:00"),
    # a force-majeure notice without the ref the rule file requires: refused
    Case("refused/notice-without-ref", "2026-06-01T00:00:00+08:00", refused=True),
]


def refusal(exc: QiyueError) -> str:
    """A refused stream's errors as stable text (both languages)."""
    rows = [{"code": d.code, "line": d.span.line if d.span else None, "message": d.text("zh"),
             "message_en": d.text("en")} for d in exc.diagnostics]
    return json.dumps({"refused": rows}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


_COMPILED: dict = {}


def rules_for(seed, assume: Mapping[str, str]):
    """The seed rules under ``assume`` (compiled once per reading)."""
    if not assume:
        return seed
    key = tuple(sorted(assume.items()))
    if key not in _COMPILED:
        _COMPILED[key] = compile_rules(RULES.read_text(encoding="utf-8"), str(RULES), assume=dict(assume))
    return _COMPILED[key]


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


@pytest.mark.parametrize("case", CASES, ids=[c.golden for c in CASES])
def test_api_matches_golden(seed, update_golden, case):
    lines = (ROOT / "facts" / f"{case.stream}.jsonl").read_text(encoding="utf-8").splitlines()
    rules = rules_for(seed, case.assume)
    if case.refused:
        with pytest.raises(QiyueError) as exc:
            rules.evaluate(lines, case.as_of, f"facts/{case.stream}.jsonl")
        check(case.golden, case.as_of, refusal(exc.value), update_golden)
        return
    report = rules.evaluate(lines, case.as_of, f"facts/{case.stream}.jsonl")
    report["rules"]["file"] = str(RULES)
    check(case.golden, case.as_of, comparable(report), update_golden)


CLI_CASES = CASES[:4] + [next(c for c in CASES if c.assume)]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c.golden for c in CLI_CASES])
def test_cli_matches_golden(update_golden, case):
    if update_golden:
        pytest.skip("golden files are written by the API test")
    assume = [arg for k, v in case.assume.items() for arg in ("--assume", f"{k}={v}")]
    proc = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(RULES), "--facts",
                           str(ROOT / "facts" / f"{case.stream}.jsonl"), "--as-of", case.as_of, "--format", "json",
                           *assume],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    check(case.golden, case.as_of, comparable(json.loads(proc.stdout)), False)


def test_cli_refuses_a_refused_case():
    case = next(c for c in CASES if c.refused)
    proc = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(RULES), "--facts",
                           str(ROOT / "facts" / f"{case.stream}.jsonl"), "--as-of", case.as_of],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    for row in json.loads((GOLDEN / f"{case.golden}.json").read_text(encoding="utf-8"))["refused"]:
        assert f"[{row['code']}]" in proc.stderr


def test_every_fact_stream_has_a_golden_case():
    streams = {p.stem for p in (ROOT / "facts").glob("*.jsonl")}  # (streams to refuse: in facts/refused/)
    streams |= {f"refused/{p.stem}" for p in (ROOT / "facts" / "refused").glob("*.jsonl")}
    assert streams == {c.stream for c in CASES}
    assert all(c.refused == c.stream.startswith("refused/") for c in CASES)


def test_every_golden_file_has_a_case():
    assert {p.stem for p in GOLDEN.glob("*.json")} == {c.golden for c in CASES}
    assert len({c.golden for c in CASES}) == len(CASES)
