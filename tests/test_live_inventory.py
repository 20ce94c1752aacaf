"""An inventory of the language's constructs, one rule file each, as a contract might use them in a `for each`
line (tests/live_inventory/NNN-*.qy, each headed by the construct and how common it is judged): where each line
runs on the durable backend — "rete", "never", "rete+residual" or "residual", with the checker's reason — is kept
in ``runs_on.json``, so a change that moves a line off the Rete shows in review (``pytest
tests/test_live_inventory.py --update-golden`` rewrites it after a reviewed change), and both backends give the
same reports (or the same error) on streams hypothesis makes from each file (issue 14)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.live import available as durable_available

HERE = Path(__file__).parent / "live_inventory"
FILES = sorted(HERE.glob("*.qy"))
GOLDEN = HERE / "runs_on.json"


def _runs_on() -> dict:
    from engine.api import compile_file
    from engine.live.backend import plan
    out = {}
    for f in FILES:
        out[f.name] = [[d["runs_on"], d["reason"]] for d in plan(compile_file(f)).describe()]
    return out


def test_every_file_checks():
    from engine.api import compile_file
    assert len(FILES) >= 140
    for f in FILES:
        compile_file(f)


@pytest.mark.skipif(not durable_available(), reason="durable_rules not installed (the [live] extra)")
def test_where_each_line_runs(update_golden):
    got = _runs_on()
    if update_golden or not GOLDEN.exists():
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))
    lines = [x for rows in got.values() for x in rows]
    on = sum(1 for where, _ in lines if where in ("rete", "never"))
    assert on == len(lines), f"{on} of {len(lines)} lines decided on the Rete"


@pytest.mark.skipif(not durable_available(), reason="durable_rules not installed (the [live] extra)")
@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_both_backends_agree(path):
    """Reports (or the error) of both backends, equal, on a few streams hypothesis makes from the file."""
    from hypothesis import HealthCheck, given, settings, strategies as st
    from engine.api import compile_file
    from engine.diagnostics import QiyueError
    from qiyue.testing import fact_streams, instants, lines as stream_lines

    rules = compile_file(path)

    def run(ls, ats, backend):
        try:
            return json.dumps(rules.evaluate_many(ls, ats, backend=backend), ensure_ascii=False, default=str)
        except QiyueError as exc:
            return f"error: {exc}"

    @settings(max_examples=4, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(fact_streams(rules, max_facts=10), st.lists(instants(rules), max_size=1))
    def check(stream, more):
        facts, as_of = stream
        ls = stream_lines(facts)
        assert run(ls, [as_of, *more], "reference") == run(ls, [as_of, *more], "durable")

    check()
