"""Fuzz round 10: differential runs over every rule file (rules/, rules/examples/, tests/contracts/, tests/fuzz9_exotic.qy)
— eval vs a live session fed fact by fact and paused at random instants, eval vs evaluate_many, the reference vs the
durable backend, counting incrementally vs in full, shuffled fact files — and streams pumped to thousands of facts
(a generated stream repeated k and 2k times) to find work that grows faster than the facts.

Each xfail(strict) test is a defect found and left, with a minimal reproduction; the plain tests are guards (the first
one for a defect fixed in this round).  Work is counted (evaluation environments made), not timed, where it can be."""
import json
from datetime import datetime, timedelta

import pytest

from engine.api import compile_file, compile_rules
from engine.diagnostics import QiyueError
from engine.run import compiler

from test_fuzz_round8 import ROOT, F, lines  # (round 8's helpers)


@pytest.fixture
def envs(monkeypatch):
    """How many evaluation environments (``compiler.Env``) a call makes: the work of testing conditions and counting."""
    made = [0]
    init = compiler.Env.__init__

    def counted(self, *args, **kwargs):
        made[0] += 1
        init(self, *args, **kwargs)
    monkeypatch.setattr(compiler.Env, "__init__", counted)
    return made


def _work(envs, call):
    envs[0] = 0
    call()
    return envs[0]


# ---------------------------------------------------------------- 1. a live session that jumps its clock once (fixed)

DEVSOFT_SIGNED_THEN_APPLIED = lines([F("s", "contract_signed", "2025-12-31T00:00:00+08:00"),
                                     F("a", "acceptance_applied", "2026-01-01T00:00:00+08:00")])


def test_devsoft_session_advanced_once_past_a_deemed_acceptance_reports_as_eval():
    """Round 9 fixed eval and evaluate_many (the confidentiality duties' end, read from the contract's end, "至
    2026年1月16日0时 方可确定" — the acceptance deemed 15 days after the application), and a session paused at
    2026-01-20.  A session given both facts and advanced once, straight to 2026-02-14 (what `qiyue watch` does
    when the next line is far later), still said "至 2026年1月31日0时 方可确定": its loop ran the 01-16 slot
    with ``run_scheduled((01-16, late))``, which tries the waiting `until` again only after a slot of an *earlier*
    instant, and nothing tried it before the next slot, the month's end.  Fixed in engine/run/session.py (tried
    again after each instant the session runs, as ``stop`` does)."""
    rules = compile_file(ROOT / "tests/contracts/devsoft.qy")
    want = rules.evaluate(DEVSOFT_SIGNED_THEN_APPLIED, "2026-02-14")
    s = rules.session()
    for line in DEVSOFT_SIGNED_THEN_APPLIED:
        s.add(line)
    s.advance("2026-02-14")
    got = s.report()
    because = [o["because"][-1] for o in got["obligations"] if o["name"] == "confidentiality_a"]
    assert because and all("2026年1月16日0时 方可确定" in b for b in because), because
    assert got == want


def test_devsoft_session_advanced_once_with_changes_reports_as_eval():
    rules = compile_file(ROOT / "tests/contracts/devsoft.qy")
    s = rules.session()
    for line in DEVSOFT_SIGNED_THEN_APPLIED:
        s.add(line)
        s.changes()
    s.advance("2026-02-14")
    s.changes()
    assert s.report() == rules.evaluate(DEVSOFT_SIGNED_THEN_APPLIED, "2026-02-14")


# ---------------------------------------------------------------- 2. work that grows with the square of the facts

def test_a_running_total_up_to_the_lines_fact_is_not_quadratic(envs):
    rules = compile_rules('''contract "Q" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event signed "签字"
event paid "付款" { amount: money "金额" }
clause "1" "生效" {
  effective eff "生效" { when exists(signed) }
}
clause "2" "付清" {
  deemed paid_up "全部付清" {
    for each paid p where sum(q.amount for each paid q where q.at <= p.at) >= ¥1,000,000.00
    once
    at p
  }
}
''', "q.qy")

    def stream(n):
        t0 = datetime.fromisoformat("2026-01-18T00:00:00+08:00")
        return lines([F("s", "signed", "2026-01-01T00:00:00+08:00")] +
                     [F(f"p{i}", "paid", (t0 + timedelta(minutes=i)).isoformat(), amount="1.00") for i in range(n)])
    small = _work(envs, lambda: rules.evaluate(stream(200), "2026-03-01"))
    large = _work(envs, lambda: rules.evaluate(stream(800), "2026-03-01"))
    assert large < 6 * small, (small, large)  # (linear: 4×; quadratic: 16×)


def test_many_short_outages_in_one_month_are_not_quadratic(envs):
    rules = compile_file(ROOT / "tests/contracts/saas.qy")

    def stream(n):
        t0 = datetime.fromisoformat("2026-04-06T12:00:00+08:00")
        out = [F("s", "contract_signed", "2026-04-05T09:00:00+08:00")]
        for i in range(n):
            at = t0 + timedelta(minutes=i)
            out.append(F(f"o{i}", "outage", at.isoformat(), start=(at - timedelta(seconds=2)).isoformat(),
                         end=(at - timedelta(seconds=1)).isoformat()))
        return lines(out)
    small = _work(envs, lambda: rules.evaluate(stream(100), "2026-04-20"))
    large = _work(envs, lambda: rules.evaluate(stream(400), "2026-04-20"))
    assert large < 6 * small, (small, large)


def test_many_signatures_at_one_instant_are_not_quadratic(envs):
    rules = compile_rules('''contract "Q" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event signed "签字" { party: party optional "签署方" }
clause "1" "生效" {
  effective eff "生效" {
    when any of (exists(signed c where not present(c.party)),
                 all of (exists(signed c where c.party == 甲方), exists(signed c where c.party == 乙方)))
  }
}
''', "q.qy")

    def stream(n):
        return lines([F("b", "signed", "2026-03-02T09:00:00+08:00", party="乙方")] +
                     [F(f"a{i}", "signed", "2026-03-03T10:00:00+08:00", party="甲方") for i in range(n)])
    small = _work(envs, lambda: rules.evaluate(stream(200), "2026-04-01"))
    large = _work(envs, lambda: rules.evaluate(stream(800), "2026-04-01"))
    assert large < 6 * small, (small, large)


# ---------------------------------------------------------------- 3. a fact that refers to a later fact

FM_ENDED_BEFORE_IT_BEGAN = lines([
    F("e", "force_majeure_ended", "2026-01-01T00:00:00+08:00", ref="f"),
    F("s", "contract_signed", "2026-01-30T00:00:00+08:00"),
    F("f", "force_majeure_occurred", "2026-01-30T00:00:00+08:00", party="乙方"),
])


def test_watch_refuses_a_fact_that_refers_to_a_later_one(tmp_path):
    """`qiyue watch` (a session) reads facts in time order and refuses a `ref` to a fact not yet read — in any line
    order of this stream (the end first: unknown_ref.so_far; the force majeure first: fact_before_clock)."""
    rules = compile_file(ROOT / "rules/examples/equipment-sale.qy")
    for order in (FM_ENDED_BEFORE_IT_BEGAN, FM_ENDED_BEFORE_IT_BEGAN[1:] + FM_ENDED_BEFORE_IT_BEGAN[:1]):
        s = rules.session()
        with pytest.raises(QiyueError) as exc:
            for line in order:
                s.add(line)
        assert exc.value.diagnostics[0].code in ("unknown_ref", "fact_before_clock")


def test_eval_does_not_silently_take_a_fact_that_refers_to_a_later_one():
    rules = compile_file(ROOT / "rules/examples/equipment-sale.qy")
    try:
        report = rules.evaluate(FM_ENDED_BEFORE_IT_BEGAN, "2026-02-01")
    except QiyueError as exc:
        assert any("e" == d.args.get("id") or "“f”" in d.text("zh") for d in exc.diagnostics)
        return
    said = [f for f in report["findings"] if "（e）" in f["message"] or "“e”" in f["message"]]
    assert said, [f["code"] for f in report["findings"]]
