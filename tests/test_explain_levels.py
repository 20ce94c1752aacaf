"""`--explain full|words|none` (issue 13: a job that asks only what is due or violated need not pay for every
verdict's reasons): the rows hold `steps` and `because`, `because` alone, or neither — and nothing else of the
report changes, through the API and the command line alike, at one instant and at several."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine import api, cli
from engine.diagnostics import QiyueError
from engine.report.build import EXPLAIN, ROWS

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "gzmz-2025-it-ops.qy"
STREAMS = sorted((ROOT / "facts").glob("*.jsonl"))
AS_OF = "2026-08-31T00:00:00+08:00"
DROPPED = {"full": set(), "words": {"steps"}, "none": {"steps", "because"}}


@pytest.fixture(scope="module")
def seed():
    return api.compile_file(SEED)


def _without(report: dict, keys: set) -> dict:
    """The report with ``keys`` taken off every row (what ``explain`` leaves out)."""
    out = dict(report)
    for k in ROWS:
        out[k] = [{f: v for f, v in row.items() if f not in keys} for row in report[k]]
    return out


@pytest.mark.parametrize("facts", STREAMS, ids=lambda p: p.name)
@pytest.mark.parametrize("explain", ["words", "none"])
def test_a_shorter_explanation_leaves_out_the_reasons_and_nothing_else(seed, facts, explain):
    lines = facts.read_text(encoding="utf-8").split("\n")
    full = seed.evaluate(lines, AS_OF, str(facts), "UTF-8")
    short = seed.evaluate(lines, AS_OF, str(facts), "UTF-8", explain=explain)
    assert short == _without(full, DROPPED[explain])
    for k in ("obligations", "events", "remedies"):
        for row in short[k]:
            assert ("because" in row) == (explain == "words") and "steps" not in row


@pytest.mark.parametrize("explain", EXPLAIN)
def test_the_command_writes_what_the_api_returns(seed, tmp_path, explain):
    facts = ROOT / "facts" / "full-year.jsonl"
    out = tmp_path / "r.json"
    assert cli.main(["eval", str(SEED), "--facts", str(facts), "--as-of", AS_OF, "--format", "json",
                     "--explain", explain, "-o", str(out)]) == 0
    lines = facts.read_text(encoding="utf-8").split("\n")
    expected = seed.evaluate(lines, AS_OF, str(facts), "UTF-8", explain=explain)
    assert out.read_bytes() == cli.json_bytes(expected, False) + b"\n"


def test_several_instants_each_shortened_as_asked(seed, tmp_path):
    facts = ROOT / "facts" / "full-year.jsonl"
    out = tmp_path / "r.json"
    instants = ["2025-12-31T00:00:00+08:00", AS_OF]
    assert cli.main(["eval", str(SEED), "--facts", str(facts), "--as-of", ",".join(instants), "--format", "json",
                     "--explain", "none", "-o", str(out)]) == 0
    got = json.loads(out.read_bytes())
    lines = facts.read_text(encoding="utf-8").split("\n")
    for at, report in zip(instants, seed.evaluate_many(lines, instants, str(facts), "UTF-8", explain="none")):
        assert got[at] == json.loads(cli.json_bytes(report, False))
        assert all("steps" not in r and "because" not in r for r in report["obligations"])


def test_the_typed_report_and_the_one_call_take_it_too(seed):
    facts = ROOT / "facts" / "full-year.jsonl"
    r = api.evaluate(SEED, facts, AS_OF, explain="none")
    assert r.obligations and all(o.steps == [] and o.because == [] for o in r.obligations)
    (w,) = api.evaluate_many(SEED, facts, [AS_OF], explain="words")
    assert all(o.steps == [] and o.because for o in w.obligations if o.status != "inactive")


@pytest.mark.parametrize("given", ["short", "", None, 1, "FULL"])
def test_an_explain_the_api_does_not_know_is_bad_input(seed, given):
    with pytest.raises(QiyueError) as e:
        seed.evaluate([], AS_OF, explain=given)
    (d,) = e.value.diagnostics
    assert d.code == "bad_input" and '"full" / "words" / "none"' in d.message


@pytest.mark.parametrize("fmt", ["text", "html"])
@pytest.mark.parametrize("lang, said", [("zh", "只用于 --format json"), ("en", "is for --format json only")])
def test_the_readable_reports_always_hold_every_reason(tmp_path, capsys, fmt, lang, said):
    facts = ROOT / "facts" / "full-year.jsonl"
    code = cli.main(["eval", str(SEED), "--facts", str(facts), "--as-of", AS_OF, "--format", fmt, "--explain", "none",
                     "--lang", lang, "-o", str(tmp_path / "out")])
    assert code == 2 and said in capsys.readouterr().err and not (tmp_path / "out").exists()
