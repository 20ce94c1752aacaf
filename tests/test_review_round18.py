"""Review round 18 of ad1145f..a4e45b5: `due by MOMENT as act` (cf2dca9) and its grammar, ``Evaluation.scan_first``
(cf2dca9), `recomputed daily at day end` (2459bf5), an event at 24:00 of a period's last day (2b22ca5), `ref … ahead`
(2b22ca5), the live backend's new paths (0f00849).  Each stream is hand-counted in its docstring.
Calendar (国办发明电〔2024〕12号): 2026-03-02 is a Monday; 03-07/03-08 a weekend."""
from __future__ import annotations

import dataclasses
import json

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.live import available as durable_available
from engine.run.plans import Prepared
from seedfacts import backends_agree_on_generated_streams, compiled_rules, on_both_backends

needs_durable = pytest.mark.skipif(not durable_available(), reason="durable_rules not installed (the [live] extra)")


def _lines(facts):
    return [json.dumps(f, ensure_ascii=False) for f in facts]


def t(day, hm="10:00"):
    return f"2026-03-{day:02d}T{hm}:00+08:00"


# ---------------------------------------------------------------- 2459bf5: recomputed daily at day end, a duty's row

LOAN = '''contract "R18-INT" { calendar official }
party 甲方 "贷款人" as lender
party 乙方 "借款人" as borrower
event lent "放款" { amount: money }
event repaid "还款" { amount: money }
clause "1" "还款" {
  obligation repay "归还借款" {
    debtor 乙方
    creditor 甲方
    for each lent l
    fulfilled when sum(r.amount for each repaid r) >= l.amount
    within 3 days as term
  }
}
clause "2" "逾期利息" {
  remedy late_interest "逾期利息" {
    holder 甲方
    for each repay.violated v
    amount max(¥0.00, ¥1,000.00 - sum(r.amount for each repaid r)) × 0.1% per day
    recomputed daily AT_END
  }
}
'''
LENT = {"id": "l", "type": "lent", "at": t(2), "amount": "1000.00"}


def interest(at_end, facts, as_of="2026-04-01"):
    report = on_both_backends(compile_rules(LOAN.replace("AT_END", at_end), "r18.qy"), _lines(facts), as_of)
    [r] = report["remedies"]
    return r["amount"], r["because"]


@pytest.mark.parametrize("at_end, full, parts", [("at day end", "2.00", "1.60"), ("按日终", "2.00", "1.60"),
                                                   ("", "3.00", "2.60")])
def test_the_day_a_duty_is_performed_is_on_its_end_balance(at_end, full, parts):
    """Lent ¥1,000 on Mon 03-02, due 3 days → 24:00 Thu 03-05; late from 03-06, ¥1,000 × 0.1% = ¥1.00 a day.
    Repaid in full Sun 03-08 10:00 (performing the duty): at day end 03-06, 03-07 ¥1.00 and 03-08 on its end balance
    ¥0 → ¥2.00 (算头不算尾: “还款当日不计息”, docs/language.md §5); ¥400 on 03-07 and ¥600 on 03-08: 03-06 ¥1.00,
    03-07 ¥0.60, 03-08 ¥0.00 → ¥1.60.  The engine charged the performing day at the balance before the last
    repayment (¥3.00 / ¥2.20): the row stops being recomputed once its duty is performed, before that repayment's
    change was counted.  Without `at day end` (计至清偿之日) the day is charged: ¥3.00 / 1 + 1 + 0.60 = ¥2.60."""
    assert interest(at_end, [LENT, {"id": "r", "type": "repaid", "at": t(8), "amount": "1000.00"}])[0] == full
    got, because = interest(at_end, [LENT, {"id": "r1", "type": "repaid", "at": t(7), "amount": "400.00"},
                                     {"id": "r2", "type": "repaid", "at": t(8), "amount": "600.00"}])
    assert got == parts
    if at_end:
        assert "当日结束时" in because[-1]


def test_a_repayment_at_midnight_of_the_first_late_day():
    """Repaid in full at 00:00 03-06 (late: the first instant after 24:00 03-05): at day end 03-06 ends at ¥0 →
    ¥0.00; without, 03-06 bears a day at ¥1,000 → ¥1.00.  ¥400 at 00:00 03-06, as of 00:00 03-08 (03-08 begun): at day
    end 3 days × ¥0.60 = ¥1.80; without, 03-06 ¥1.00 + 03-07, 03-08 ¥0.60 = ¥2.20."""
    full = [LENT, {"id": "r", "type": "repaid", "at": t(6, "00:00"), "amount": "1000.00"}]
    part = [LENT, {"id": "r", "type": "repaid", "at": t(6, "00:00"), "amount": "400.00"}]
    assert interest("at day end", full)[0] == "0.00"
    assert interest("", full)[0] == "1.00"
    assert interest("at day end", part, "2026-03-08")[0] == "1.80"
    assert interest("", part, "2026-03-08")[0] == "2.20"


# ---------------------------------------------------------------- 2b22ca5: an event at 24:00 of the last day

BOND = '''contract "R18-24" { calendar official }
party 甲方 "甲" as a
party 乙方 "乙" as b
event bond "保函" { valid_until: date }
event asked "要求" { }
event done "办理" { }
clause "1" "x" {
  deemed lapsed "保函失效" {
    for each bond g
    at day_end(g.valid_until)
  }
  obligation release "解除" {
    debtor 甲方
    creditor 乙方
    for each asked q
    FULFIL
    within 3 days
  }
  remedy dmg "违约金" {
    holder 乙方
    for each release.violated v
    amount ¥10.00
  }
}
'''
BOND_FACTS = [{"id": "g", "type": "bond", "at": t(1), "valid_until": "2026-03-05"}, {"id": "q", "type": "asked", "at": t(2)}]


@pytest.mark.parametrize("fulfil", ["fulfilled by lapsed x", "fulfilled when exists(lapsed x)"])
def test_a_condition_an_event_of_2400_makes_true_is_performed_in_time(fulfil):
    """Asked Mon 03-02 10:00, 3 days → last day Thu 03-05, due 24:00 03-05; the bond lapses at day_end(03-05), the
    same 24:00 — in time (docs/language.md §9 “它也在该日届满的期限之内”), as 2b22ca5 made `fulfilled by` say.  With
    `fulfilled when exists(lapsed x)` the engine decided the duty before that instant's deemed event: a violation,
    a remedy arisen and withdrawn (remedies: dmg “withdrawn”; watch: remedy_arisen, remedy_withdrawn at 00:00 03-06),
    its reason “其后得知的 … 保函失效” (nothing was learnt later) and “早于期限” (it is at the deadline, not before)."""
    rules = compile_rules(BOND.replace("FULFIL", fulfil), "r18.qy")
    report = on_both_backends(rules, _lines(BOND_FACTS), "2026-03-20")
    [o] = report["obligations"]
    assert (o["status"], o["due"]) == ("fulfilled", "2026-03-06T00:00:00+08:00")
    assert report["remedies"] == []
    assert "不晚于期限" in o["because"][-1] and not any("其后得知" in x or "曾认定违约" in x for x in o["because"])
    session = rules.session("f.jsonl")
    for line in _lines(BOND_FACTS):
        session.add(line)
    session.advance("2026-03-20")
    assert [c["code"] for c in session.changes()][3:] == ["deemed", "obligation_fulfilled"]


@pytest.mark.parametrize("fulfil", ["fulfilled by done x", "fulfilled when exists(done x)"])
def test_a_fact_at_midnight_of_the_next_day_is_late(fulfil):
    """Guard: a fact recorded at 00:00 Fri 03-06 is on 03-06 — late (the period ended at 24:00 03-05)."""
    rules = compile_rules(BOND.replace("FULFIL", fulfil), "r18.qy")
    facts = [BOND_FACTS[1], {"id": "d", "type": "done", "at": t(6, "00:00")}]
    report = on_both_backends(rules, _lines(facts), "2026-03-20")
    assert report["obligations"][0]["status"] == "violated"
    assert [r["name"] for r in report["remedies"]] == ["dmg"]


# ---------------------------------------------------------------- 2b22ca5: ref … ahead

AHEAD = '''contract "R18-AH" { calendar official }
party 甲方 "甲" as a
party 乙方 "乙" as b
event moved "地址变更" { }
event other "其他" { }
event notice "通知" { ref: ref (moved) ahead "所涉变更" }
clause "1" "x" {
  finding f warning "通知" {
    for each notice n
  }
}
'''


def test_a_ref_ahead_to_a_later_fact_of_its_type_is_no_error():
    """Guard: the notice (03-01) names x, a `moved` of 03-05 — no error on eval or in a live session."""
    rules = compile_rules(AHEAD, "r18.qy")
    lines = _lines([{"id": "n", "type": "notice", "at": t(1), "ref": "x"}, {"id": "x", "type": "moved", "at": t(5)}])
    rules.evaluate(lines, "2026-03-10")
    session = rules.session("<facts>")
    for line in lines:
        session.add(line)
    assert session.report() == rules.evaluate(lines, session.clock)


def test_a_ref_ahead_to_a_later_fact_of_another_type_is_refused_live_as_on_eval():
    """The notice (03-01) names x; x comes 03-05 as an `other`, not a `moved`: eval refuses the file (ref_type, the
    notice's line); a session (watch) took both lines, and its report is of lines eval refuses (README: a session's
    report is `evaluate(every line added, clock)`)."""
    rules = compile_rules(AHEAD, "r18.qy")
    lines = _lines([{"id": "n", "type": "notice", "at": t(1), "ref": "x"}, {"id": "x", "type": "other", "at": t(5)}])
    with pytest.raises(QiyueError) as exc:
        rules.evaluate(lines, "2026-03-10")
    assert [d.code for d in exc.value.diagnostics] == ["ref_type"]
    session = rules.session("f.jsonl")
    session.add(lines[0])
    with pytest.raises(QiyueError):
        session.add(lines[1])


# ---------------------------------------------------------------- cf2dca9: the grammar around 顺延

BY = '''contract "R18-BY" { calendar official }
party 甲方 "甲" as lender
party 乙方 "乙" as borrower
event requested "申请" { day: date  days: int 1..30 }
event paid "划款" { ref: ref (requested) }
event fm "不可抗力"
event fm_end "不可抗力消除" { ref: ref (fm) }
event granted "同意延期" { ref: ref (requested)  days: int 1..30 }
clause "1" "发放" {
  obligation pay "按期发放" {
    debtor 甲方
    creditor 乙方
    for each requested r
    fulfilled by paid p where p.ref == r.id
    DEADLINE
    EXTRA
  }
}
'''


@pytest.mark.parametrize("deadline, extra", [
    ("within 5 days", "延期事件 granted g 顺延 g.days 日"),
    ("within 5 days", "延期事件 granted g 满足 g.ref == r.id 顺延 g.days 日 追溯"),
    ("within 5 days", "延期事件 granted g 满足 (g.ref == r.id) 顺延 3 日"),
    ("within 5 days", "延期事件 granted g 满足 g.ref == r.id for g.days 日"),
    ("within 5 days", "extended by granted g for g.days days"),
    ("期限 r.days 日 顺延", ""), ("期限 r.days 日 不顺延", ""), ("期限 5 日 顺延 自 r.at", ""),
    ("within r.days days as act", ""), ("within 5 days as act after r.at", ""),
    ("最迟于 当日结束(r.day) 顺延", "延期事件 granted g 满足 g.ref == r.id 顺延 g.days 日"),
    ("最迟于 当日结束(r.day) 不顺延", "延期事件 granted g 满足 g.ref == r.id 顺延 g.days 日"),
    ("最迟于 r.at + r.days 日 顺延", ""), ("due by r.at + r.days days as act", ""),
    ("due by if r.days > 3 then day_end(r.day) otherwise day_end(r.day) as act", ""),
    ("due by day_end(r.day) as term", "extended by granted g where g.ref == r.id for g.days days retroactively"),
    ("within 5 days", "中止事件 fm f 直至 fm_end e 满足 e.ref == f.id"),
])
def test_every_place_a_value_may_be_followed_by_shunyan_parses(deadline, extra):
    """Guard: each spelling parsed before cf2dca9 still parses (the `due by` ones are new), on both keywords."""
    compile_rules(BY.replace("DEADLINE", deadline).replace("EXTRA", extra), "r18.qy")


@pytest.mark.parametrize("word", ["as act", "as term", "不顺延"])
def test_an_extension_length_word_other_than_for_or_shunyan_is_a_syntax_error(word):
    """Guard: `extended by … as act x days` is an error value with its place, not a traceback."""
    with pytest.raises(QiyueError) as exc:
        compile_rules(BY.replace("DEADLINE", "within 5 days").replace(
            "EXTRA", f"extended by granted g where g.ref == r.id {word} g.days days"), "r18.qy")
    [d] = exc.value.diagnostics
    assert d.code == "syntax_error" and d.span.line == 16


# ---------------------------------------------------------------- cf2dca9: scan_first against counting in full

HEAD = '''contract "R18" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event paid "付款" { amount: money  n: int  kind: text }
event mark "节点" { limit: int }
clause "1" "x" {
  remedy r "r" {
    holder 乙方
    COND
    amount ¥1.00
  }
}
'''


def _outcome(rules, facts, as_of):
    try:
        return rules.evaluate(_lines(facts), as_of)
    except QiyueError as exc:
        return ("error", str(exc))


def _same(cond, facts, as_of="2026-03-10"):
    fast = compile_rules(HEAD.replace("COND", cond), "r18.qy")
    full = dataclasses.replace(fast, prepared=Prepared(fast.checked, fast.prepared.calendar, incremental=False))
    want = _outcome(full, facts, as_of)
    assert _outcome(fast, facts, as_of) == want
    return want


def _paid(fid, at, n, kind="z"):
    return {"id": fid, "type": "paid", "at": at, "amount": "1.00", "n": n, "kind": kind}


A_Y0_B_Z1_M = [_paid("a", t(2, "09:00"), 0, "y"), _paid("b", t(2, "10:00"), 1), {"id": "m", "type": "mark",
                                                                                  "at": t(2, "11:00"), "limit": 5}]


@pytest.mark.parametrize("cond, want", [
    ('for each mark m where exists(paid q where 100 / q.n > 5 and q.kind == "z")', "error"),
    ('for each mark m where exists(paid q where q.kind == "z" and 100 / q.n > 5)', ["m"]),
    ('for each mark m where first(paid q where 100 / q.n > 5 and q.kind == "z").at < m.at', "error"),
    ('for each mark m where first(paid q where q.kind == "z" and 100 / q.n > 5).at < m.at', ["m"]),
])
def test_exists_and_first_on_a_bucket_as_in_full(cond, want):
    """Guard: a (kind y, n = 0, 09:00), b (kind z, n = 1, 10:00), mark 11:00.  The key first: a is never divided —
    b matches (100 > 5); the division first: a's 100 / 0 is met, in full too (除数为零)."""
    got = _same(cond, A_Y0_B_Z1_M)
    assert (got[0] if isinstance(got, tuple) else [r["trigger"] for r in got["remedies"]]) == want


@pytest.mark.parametrize("cond", [
    "when first(paid q where 100 / q.n > 5).n == 1 and exists(mark k)",
    "when first(paid q where 100 / q.n > 5).n == 2 and exists(mark k)",
    "when exists(paid q where 100 / q.n > 5) and exists(mark k)",
    "for each mark m where not exists(paid q where 100 / q.n > 5)",
])
@pytest.mark.parametrize("second_n", [2, 0])
def test_the_first_match_hidden_at_its_instant_as_in_full(cond, second_n):
    """Guard: a (n = 1) and b (n = 2, or 0: 100 / 0) and the mark all at 09:00 — which fact made the condition true
    hides the first match; the fast path answers as counting in full, error or not."""
    facts = [_paid("a", t(2, "09:00"), 1), _paid("b", t(2, "09:00"), second_n),
             {"id": "m", "type": "mark", "at": t(2, "09:00"), "limit": 5}]
    _same(cond, facts)


def test_a_match_found_after_misses_carried_forward():
    """Guard: a (n = 50: 2, no match) before mark m0 (09:30): exists( ) false, a carried as tested; b (n = 0) at 10:00,
    c at 11:00 with mark m: exists( ) tests b — 除数为零, in full too."""
    facts = [_paid("a", t(2, "09:00"), 50), {"id": "m0", "type": "mark", "at": t(2, "09:30"), "limit": 5},
             _paid("b", t(2, "10:00"), 0), _paid("c", t(2, "11:00"), 1),
             {"id": "m", "type": "mark", "at": t(2, "11:00"), "limit": 5}]
    assert _same("for each mark m where exists(paid q where 100 / q.n > 5)", facts)[0] == "error"


# ---------------------------------------------------------------- 0f00849: the live backend's new paths

LIVE = '''
contract "R18-LV" "测试合同" { calendar official }
party 甲方 "许可方" as licensor
party 乙方 "被许可方" as licensee
event paid "付款" { amount: money  quarter: int 1..4 "季度" }
event share "分成" { quarter: int 1..4 "季度"  parts: int 0..3 "份数" }
event report "季度报告" { quarter: int 1..4 "季度"  royalty: money "提成费" }
clause "5" "x" {
  deemed d1 "d1" {
    LINE
    at p
  }
}
'''
LIVE_LINES = {
    "twice_or": "for each report r, report p where p.id == r.id or p.quarter == r.quarter",
    "twice_neq": "for each report r, report p where p.id != r.id and p.quarter == r.quarter",
    "twice_rev": "for each report r, report p where r.id == p.id and p.royalty > ¥10.00",
    "itself_ge": "for each report p where exists(report e where e.quarter == p.quarter and e.at >= p.at)",
    "itself_not": "for each report p where not exists(report e where e.quarter == p.quarter and e.at <= p.at "
                  "and e.id != p.id)",
    "itself_count": "for each report p where count(report e where e.quarter == p.quarter and e.at <= p.at) >= 2",
    "agg_mul": "for each paid p, share h where p.quarter == h.quarter and sum(x.amount for each paid x where "
               "x.quarter == h.quarter and x.at <= p.at) >= h.parts * ¥100.00 - p.amount",
    "agg_rev": "for each paid p, share h where p.quarter == h.quarter and ¥300.00 ÷ h.parts <= sum(x.amount for each "
               "paid x where x.quarter == h.quarter and x.at <= p.at)",
}
LIVE_FACTS = [{"id": "r1", "type": "report", "at": t(2), "quarter": 1, "royalty": "100.00"},
              {"id": "r2", "type": "report", "at": t(2), "quarter": 1, "royalty": "0.00"},
              {"id": "r3", "type": "report", "at": t(3), "quarter": 1, "royalty": "50.00"},
              {"id": "r4", "type": "report", "at": t(4), "quarter": 2, "royalty": "20.00"},
              {"id": "h1", "type": "share", "at": t(2), "quarter": 1, "parts": 2},
              {"id": "p1", "type": "paid", "at": t(3), "quarter": 1, "amount": "100.00"},
              {"id": "p2", "type": "paid", "at": t(5), "quarter": 1, "amount": "60.00"},
              {"id": "p3", "type": "paid", "at": t(5), "quarter": 2, "amount": "60.00"}]


@needs_durable
@pytest.mark.parametrize("name", sorted(LIVE_LINES))
def test_the_new_live_shapes_agree_with_the_reference(name):
    """Guard: each line (each on the Rete: `qiyue check --backend durable` says no live_residual) and both backends give the same report, on a hand stream
    (two reports of Q1 at one instant, a later one, a share of 2 parts and payments either side) at three instants,
    and on generated streams."""
    with compiled_rules(LIVE.replace("LINE", LIVE_LINES[name])) as rules:
        for as_of in ("2026-03-03", "2026-03-04T10:00:00+08:00", "2026-03-10"):
            on_both_backends(rules, _lines(LIVE_FACTS), as_of)
        backends_agree_on_generated_streams(rules, 15, 8)
