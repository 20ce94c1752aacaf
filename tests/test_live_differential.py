"""The durable backend gives the reference's report (issue 14, item 2; docs/live.md §4).

Both backends evaluate the same facts and the JSON-able reports are compared whole: on every
scenario of facts/ and facts/examples/ at the golden instant and at every instant a fact of the
scenario happens (one replay each, ``evaluate_many``), and on hypothesis streams from
``qiyue.testing.fact_streams`` at the stream's own ``as_of`` and at random instants from
``qiyue.testing.instants`` — for the seed rules, the contracts of rules/examples/ and the generated
contracts of tests/test_generated_rules.py.  An error (a computation out of range) must be the same
error on both.

``QIYUE_DIFF_EXAMPLES`` (default 100) is the number of streams per rule file (generated contracts:
that many contracts); CI runs 1,000.  Every difference found is kept below as an explicit case.
Skipped where durable_rules does not import (``pip install -e '.[live]'``)."""
import json
import os
from pathlib import Path

import pytest

pytest.importorskip("durable_rules_engine", reason="durable_rules is not installed (pip install -e '.[live]')")
from engine.live import available  # noqa: E402

if not available():  # pragma: no cover - it imports but does not work here
    pytest.skip("durable_rules does not import here", allow_module_level=True)

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from engine.api import compile_rules  # noqa: E402
from engine.diagnostics import QiyueError  # noqa: E402
from qiyue.testing import fact_streams, instants, lines  # noqa: E402
from test_examples_golden import CASES as EXAMPLE_CASES  # noqa: E402  (tests/ is on sys.path)
from test_generated_rules import contracts  # noqa: E402
from test_golden import CASES as SEED_CASES  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("QIYUE_DIFF_EXAMPLES", "100"))
SEED = "gzmz-2025-it-ops.qy"

_compiled: dict = {}


def rules(name: str, assume=None):
    """A rule file of rules/ (compiled once per reading), named relative to the repository."""
    key = (name, tuple(sorted((assume or {}).items())))
    if key not in _compiled:
        path = ROOT / "rules" / name
        _compiled[key] = compile_rules(path.read_text(encoding="utf-8"), f"rules/{name}", assume=dict(assume or {}))
    return _compiled[key]


def outcome(call):
    """A call's result, or the error it raised as its diagnostics' keys and arguments."""
    try:
        return call()
    except QiyueError as exc:
        return {"error": [(d.key, d.text("en")) for d in exc.diagnostics]}


def both(compiled, fact_lines, as_ofs, path="<facts>"):
    """The reports of both backends at each instant: evaluated one by one, and from one replay."""
    for as_of in as_ofs:
        ref = outcome(lambda: compiled.evaluate(fact_lines, as_of, path))
        dur = outcome(lambda: compiled.evaluate(fact_lines, as_of, path, backend="durable"))
        assert_same(ref, dur, as_of)
    if len(as_ofs) > 1:
        ref = outcome(lambda: compiled.evaluate_many(fact_lines, as_ofs, path))
        dur = outcome(lambda: compiled.evaluate_many(fact_lines, as_ofs, path, backend="durable"))
        assert_same(ref, dur, as_ofs)


def assert_same(ref, dur, as_of):
    if ref != dur:  # (the first difference, readably)
        a = json.dumps(ref, ensure_ascii=False, indent=1, sort_keys=True, default=str).splitlines()
        b = json.dumps(dur, ensure_ascii=False, indent=1, sort_keys=True, default=str).splitlines()
        first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        raise AssertionError(f"as of {as_of}: the backends differ at line {first}:\n"
                             + "\n".join(f"  reference: {x}" for x in a[max(0, first - 5):first + 5]) + "\n"
                             + "\n".join(f"  durable:   {y}" for y in b[max(0, first - 5):first + 5]))


# ------------------------------------------------------------------ every scenario of facts/
SCENARIOS = [(SEED, f"{c.stream}.jsonl", c.as_of, dict(c.assume)) for c in SEED_CASES] + \
    [(f"examples/{r}", f"examples/{name}.jsonl", as_of, {}) for name, r, as_of in EXAMPLE_CASES]


def test_every_scenario_of_facts_has_a_case():
    named = {f for _, f, _, _ in SCENARIOS}
    on_disk = {str(p.relative_to(ROOT / "facts")) for p in (ROOT / "facts").rglob("*.jsonl")}
    assert on_disk == named


@pytest.mark.parametrize("rule_file,facts,as_of,assume", SCENARIOS,
                         ids=[f"{f[:-6]}{''.join('@' + v for v in a.values())}" for _, f, _, a in SCENARIOS])
def test_every_scenario_gives_the_same_report_on_both_backends(rule_file, facts, as_of, assume):
    compiled = rules(rule_file, assume)
    path = ROOT / "facts" / facts
    fact_lines = path.read_text(encoding="utf-8").splitlines()
    both(compiled, fact_lines, [as_of], f"facts/{facts}")
    # and at each instant a fact happens, and the golden instant, from one replay
    at = sorted({json.loads(x)["at"] for x in fact_lines if x.strip() and '"at"' in x})
    both(compiled, fact_lines, at + [as_of, "2030-01-01"], f"facts/{facts}")


# ------------------------------------------------------------------ hypothesis streams
def _settings(n=EXAMPLES):
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


@pytest.mark.parametrize("rule_file", [SEED, "examples/goods-procurement.qy", "examples/om-outsourcing.qy"])
def test_the_backends_agree_on_generated_streams(rule_file):
    compiled = rules(rule_file)

    @_settings()
    @given(fact_streams(compiled), st.lists(instants(compiled), max_size=2))
    def check(stream, more):
        facts, as_of = stream
        both(compiled, lines(facts), [as_of, *more])

    check()


@_settings()
@given(contracts(), st.data())
def test_the_backends_agree_on_generated_contracts(text, data):
    try:
        compiled = compile_rules(text, "g.qy")
    except QiyueError:
        return
    try:
        for _ in range(2):
            facts, as_of = data.draw(fact_streams(compiled, max_facts=10))
            more = data.draw(st.lists(instants(compiled), max_size=2))
            both(compiled, lines(facts), [as_of, *more])
    finally:
        live = getattr(compiled, "_live_plan", None)
        if live is not None:
            live.close()  # (its durable_rules rulesets: a generated contract is used once)


# ------------------------------------------------------------------ the backend itself
def test_an_unknown_backend_is_refused_in_words():
    compiled = rules(SEED)
    with pytest.raises(QiyueError) as exc:
        compiled.evaluate([], "2026-01-01", backend="rete")
    d = exc.value.diagnostics[0]
    assert d.code == "bad_input" and "backend" in d.text("en") and "durable" in d.text("en")


def test_every_line_says_where_it_runs_and_why():
    from engine.live.backend import plan
    compiled = rules(SEED)
    rows = plan(compiled).describe()
    assert {r["runs_on"] for r in rows} <= {"rete", "never", "rete+residual", "residual"}
    # every line on the Rete or never matching under its assumptions (`not triggered(pay_installment_1)`;
    # on the fact's probe: `i.found_by == 乙方 and (i.at < service_period.end or …)`, `not h.passed and not
    # accepted and …`; the join of an interruption's notice with the service period's end)
    assert sum(r["runs_on"] == "rete" for r in rows) >= 47
    assert {r["runs_on"] for r in rows} == {"rete", "never"}
    assert all(r["reason"] for r in rows if "residual" in r["runs_on"])
    assert all(r["reason"] is None for r in rows if "residual" not in r["runs_on"])


def test_the_rete_filters_by_the_leading_parts_of_a_condition_only():
    """Of `a and b and c` with `b` beyond the Rete, it tests `a` alone: qiyue tests the parts in order
    and stops at the first false one, so what `b` would do (count the payments before the fact) it does
    only for a fact that passes `a` — on both backends.  (`d.at < day 3 after d`, `d.at - first(paid).at
    < 3 days` and `d.qty < count(paid p where p.at < d.at) + 5`, the examples before, are now decided on the
    Rete.)"""
    from engine.live.patterns import compile_patterns
    text = BASE.replace("for each delivered d", 'for each delivered d where d.qty >= 2 and '
                                                'd.qty < count(paid p where p.amount * d.qty > ¥1.00) + 5 '
                                                'and d.note == "整批"')
    compiled = compile_rules(text, "t.qy")
    plan = compile_patterns(compiled)
    assert plan.filters["obligation:pay#0"] == {"all": [{"x": {"$and": [{"qy_type": "delivered"},
                                                                        {"$gte": {"a_qty": 2}}]}}]}
    facts = ['{"id": "p1", "type": "paid", "at": "2026-01-04", "amount": "1.00"}',
             '{"id": "d1", "type": "delivered", "at": "2026-01-05", "qty": 3, "note": "整批"}',
             '{"id": "d2", "type": "delivered", "at": "2026-01-06", "qty": 1, "note": "整批"}',
             '{"id": "d3", "type": "delivered", "at": "2026-01-07", "qty": 3, "note": "样品"}']
    both(compiled, facts, ["2026-01-05T12:00:00+08:00", "2026-02-01"])
    report = compiled.evaluate(facts, "2026-02-01", backend="durable")
    assert [o["trigger"] for o in report["obligations"] if o["triggered_at"]] == ["d1"]


BASE = """\
contract "T-1" "测试合同" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event delivered "交付" {
  qty: int 1..10 "数量"
  note: text optional "备注"
}
event paid "付款" { amount: money }
clause "1" "付款" {
  obligation pay "付款义务" {
    debtor 甲方
    creditor 乙方
    for each delivered d
    fulfilled by paid p
    within 5 days
  }
}
"""


def test_the_rete_decides_the_lines_it_runs():
    """A line the Rete runs takes its matches from the session's activations, not from qiyue's own
    test: with every rule of the ruleset answering "no", none of those lines is set off."""
    from engine.live.backend import plan
    compiled = rules(SEED)
    live = plan(compiled)
    facts = (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
    ref = compiled.evaluate(facts, "2026-08-31")
    feed = live.matcher.feed_joined
    live.matcher.feed_joined = lambda sid, ev, place=None: (set(), [], None, False)
    try:
        deaf = compiled.evaluate(facts, "2026-08-31", backend="durable")
    finally:
        del live.matcher.feed_joined
    assert feed == live.matcher.feed_joined
    triggered = lambda report: sum(o["triggered_at"] is not None for o in report["obligations"])  # noqa: E731
    assert triggered(deaf) < triggered(ref)


def test_sessions_are_freed_after_each_evaluation():
    from engine.live.backend import plan
    compiled = rules(SEED)
    facts = (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
    for _ in range(3):
        compiled.evaluate(facts, "2026-08-31", backend="durable")
        compiled.evaluate_many(facts, ["2026-03-01", "2026-08-31"], backend="durable")
    pool = plan(compiled).matcher.pool
    assert pool.home == {} and pool.copies == []
