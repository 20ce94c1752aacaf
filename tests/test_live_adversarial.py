"""The durable backend against the reference, as opposing counsel would test it (issue 14).

Joins, `exists( )` and `decimal` numbers run on the Rete (tests/test_live_constructs.py); every case
here looks for an input where the durable backend's report differs from the reference's, or where it
raises while the reference does not: facts of one instant in every order and under every id order,
facts before the contract takes effect, a termination, deemed events and obligation stages (`triggered`,
`fulfilled`, `violated`) as join partners and as what `exists( )` counts, the budget of kept facts
(``LivePlan.max_kept``) running out in the middle of an instant, numbers at the edges of what the Rete
reads exactly, several instants from one replay, live sessions, and generated streams of a contract
written to use all of it (``ADV``).

Each comparison is of the JSON text of both reports, byte for byte.  What held is kept as a regression
test; so is each difference found, once fixed: a join's key written after a part beyond the Rete (qiyue
now tests only the pairs the reference's index offers), an order or != between facts one of which lacks
the attribute, a text of 64 KiB or more, a fact of 251+ attributes, 65 lines one fact passes (the last
three: ``patterns.Beyond`` or durable_rules' own error, and the evaluation's lines are qiyue's from there),
two attribute names with one durable_rules name hash (the kind is qiyue's), 300 lines on one kind (past
``RULES_PER_KIND``, qiyue's).
"""
from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.live import available as durable_available

pytestmark = pytest.mark.skipif(not durable_available(), reason="durable_rules not installed (the [live] extra)")

# A contract that uses every construct moved onto the Rete: joins of two and three facts (one of them
# of one kind twice, with orders and inequalities between them), joins with deemed events, stages,
# the taking effect and a termination, `exists( )` over facts and derived kinds with and/or/not and
# constants, and `decimal` numbers against constants.  (The attributes compared by order or `!=`
# between two facts are required: see test_an_order_between_two_facts_with_an_unknown_attribute.)
ADV = """\
contract "A-1" "对抗测试合同" { calendar official calendar fallback undetermined }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event signed "签署"
event report "报告" {
  level: one of (high "高", low "低") optional "级别"
  amount: money "金额"
  due: date optional "期限"
  n: int "数"
}
event reply "答复" {
  ref: ref (report) "所答复的报告"
  from: party optional "答复方"
  amount: money "金额"
  due: date optional "期限"
}
event check "复核" { ref: ref (reply) "所复核的答复" }
event sent "发出" { ref: ref (report) optional "所涉报告" }
event done "完成" { ok: bool optional "合格" }
event rated "评分" { value: decimal optional "分值" }
event ended_notice "解除通知" {
  ref: ref (report) "所涉报告"
  party: party "通知方"
}
param limit "及格线" = 60.5
clause "1" "对抗" {
  effective in_force "生效" { when exists(signed) }
  termination by_notice "通知解除" {
    for each ended_notice t, report r where t.ref == r.id and t.party == 甲方 and r.level == "high"
  }
  deemed delivered "视为送达" {
    for each sent s
    at day 1 after s
  }
  obligation confirm "确认" {
    debtor 甲方
    creditor 乙方
    for each report r, reply p where p.ref == r.id and p.from == 乙方
    fulfilled by done d
    within 3 days
  }
  obligation pair_lt "金额较小" {
    debtor 甲方
    creditor 乙方
    for each report a, report b where a.amount < b.amount and a.n != b.n
    fulfilled by done d where d.ok
    within 2 days
  }
  obligation pair_self "同日期（含自身）" {
    debtor 甲方
    creditor 乙方
    for each reply a, reply b where a.due == b.due and not a.from == 甲方
    fulfilled by done d
    within 2 days
  }
  obligation chain "三方" {
    debtor 甲方
    creditor 乙方
    for each check c, reply p, report r where c.ref == p.id and p.ref == r.id and r.amount >= p.amount
    fulfilled by done d
    within 3 days
  }
  obligation on_delivery "送达联接" {
    debtor 乙方
    creditor 甲方
    for each delivered v, report r where v.ref == r.id and r.level == "low"
    fulfilled by done d
    within 3 days
  }
  obligation staged "由履行联接" {
    debtor 甲方
    creditor 乙方
    for each confirm.fulfilled o, done d where o.by.id == d.id and d.ok
    fulfilled by done x
    within 3 days
  }
  obligation staged_r "由违约联接复核" {
    debtor 甲方
    creditor 乙方
    for each confirm.violated o, check c where o.r.id == c.ref or o.p.id == c.ref
    fulfilled by done x
    within 3 days
  }
  obligation on_trig "由触发联接" {
    debtor 乙方
    creditor 甲方
    for each confirm.triggered o, check c where o.p.id == c.ref and o.debtor == 甲方
    fulfilled by done d
    within 1 days
  }
  obligation ex_derived "送达之后" {
    debtor 乙方
    creditor 甲方
    for each report r where exists(delivered) and not exists(confirm.violated)
    fulfilled by done d
    within 3 days
  }
  obligation ex_or "或" {
    debtor 乙方
    creditor 甲方
    for each done d where (d.ok and not exists(check)) or exists(sent) and not d.ok
    fulfilled by done x
    within 3 days
  }
  obligation ex_self "自身种类" {
    debtor 乙方
    creditor 甲方
    for each done d where not exists(done y where y.ok) or limit > 100
    fulfilled by check x
    within 3 days
  }
  obligation on_viol "违约之后" {
    debtor 乙方
    creditor 甲方
    for each pair_lt.violated o where o.debtor == 甲方 and exists(confirm.triggered) and not exists(on_trig.fulfilled)
    fulfilled by done d
    within 1 days
  }
  obligation low "低分" {
    debtor 乙方
    creditor 甲方
    for each rated s where s.value < limit and not s.value == 0
    fulfilled by done d
    within 3 days
  }
  obligation high "高分或零下" {
    debtor 乙方
    creditor 甲方
    for each rated s where s.value >= 60.5 or s.value <= 0
    fulfilled by done d
    within 3 days
  }
  remedy late_fee "迟延违约金" {
    holder 乙方
    for each confirm.violated o, reply p where o.p.id == p.id and p.amount > ¥5.00
    amount ¥10.00
  }
  remedy on_term "解除之后" {
    holder 甲方
    for each by_notice x, report r where x.ref == r.id
    amount ¥1.00
    survives
  }
  finding f_join info "联接提示" {
    for each done d, check c where d.ok and c.ref != "none"
  }
  finding f_exists warning "存在提示" {
    for each done d where exists(by_notice) or exists(in_force) and not exists(delivered)
  }
  finding f_self info "同期限的报告" {
    for each report a, report b where a.due == b.due and a.id != b.id
  }
  finding f_in_force info "生效联接" {
    for each in_force e, report r where r.level == "high"
  }
  finding f_src info "送达来源" {
    for each delivered v, sent s where v.source == s.id and present(s.ref)
  }
  finding f_trig info "触发之后" {
    for each report r where exists(pair_self.triggered) or not exists(confirm.fulfilled)
  }
  finding f_always info "常量为真" {
    for each sent s where exists(done) or limit > 1
  }
  finding f_never info "常量为假" {
    for each sent s where exists(done) and limit > 100
  }
}
"""

AS_OF = "2026-02-01"


def fact(i, t, at, **attrs):
    return json.dumps({"id": i, "type": t, "at": at, **attrs}, ensure_ascii=False)


def outcome(call):
    """A call's result, or the error it raised as its diagnostics' keys and words."""
    try:
        return call()
    except QiyueError as exc:
        return {"error": [(d.key, d.text("en")) for d in exc.diagnostics]}


def text(x) -> str:
    return json.dumps(x, ensure_ascii=False)


def both(compiled, facts, as_of=AS_OF):
    """Both backends' reports at ``as_of`` (or errors), the same JSON text; the reference's."""
    ref = outcome(lambda: compiled.evaluate(facts, as_of))
    dur = outcome(lambda: compiled.evaluate(facts, as_of, backend="durable"))
    assert text(dur) == text(ref)
    return ref


def both_many(compiled, facts, as_ofs):
    ref = outcome(lambda: compiled.evaluate_many(facts, as_ofs))
    dur = outcome(lambda: compiled.evaluate_many(facts, as_ofs, backend="durable"))
    assert text(dur) == text(ref)
    return ref


def triggers(report, name):
    return [o["trigger"] for o in report["obligations"] if o["name"] == name and o["triggered_at"]]


def codes(report, code):
    return [f for f in report["findings"] if f["code"] == code]


def compiled_with(text_, max_kept=None, name="adv.qy"):
    from engine.live.backend import plan
    c = compile_rules(text_, name)
    if max_kept is not None:
        plan(c).max_kept = max_kept
    return c


@pytest.fixture(scope="module", params=[None, 0, 1, 3], ids=lambda k: f"max_kept={k}")
def adv(request):
    """ADV with its joins on the Rete (None: the default budget), or moved to qiyue's matcher once 0, 1
    or 3 facts were kept — in the middle of an instant's facts, as often as not."""
    c = compiled_with(ADV, request.param)
    yield c
    live = getattr(c, "_live_plan", None)
    if live is not None:
        live.close()


def test_adv_runs_on_the_rete():
    from engine.live.backend import plan
    c = compiled_with(ADV)
    rows = {r["rule"]: r for r in plan(c).describe()}
    for name in ("confirm", "pair_lt", "pair_self", "chain", "on_delivery", "staged", "on_trig", "late_fee",
                 "on_term", "by_notice", "f_join", "f_self", "f_in_force", "f_src"):
        assert rows[name]["runs_on"] == "rete" and rows[name]["joins"] >= 2, name
    for name in ("ex_derived", "ex_or", "ex_self", "on_viol", "f_exists", "f_trig", "low", "high"):
        assert rows[name]["runs_on"] == "rete", name
    assert rows["chain"]["joins"] == 3
    assert rows["f_always"]["runs_on"] == "rete" and rows["f_never"]["runs_on"] == "never"
    assert rows["staged_r"]["runs_on"] == "rete"  # (an `or` between two facts: one rule per alternative)
    plan(c).close()


# ------------------------------------------------------------------ one instant, every order
ONE = "2026-01-05T09:00:00+08:00"


@pytest.mark.parametrize("ids", list(itertools.permutations(["a", "m", "z"])), ids="-".join)
def test_a_chain_of_one_instant_under_every_order_of_ids(adv, ids):
    """A report, its reply and the reply's check at one instant: the replay takes them by id, so each
    order of ids puts a different one last; listed in both orders too.  The chain is found once."""
    r, p, c = ids
    facts = [fact("s", "signed", "2026-01-01"),
             fact(r, "report", ONE, amount="10.00", n=1, level="high"),
             fact(p, "reply", ONE, ref=r, amount="9.00", **{"from": "乙方"}),
             fact(c, "check", ONE, ref=p)]
    for listed in (facts, facts[:1] + facts[:0:-1]):
        rep = both(adv, listed)
        assert len(triggers(rep, "chain")) == 1
        assert len(triggers(rep, "confirm")) == 1
        assert len(triggers(rep, "on_trig")) == 1  # (confirm.triggered joins the check of the same instant)


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))), ids=lambda o: "".join(map(str, o)))
def test_two_sources_of_one_kind_at_one_instant_in_every_listing(adv, order):
    """Reports of one instant pair with each other once per order of the two places (and not with
    themselves: `a.amount < b.amount`); f_self (`a.id != b.id`) likewise, whatever the listing."""
    facts = [fact("s", "signed", "2026-01-01"),
             fact("r1", "report", ONE, amount="1.00", n=1, due="2026-01-06"),
             fact("r2", "report", ONE, amount="2.00", n=2, due="2026-01-06"),
             fact("r3", "report", ONE, amount="3.00", n=1, due="2026-01-06")]
    rep = both(adv, [facts[i] for i in order])
    assert sorted(triggers(rep, "pair_lt")) == ["r2", "r3"]  # r1<r2 found at r2, r2<r3 at r3 (r1, r3: one n)
    assert len(codes(rep, "f_self")) == 6


def test_a_fact_paired_with_itself_once_and_with_partners_of_its_instant(adv):
    """pair_self (`for each reply a, reply b where a.due == b.due and not a.from == 甲方`): a reply pairs
    with itself once (the reference fix), with a same-instant reply once in each place; a reply of
    甲方 only in the second place."""
    facts = [fact("s", "signed", "2026-01-01"),
             fact("r", "report", "2026-01-04T09:00:00+08:00", amount="1.00", n=1),
             fact("b", "reply", ONE, ref="r", amount="1.00", due="2026-01-09", **{"from": "乙方"}),
             fact("a", "reply", ONE, ref="r", amount="1.00", due="2026-01-09", **{"from": "甲方"}),
             fact("c", "reply", "2026-01-06T09:00:00+08:00", ref="r", amount="1.00", due="2026-01-09")]
    rep = both(adv, facts)
    # a (甲方) alone at its turn: nothing (not with itself: 甲方 in the first place; b waits its turn);
    # b: with itself, (b, a); c: with itself, (c, a) and (c, b), (b, c)
    assert triggers(rep, "pair_self") == ["b", "b", "c", "c", "c", "c"]


def test_the_same_fact_twice_and_an_id_reused(adv):
    line = fact("r1", "report", ONE, amount="1.00", n=1)
    base = [fact("s", "signed", "2026-01-01"), fact("p1", "reply", ONE, ref="r1", amount="1.00", **{"from": "乙方"})]
    rep = both(adv, base + [line, line])  # (a repeated line is one fact)
    assert triggers(rep, "confirm") == ["r1"]  # (one instant: r1 is taken after p1, by id)
    err = both(adv, base + [line, fact("r1", "report", ONE, amount="2.00", n=1)])
    assert err["error"][0][0] == "conflicting_id"
    err = both(adv, base + [line, fact("p1", "done", ONE)])  # (an id taken by another kind of fact)
    assert err["error"][0][0] == "conflicting_id"


@pytest.mark.parametrize("ra,rb", [("i8186", "p40642"), ("p40642", "i8186")])
def test_two_ids_whose_message_identities_collide(adv, ra, rb):
    """durable_rules takes a message's identity from a 32-bit hash of its id: i8186 and p40642 collide
    (0x472165e9) — two kept reports, joined by id and with each other, and the value hash of `p.ref ==
    r.id` alike for both."""
    facts = [fact("s", "signed", "2026-01-01"),
             fact(ra, "report", "2026-01-04T09:00:00+08:00", amount="1.00", n=1, due="2026-01-06"),
             fact(rb, "report", "2026-01-04T10:00:00+08:00", amount="2.00", n=2, due="2026-01-06", level="high"),
             fact("q1", "reply", ONE, ref=rb, amount="1.00", **{"from": "乙方"}),
             fact("q2", "reply", ONE, ref=ra, amount="1.00", **{"from": "乙方"}),
             fact("x1", "sent", "2026-01-05T10:00:00+08:00", ref=rb),
             fact("k1", "check", "2026-01-06T09:00:00+08:00", ref="q1"),
             fact("t1", "ended_notice", "2026-01-07T09:00:00+08:00", ref=rb, party="甲方")]
    rep = both(adv, facts)
    assert triggers(rep, "confirm") == ["q1", "q2"]
    assert triggers(rep, "chain") == ["k1"]
    assert triggers(rep, "pair_lt") == [rb] and len(codes(rep, "f_self")) == 2
    assert rep["contract_life"]["trigger"] == "t1"


# ------------------------------------------------------------------ the contract's life
def test_facts_before_the_contract_takes_effect_are_partners_later(adv):
    """Nothing arises before `signed`; a report before it pairs with a reply after it (the reply's turn)."""
    facts = [fact("r0", "report", "2026-01-03T09:00:00+08:00", amount="1.00", n=1, level="high"),
             fact("p0", "reply", "2026-01-03T10:00:00+08:00", ref="r0", amount="1.00", **{"from": "乙方"}),
             fact("s", "signed", "2026-01-05T00:00:00+08:00"),
             fact("p1", "reply", "2026-01-05T00:00:00+08:00", ref="r0", amount="1.00", **{"from": "乙方"}),
             fact("c1", "check", "2026-01-06T09:00:00+08:00", ref="p0"),
             fact("d1", "done", "2026-01-04T09:00:00+08:00", ok=True)]
    rep = both(adv, facts)
    assert triggers(rep, "confirm") == ["p1"]
    assert triggers(rep, "chain") == ["c1"]
    assert len(codes(rep, "f_in_force")) == 1  # (the taking effect joins the high report before it)
    for as_of in ("2026-01-03T10:00:00+08:00", "2026-01-05T00:00:00+08:00", "2026-01-05"):
        both(adv, facts, as_of)


def test_a_termination_by_a_join_and_what_comes_after(adv):
    facts = [fact("s", "signed", "2026-01-01"),
             fact("r1", "report", ONE, amount="5.00", n=1, level="high"),
             fact("t1", "ended_notice", "2026-01-06T09:00:00+08:00", ref="r1", party="甲方"),
             fact("t0", "ended_notice", "2026-01-06T09:00:00+08:00", ref="r1", party="乙方"),
             fact("p1", "reply", "2026-01-06T09:00:00+08:00", ref="r1", amount="1.00", **{"from": "乙方"}),
             fact("p2", "reply", "2026-01-07T09:00:00+08:00", ref="r1", amount="1.00", **{"from": "乙方"}),
             fact("d1", "done", "2026-01-08T09:00:00+08:00", ok=True)]
    rep = both(adv, facts)
    assert (rep["contract_life"]["ended_by"], rep["contract_life"]["trigger"]) == ("by_notice", "t1")
    assert triggers(rep, "confirm") == ["p1"]  # (p2 after the end: no new duty)
    assert len(codes(rep, "f_exists")) == 1  # (exists(by_notice): the termination is an event)
    both_many(adv, facts, ["2026-01-06T09:00:00+08:00", "2026-01-07", AS_OF])


# ------------------------------------------------------------------ derived events
def test_deemed_events_and_stages_as_partners_and_as_what_exists_counts(adv):
    facts = [fact("s", "signed", "2026-01-01"),
             fact("r1", "report", ONE, amount="5.00", n=1, level="low"),
             fact("r2", "report", ONE, amount="6.00", n=2),
             fact("x1", "sent", "2026-01-05T12:00:00+08:00", ref="r1"),  # delivered 2026-01-06 00:00
             fact("r3", "report", "2026-01-06T00:00:00+08:00", amount="1.00", n=3),  # the instant of the deemed event
             fact("p1", "reply", "2026-01-06T08:00:00+08:00", ref="r1", amount="6.00", **{"from": "乙方"}),
             fact("c1", "check", "2026-01-06T08:00:00+08:00", ref="p1"),  # confirm.triggered at p1: same instant
             fact("d1", "done", "2026-01-07T09:00:00+08:00", ok=True),  # performs confirm: staged joins d1
             fact("p2", "reply", "2026-01-08T09:00:00+08:00", ref="r2", amount="6.00", **{"from": "乙方"}),
             fact("c2", "check", "2026-01-20T09:00:00+08:00", ref="p2"),  # after confirm of p2 was violated
             fact("r4", "report", "2026-01-21T09:00:00+08:00", amount="1.00", n=4)]
    rep = both(adv, facts)
    assert triggers(rep, "on_delivery") == ["delivered:x1"]  # (the deemed delivery of x1 joins r1)
    assert triggers(rep, "staged") == ["confirm#1.fulfilled"]  # (d1 performed p1's duty: `o.by.id == d.id`)
    # confirm#1.triggered with c1 of its instant (c1 recorded before the stage), confirm#2.triggered with c2 after
    assert triggers(rep, "on_trig") == ["confirm#1.triggered", "c2"]
    assert triggers(rep, "staged_r") == ["c2"]  # (p2's duty violated at 2026-01-12 24:00)
    assert [r["trigger"] for r in rep["remedies"] if r["name"] == "late_fee"] == ["confirm#2.violated"]
    assert len(codes(rep, "f_src")) == 1
    # exists(delivered) and not exists(confirm.violated): r3 (at the delivery's instant) yes, r4 no
    assert triggers(rep, "ex_derived") == ["r3"]
    both_many(adv, facts, ["2026-01-05T12:00:00+08:00", "2026-01-06", "2026-01-06T08:00:00+08:00",
                           "2026-01-10T00:00:00+08:00", "2026-01-21", AS_OF])


def test_exists_with_not_and_or_and_constants(adv):
    at = "2026-01-05T09:00:00+08:00"
    facts = [fact("s", "signed", "2026-01-01"),
             fact("d0", "done", "2026-01-04T09:00:00+08:00"),  # before any done that is ok (ok unknown)
             fact("d1", "done", at, ok=False),
             fact("d2", "done", at, ok=True),  # same instant: exists(done y where y.ok) already holds at d1
             fact("d3", "done", "2026-01-06T09:00:00+08:00", ok=True),
             fact("x1", "sent", "2026-01-07T09:00:00+08:00"),
             fact("d4", "done", "2026-01-08T09:00:00+08:00", ok=False),
             fact("r", "report", "2026-01-08T09:00:00+08:00", amount="1.00", n=1),
             fact("p", "reply", "2026-01-08T09:00:00+08:00", ref="r", amount="1.00"),
             fact("c", "check", "2026-01-09T09:00:00+08:00", ref="p"),
             fact("d5", "done", "2026-01-10T09:00:00+08:00", ok=True)]
    rep = both(adv, facts)
    # not exists(done y where y.ok): d0 only (d2 of d1's instant counts for d1: the facts of an instant
    # are simultaneous)
    assert triggers(rep, "ex_self") == ["d0"]
    # (d.ok and not exists(check)) or exists(sent) and not d.ok
    assert triggers(rep, "ex_or") == ["d2", "d3", "d4"]
    assert len(codes(rep, "f_always")) == 1 and codes(rep, "f_never") == []


# ------------------------------------------------------------------ numbers
NUMBERS = [  # (as written in the fact, JSON number or text), low (< 60.5 and not 0), high (>= 60.5 or <= 0)
    ("60.5", False, True), ("60.50", False, True), ('"60.5000000000"', False, True),
    ("60.4999999999", True, False), ("-12345.0000000001", True, True),  # (15 digits: a double)
    ("-123456.0000000001", True, True), ("123456.0000000001", False, True),  # (16 digits: qiyue's)
    ("0", False, True), ("-0", False, True), ('"-0.0"', False, True), ("0E-10", None, None),
    ("0.0001", True, False), ("0.00009", True, False), ("-0.0001", True, True),
    ("123456789012345", False, True), ("999999999999999.9999999999", False, True),
    ("-999999999999999.9", True, True), ("1e2", None, None), ("6.05E+1", None, None),  # (an exponent: refused by both
    # — docs §3.6, the fuzzer round 29)
    ("60.500000000000001", None, None),  # (more than ten decimals: refused by both)
]


@pytest.mark.parametrize("value,low,high", NUMBERS, ids=[v for v, _, _ in NUMBERS])
def test_a_decimal_at_the_edges_of_what_the_rete_reads(adv, value, low, high):
    line = f'{{"id": "v", "type": "rated", "at": "{ONE}", "value": {value}}}'
    rep = both(adv, [fact("s", "signed", "2026-01-01"), line])
    if low is None:
        assert "error" in rep
        return
    assert bool(triggers(rep, "low")) is low
    assert bool(triggers(rep, "high")) is high


def test_a_decimal_with_15_and_16_significant_digits_on_both_sides_of_zero():
    from decimal import Decimal
    from engine.live.patterns import encode
    assert encode("number", Decimal("12345.0000000001")) is not None  # 15 digits: a double
    assert encode("number", Decimal("123456.0000000001")) is None  # 16: the fact's lines go to qiyue
    c = compiled_with(ADV)
    values = ["12345.0000000001", "123456.0000000001", "-12345.0000000001", "-123456.0000000001",
              "0.0000000001", "-0.0000000001", '"-0.0000000000"']
    facts = [fact("s", "signed", "2026-01-01")] + [
        f'{{"id": "v{i}", "type": "rated", "at": "2026-01-{5 + i:02d}T09:00:00+08:00", "value": {v}}}'
        for i, v in enumerate(values)]
    rep = both(c, facts)
    assert triggers(rep, "low") == ["v2", "v3", "v4", "v5"]
    assert triggers(rep, "high") == ["v0", "v1", "v2", "v3", "v5", "v6"]


# ------------------------------------------------------------------ the budget of kept facts
@pytest.mark.parametrize("max_kept", [0, 1, 2, 3, 4, 5])
def test_the_budget_running_out_in_the_middle_of_an_instant(max_kept):
    """The kept facts leave the session (``joins_to_qiyue``) while an instant's facts are being recorded
    — with 2 to 5, at c1, c2, p1 or p2 of the five facts of ONE (taken c1, c2, p1, p2, r2): some of them
    already asserted and paired on the Rete, none matched yet.  The same report as the reference."""
    from engine.live.backend import DurableEvaluation, plan
    c = compiled_with(ADV, max_kept)
    at_switch = []
    record = DurableEvaluation.record

    def spy(self, e):
        before = self._kept_msgs is not None
        record(self, e)
        if before and self._kept_msgs is None:
            at_switch.append(e.id)
    facts = [fact("s", "signed", "2026-01-01"),
             fact("r1", "report", "2026-01-04T09:00:00+08:00", amount="1.00", n=1),
             fact("r2", "report", ONE, amount="2.00", n=2, due="2026-01-06"),
             fact("p1", "reply", ONE, ref="r2", amount="2.00", due="2026-01-06", **{"from": "乙方"}),
             fact("p2", "reply", ONE, ref="r1", amount="0.50", due="2026-01-06", **{"from": "乙方"}),
             fact("c1", "check", ONE, ref="p1"),
             fact("c2", "check", ONE, ref="p2"),
             fact("r3", "report", "2026-01-06T09:00:00+08:00", amount="3.00", n=3, due="2026-01-06")]
    DurableEvaluation.record = spy
    try:
        rep = both(c, facts)
        both_many(c, facts, ["2026-01-04T09:00:00+08:00", ONE, AS_OF])
    finally:
        DurableEvaluation.record = record
        plan(c).close()
    if max_kept >= 2:
        assert at_switch[0] in ("c1", "c2", "p1", "p2") and len(set(at_switch)) == 1
    assert triggers(rep, "chain") == ["p2", "r2"]  # (each chain completes at the last of its instant by id)
    assert sorted(triggers(rep, "confirm")) == ["p2", "r2"]


# ------------------------------------------------------------------ a year no calendar knows
CALENDAR = """\
contract "A-2" "未知年份" { calendar official calendar fallback undetermined }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event report "报告" { due: date optional "期限" }
event reply "答复" { ref: ref (report) "所答复的报告" }
event done "完成"
clause "1" "x" {
  obligation key_first "键在前" {
    debtor 乙方
    creditor 甲方
    for each reply p, report r where p.ref == r.id and p.at > end of 3 days after r.due
    fulfilled by done d
    within 3 days
  }
  obligation key_later "键在后" {
    debtor 乙方
    creditor 甲方
    for each reply p, report r where p.at > end of 3 days after r.due and p.ref == r.id
    fulfilled by done d
    within 3 days
  }
}
"""


def _calendar_facts():
    return [fact("r1", "report", "2026-01-05T09:00:00+08:00", due="2026-01-06"),
            fact("r9", "report", "2026-01-05T10:00:00+08:00", due="2099-01-06"),
            fact("p1", "reply", "2026-01-20T09:00:00+08:00", ref="r1"),
            fact("p9", "reply", "2026-01-21T09:00:00+08:00", ref="r9")]


def test_a_year_no_calendar_knows_in_a_later_part_of_a_join_the_rete_pairs():
    """`p.ref == r.id` first (on the Rete), then a part that needs 2099's calendar: both backends meet
    the unknown year at p9 only (its report's due), and both find p1."""
    c = compiled_with(CALENDAR.replace("key_later", "other").replace(
        "where p.at > end of 3 days after r.due and p.ref == r.id", "where p.ref == r.id and r.due == 2026-01-06"))
    rep = both(c, _calendar_facts())
    assert triggers(rep, "key_first") == ["p1"]
    assert [f["args"]["year"] for f in rep["findings"] if f["code"] == "calendar_year_unknown"] == [2099]


def test_a_year_no_calendar_knows_before_the_key_of_a_join():
    c = compiled_with(CALENDAR)
    rep = both(c, _calendar_facts()[:3])  # (p1 only: its report r1 is in 2026)
    assert triggers(rep, "key_later") == ["p1"]


DIVISION = """\
contract "A-3" "除以零" { calendar official calendar fallback undetermined }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event report "报告" { k: int "除数" }
event reply "答复" {
  ref: ref (report) "所答复的报告"
  n: int "数"
}
event check "复核" { ref: ref (reply) "所复核的答复" }
event done "完成"
clause "1" "x" {
  obligation ratio "比例" {
    debtor 乙方
    creditor 甲方
    for each reply p, report r where p.n / r.k > 1 and p.ref == r.id
    fulfilled by done d
    within 3 days
  }
  obligation ratio3 "三方" {
    debtor 乙方
    creditor 甲方
    for each check c, reply p, report r where p.n / r.k > 1 and c.ref == p.id and p.ref == r.id
    fulfilled by done d
    within 3 days
  }
}
"""


@pytest.mark.parametrize("sources", [2, 3])
def test_a_division_by_zero_in_a_pair_the_key_rules_out(sources):
    c = compiled_with(DIVISION)
    facts = [fact("r1", "report", "2026-01-05T09:00:00+08:00", k=2),
             fact("r0", "report", "2026-01-05T10:00:00+08:00", k=0),
             fact("p1", "reply", "2026-01-20T09:00:00+08:00", ref="r1", n=5)]
    if sources == 3:
        facts.append(fact("c1", "check", "2026-01-21T09:00:00+08:00", ref="p1"))
    rep = both(c, facts)
    assert triggers(rep, "ratio" if sources == 2 else "ratio3") == ["p1" if sources == 2 else "c1"]


# ------------------------------------------------------------------ an unknown attribute between two facts
MISSING = """\
contract "A-4" "缺失的属性" { calendar official calendar fallback undetermined }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event report "报告" { amount: money optional "金额" }
event reply "答复" {
  ref: ref (report) "所答复的报告"
  amount: money optional "金额"
}
event done "完成"
clause "1" "x" {
  obligation equal "同额" {
    debtor 乙方
    creditor 甲方
    for each report r, reply p where p.ref == r.id and r.amount == p.amount
    fulfilled by done d
    within 3 days
  }
  obligation ordered "不少于" {
    debtor 乙方
    creditor 甲方
    for each report r, reply p where p.ref == r.id and r.amount >= p.amount
    fulfilled by done d
    within 3 days
  }
}
"""


def test_an_equality_between_two_facts_with_an_unknown_attribute():
    c = compiled_with(MISSING.replace("r.amount >= p.amount", "r.amount == p.amount or true"))
    for r_amount, p_amount, later in itertools.product([None, "1.00"], [None, "1.00"], ["reply", "report"]):
        r = fact("r1", "report", "2026-01-05T09:00:00+08:00" if later == "reply" else "2026-01-07T09:00:00+08:00",
                 **({"amount": r_amount} if r_amount else {}))
        p = fact("p1", "reply", "2026-01-06T09:00:00+08:00", ref="r1", **({"amount": p_amount} if p_amount else {}))
        rep = both(c, [r, p])
        assert bool(triggers(rep, "equal")) is bool(r_amount and p_amount)


@pytest.mark.parametrize("later", ["reply", "report"])
def test_an_order_between_two_facts_with_an_unknown_attribute(later):
    c = compiled_with(MISSING)
    facts = [fact("r1", "report", "2026-01-05T09:00:00+08:00" if later == "reply" else "2026-01-07T09:00:00+08:00"),
             fact("p1", "reply", "2026-01-06T09:00:00+08:00", ref="r1", amount="1.00")]
    rep = both(c, facts)
    assert triggers(rep, "ordered") == []


# ------------------------------------------------------------------ durable_rules' own limits
LONG = """\
contract "A-5" "长文本" { calendar official calendar fallback undetermined }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event report "报告" { level: text optional "级别" }
event done "完成"
clause "1" "x" {
  obligation high "高" {
    debtor 乙方
    creditor 甲方
    for each report r where r.level == "high"
    fulfilled by done d
    within 3 days
  }
  obligation not_high "非高" {
    debtor 乙方
    creditor 甲方
    for each report r where r.level != "high"
    fulfilled by done d
    within 3 days
  }
}
"""


def test_long_texts_below_64_kib_compare_whole():
    c = compiled_with(LONG)
    rep = both(c, [fact("r1", "report", ONE, level="high" + "x" * 65531), fact("r2", "report", ONE, level="high")])
    assert triggers(rep, "high") == ["r2"] and triggers(rep, "not_high") == ["r1"]


def test_a_text_of_64_kib_and_more():
    c = compiled_with(LONG)
    rep = both(c, [fact("r1", "report", ONE, level="high" + "x" * 65536)])
    assert triggers(rep, "high") == [] and triggers(rep, "not_high") == ["r1"]


def _many_attributes(n):
    attrs = "\n".join(f'  a{i}: text optional "属性{i}"' for i in range(n))
    return f"""\
contract "A-6" "多属性" {{ calendar official calendar fallback undetermined }}
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event big "大" {{
{attrs}
}}
event done "完成"
clause "1" "x" {{
  obligation o "义务" {{
    debtor 甲方
    creditor 乙方
    for each big b where b.a0 == "x"
    fulfilled by done d
    within 3 days
  }}
}}
"""


@pytest.mark.parametrize("n", [
    250, 251, 400])  # (past 254 properties a message: the fact is qiyue's — ``patterns.Beyond``)
def test_a_fact_with_many_attributes(n):
    c = compiled_with(_many_attributes(n))
    rep = both(c, [fact("b1", "big", ONE, **{f"a{i}": "x" for i in range(n)})])
    assert triggers(rep, "o") == ["b1"]


def _many_lines(n, cond):
    obligations = "\n".join(f"""\
  obligation o{i} "义务{i}" {{
    debtor 甲方
    creditor 乙方
    for each report r{cond.format(i=i)}
    fulfilled by done d
    within 3 days
  }}""" for i in range(n))
    return f"""\
contract "A-7" "多行" {{ calendar official calendar fallback undetermined }}
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event report "报告" {{ n: int optional "数" }}
event done "完成"
clause "1" "x" {{
{obligations}
}}
"""


@pytest.mark.parametrize("n,cond", [
    (64, " where r.n > {i}"),
    (65, " where r.n > {i}"),  # (durable_rules' alpha stack overflows, error 303: every line is qiyue's)
    (300, " where r.n > {i}"),  # (past RULES_PER_KIND distinct rules on one kind: the later lines are qiyue's)
    (300, " where not r.n == {i}"),
], ids=["64-tiers", "65-tiers", "300-tiers", "300-not-equal"])
def test_many_lines_over_one_kind(n, cond):
    from engine.live.backend import plan
    from engine.live.patterns import RULES_PER_KIND
    c = compiled_with(_many_lines(n, cond))
    rep = both(c, [fact("r1", "report", ONE, n=1000), fact("r2", "report", ONE.replace("09:", "10:"), n=5)])
    assert len([o for o in rep["obligations"] if o["trigger"] == "r1"]) == n
    rows = plan(c).describe()
    on_rete = [r for r in rows if r["runs_on"] == "rete"]
    assert len(on_rete) == min(n, RULES_PER_KIND)
    assert all("durable_rules' fixed tables" in r["reason"] for r in rows if r["runs_on"] == "residual")


def test_two_attribute_names_whose_hashes_collide():
    c = compiled_with("""\
contract "A-8" "属性名" { calendar official calendar fallback undetermined }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event report "报告" {
  nfvljcjy: text optional "甲"
  jdznsbjs: text optional "乙"
}
event done "完成"
clause "1" "x" {
  obligation o "义务" {
    debtor 乙方
    creditor 甲方
    for each report r where r.jdznsbjs == "x"
    fulfilled by done d
    within 3 days
  }
}
""")
    rep = both(c, [fact("r1", "report", ONE, nfvljcjy="x", jdznsbjs="y")])
    assert triggers(rep, "o") == []


# ------------------------------------------------------------------ generated streams of ADV
INSTANTS = ["2026-01-04T08:00:00+08:00", "2026-01-05T09:00:00+08:00", "2026-01-06", "2026-01-06T00:00:00+08:00",
            "2026-01-08T12:00:00+08:00", "2026-01-09T00:00:00+08:00", "2026-01-12T09:00:00+08:00"]
EVAL_AT = ["2026-01-05T09:00:00+08:00", "2026-01-06", "2026-01-08T12:00:00+08:00", "2026-01-10", AS_OF]
VALUES = ["60.5", "60.4999999999", "0", "-0", "-0.0", "60.50", "0.0001", "0.00009", "123456789012345",
          "999999999999999.9", "-60.5", "60.5000000001", "1234567890.12345", "1234567890.123456"]
KINDS = ["signed", "report", "report", "reply", "reply", "reply", "check", "check", "sent", "done", "done", "rated",
         "ended_notice"]
IDS = [f"{c}{i}" for c in "abcdefgh" for i in range(3)]


@st.composite
def adv_streams(draw, max_facts=16):
    """Lines of facts of ADV: few instants (many facts share one), ids in any order against the
    instants, references to facts drawn before (of any instant), attributes left out or at the values
    the rules compare with; listed in any order."""
    n = draw(st.integers(1, max_facts))
    ids = draw(st.permutations(IDS))[:n]
    facts = []
    if draw(st.integers(0, 3)):  # (mostly, the contract takes effect: early, or at an instant of the facts)
        facts.append({"id": "s", "type": "signed", "at": draw(st.sampled_from(["2026-01-01", *INSTANTS]))})

    def some(values, optional=True):
        return draw(st.sampled_from(([None] if optional else []) + list(values)))

    def ids_of(kind):
        return [f["id"] for f in facts if f["type"] == kind]
    for i in range(n):
        kind = draw(st.sampled_from(KINDS))
        f = {"id": ids[i], "type": kind, "at": draw(st.sampled_from(INSTANTS))}
        if kind == "report":
            f.update(level=some(["high", "low"]), amount=some(["10.00", "10", "12.50", "0.00"], False),
                     due=some(["2026-01-06", "2026-01-07"]), n=some([0, 1, 2], False))
        elif kind == "reply":
            if not ids_of("report"):
                continue
            f.update(ref=draw(st.sampled_from(ids_of("report"))), amount=some(["10.00", "12.50", "9.99"], False),
                     due=some(["2026-01-06", "2026-01-07"]), **{"from": some(["甲方", "乙方"])})
        elif kind == "check":
            if not ids_of("reply"):
                continue
            f["ref"] = draw(st.sampled_from(ids_of("reply")))
        elif kind == "sent":
            f["ref"] = some(ids_of("report"))
        elif kind == "done":
            f["ok"] = some([True, False])
        elif kind == "rated":
            f["value"] = some(VALUES)
        elif kind == "ended_notice":
            if not ids_of("report"):
                continue
            f.update(ref=draw(st.sampled_from(ids_of("report"))), party=some(["甲方", "乙方"], False))
        facts.append({k: v for k, v in f.items() if v is not None})
    lines = []
    for f in facts:
        line = json.dumps(f, ensure_ascii=False)
        if "value" in f and draw(st.booleans()):  # (a decimal as a JSON number)
            line = line.replace(f'"value": "{f["value"]}"', f'"value": {f["value"]}')
        lines.append(line)
    return draw(st.permutations(lines))


_GENERATED = settings(max_examples=500, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))


def test_the_backends_agree_on_generated_streams_of_adv(adv):
    @_GENERATED
    @given(adv_streams(), st.lists(st.sampled_from(EVAL_AT), min_size=1, max_size=3, unique=True))
    def check(lines, as_ofs):
        both_many(adv, list(lines), as_ofs)
        both(adv, list(lines), as_ofs[-1])

    check()


# ------------------------------------------------------------------ live sessions
def _session_run(compiled, backend, steps):
    s = compiled.session("<facts>", backend=backend)
    out = []
    try:
        for kind, arg in steps:
            try:
                if kind == "add":
                    s.add(arg)
                    out.append(("changes", s.changes("en")))
                elif kind == "advance":
                    s.advance(arg)
                    out.append(("changes", s.changes("en")))
                else:
                    out.append(("report", s.report("en")))
            except QiyueError as exc:
                out.append(("error", [d.key for d in exc.diagnostics]))
    finally:
        s.close()
    return text(out)


def _at(line):
    at = json.loads(line)["at"]
    return at if "T" in at else at + "T00:00:00+08:00"


def test_a_live_session_adds_an_instant_in_two_calls(adv):
    """Facts of one instant added in two calls (the second makes the session replay), a repeated line,
    reports between: the same changes and reports on both backends."""
    steps = [("add", fact("s", "signed", "2026-01-01")),
             ("add", fact("r1", "report", ONE, amount="5.00", n=1, level="high")),
             ("add", fact("p1", "reply", ONE, ref="r1", amount="1.00", **{"from": "乙方"})),
             ("report", None),
             ("add", fact("c1", "check", ONE, ref="p1") + "\n" + fact("r0", "report", ONE, amount="9.00", n=2)),
             ("add", fact("c1", "check", ONE, ref="p1")),
             ("add", fact("x1", "sent", "2026-01-05T12:00:00+08:00", ref="r1")),
             ("advance", "2026-01-06T12:00:00+08:00"),
             ("add", fact("t1", "ended_notice", "2026-01-07T09:00:00+08:00", ref="r1", party="甲方")),
             ("advance", AS_OF), ("report", None)]
    assert _session_run(adv, "durable", steps) == _session_run(adv, "reference", steps)


def test_live_sessions_agree_on_generated_streams_of_adv(adv):
    @settings(max_examples=150, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(adv_streams(max_facts=12), st.lists(st.integers(1, 3), min_size=12, max_size=12),
           st.lists(st.booleans(), min_size=12, max_size=12))
    def check(lines, chunks, look):
        ordered = sorted(lines, key=_at)
        steps, i, k = [], 0, 0
        while i < len(ordered):
            steps.append(("add", "\n".join(ordered[i:i + chunks[k]])))
            i += chunks[k]
            if look[k]:
                steps.append(("report", None))
            k += 1
        steps += [("advance", AS_OF), ("report", None)]
        assert _session_run(adv, "durable", steps) == _session_run(adv, "reference", steps)

    check()
