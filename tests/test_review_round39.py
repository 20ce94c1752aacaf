"""A fresh reviewer's round 39 on 1cfaee8..HEAD (+ the uncommitted evaluator change: events deemed on a fact of the
effect's day known by its day alone).  Each case is a few lines of rules and facts, every figure counted by hand next
to it.  Strict xfails assert what is right; `test_passing_...` are what was checked and holds.

Calendar (official): Mon 2026-03-02 … Fri 03-06 are working days; 03-07/08 a weekend.  `within N days` counts from
the day after the trigger (民法典第201条) and ends at 24:00 of the N-th day (= 00:00 of the next, as the report writes
`due`)."""
import dataclasses
import json
import textwrap

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.run.plans import Prepared
from engine.time.timecalc import period_label_zh

HEAD = '''\
contract "X" { calendar official }
party 甲方 "甲" as buyer
party 乙方 "乙" as supplier
'''


def compiled(rules, head=HEAD):
    return compile_rules(head + textwrap.dedent(rules), "x.qy")


def reference(rules):
    """The same rules under the reference compiler (every aggregate counted in full, no keys decided)."""
    return dataclasses.replace(rules, prepared=Prepared(rules.checked, rules.prepared.calendar, incremental=False))


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def lines(facts):
    return [json.dumps(x, ensure_ascii=False) for x in facts]


def run(rules, facts, as_of, **kw):
    return rules.evaluate(lines(facts), as_of, **kw)


def duties(report, name=None):
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in report["obligations"]
            if name is None or o["name"] == name]


def steps_of(tree, code):
    out = []

    def walk(x):
        if isinstance(x, dict):
            if x.get("code") == code:
                out.append(x)
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(tree)
    return out


# ================================================================== 1. a text literal as an exact key (compiler._read_off)

LITERAL = '''
event sale "销售" { }
event notice "通知" {
  subject: TYPE "主题"
  amount: int "数"
}
clause "1" "x" {
  obligation ob "x" {
    debtor 乙方
    creditor 甲方
    for each sale s
    fulfilled when exists(notice n where COND and n.at >= s.at)
    within 3 days
  }
}
'''
# s1 Mon 03-02 10:00 → due 03-05 24:00 (03-06T00:00); s2 Tue 03-03 10:00 → due 03-07T00:00.
# n0 03-02 11:00 subject "other"; n1 03-02 12:00 no subject (unknown), amount 9; n2 03-04 12:00 subject "consent".
LITERAL_FACTS = [f("s1", "sale", "2026-03-02T10:00:00+08:00"), f("s2", "sale", "2026-03-03T10:00:00+08:00"),
                 f("n0", "notice", "2026-03-02T11:00:00+08:00", subject="other", amount=1),
                 f("n1", "notice", "2026-03-02T12:00:00+08:00", amount=9),
                 f("n2", "notice", "2026-03-04T12:00:00+08:00", subject="consent", amount=1)]
N1, N2 = "2026-03-02T12:00:00+08:00", "2026-03-04T12:00:00+08:00"


@pytest.mark.parametrize("kind", ['text optional', 'one of (consent "同意", other "其他") optional'])
@pytest.mark.parametrize("cond, s1_by", [
    ('n.subject == "consent"', N2),            # only n2 fits
    ('"consent" == n.subject', N2),            # the literal on the left: the same
    ('n.subject != "other"', N2),              # n1's unknown subject: a comparison with an unknown side is false
    ('not (n.subject == "other")', N1),        # …and `not (x == y)` of an unknown x is true: n1 (12:00 ≥ 10:00)
    ('(n.subject == "consent" or n.amount > 5)', N1),  # n1 by its amount 9
])
def test_passing_a_literal_key_gives_the_reference_compilers_verdicts(kind, cond, s1_by):
    """s2 (03-03 10:00) comes after n0/n1: only n2 (03-04 12:00) can fulfil it, in every variant."""
    rules = compiled(LITERAL.replace("TYPE", kind).replace("COND", cond))
    fast = duties(run(rules, LITERAL_FACTS, "2026-03-20"))
    assert fast == duties(run(reference(rules), LITERAL_FACTS, "2026-03-20"))
    assert fast == [("s1", "fulfilled", "2026-03-06T00:00:00+08:00", s1_by),
                    ("s2", "fulfilled", "2026-03-07T00:00:00+08:00", N2)]


EXCLUSIVE = '''
event sale "销售" { }
event notice "通知" {
  subject: text "主题"
  amount: int "数"
}
clause "1" "x" {
  obligation ob "x" {
    debtor 乙方
    creditor 甲方
    for each sale s
    fulfilled by notice n where COND HOW
    within 3 days
  }
}
'''
# n0 (c, 1) and n9 (d, 1) Sun 03-01 11:00; s1, s2, s3 Mon 03-02 10:00 (due 03-06T00:00); n2 (c, 1) 03-02 10:00, n3 (c, 0)
# 03-03 12:00.
EXCLUSIVE_FACTS = [f("n0", "notice", "2026-03-01T11:00:00+08:00", subject="c", amount=1),
                   f("n9", "notice", "2026-03-01T11:00:00+08:00", subject="d", amount=1),
                   f("s1", "sale", "2026-03-02T10:00:00+08:00"), f("s2", "sale", "2026-03-02T10:00:00+08:00"),
                   f("s3", "sale", "2026-03-02T10:00:00+08:00"),
                   f("n2", "notice", "2026-03-02T10:00:00+08:00", subject="c", amount=1),
                   f("n3", "notice", "2026-03-03T12:00:00+08:00", subject="c", amount=0)]


@pytest.mark.parametrize("cond", ['n.subject == "c"', 'n.subject == "c" and n.amount > 0',
                                  'n.amount > 0 and n.subject == "c"'])
@pytest.mark.parametrize("how, expected", [
    # one fact performs every duty it answers: n2 (the same instant) performs all three
    ("", ["2026-03-02T10:00:00+08:00"] * 3),
    # `counting earlier`: the oldest that fits, n0 (03-01 11:00; n9 is of subject "d"), for all three
    ("counting earlier", ["2026-03-01T11:00:00+08:00"] * 3),
])
def test_passing_a_literal_key_shares_counting_earlier_as_the_reference(cond, how, expected):
    rules = compiled(EXCLUSIVE.replace("COND", cond).replace("HOW", how))
    fast = duties(run(rules, EXCLUSIVE_FACTS, "2026-03-20"))
    assert fast == duties(run(reference(rules), EXCLUSIVE_FACTS, "2026-03-20"))
    assert [d[3] for d in fast] == expected


@pytest.mark.parametrize("cond, expected", [
    # `exclusively`: n2 performs s1; n3 (amount 0) is "c" and performs s2 where the amount is not asked; s3 none
    ('n.subject == "c"', ["2026-03-02T10:00:00+08:00", "2026-03-03T12:00:00+08:00", None]),
    ('n.subject == "c" and n.amount > 0', ["2026-03-02T10:00:00+08:00", None, None]),
    ('n.amount > 0 and n.subject == "c"', ["2026-03-02T10:00:00+08:00", None, None]),
])
def test_passing_a_literal_key_with_exclusive_performance(cond, expected):
    rules = compiled(EXCLUSIVE.replace("COND", cond).replace("HOW", "exclusively"))
    fast = duties(run(rules, EXCLUSIVE_FACTS, "2026-03-20"))
    assert fast == duties(run(reference(rules), EXCLUSIVE_FACTS, "2026-03-20"))
    assert [d[3] for d in fast] == expected


# ================================================================== 2. events deemed on a fact of the effect's day alone

DEEMED = '''
event signed "签署"
event sold "销售" { qty: int "数" }
event reported "报告"
clause "1" "生效" {
  effective in_force "生效" { when exists(signed) }
}
clause "2" "报告" {
  deemed sale "销售成交" {
    WHERE
    AT
  }
  obligation report_deemed "报告（经视为事件）" {
    debtor 乙方
    creditor 甲方
    for each sale x
    fulfilled by reported r
    within 2 working days
  }
}
'''
SIGNED = f("c", "signed", "2026-03-02T10:00:00+08:00")  # in force Mon 03-02 10:00


def _deemed_rules(where="for each sold s where exists(in_force)", at="at s"):
    return compiled(DEEMED.replace("WHERE", where).replace("AT", at))


def _events(report):
    return [(e["name"], e["at"]) for e in report["events"]]


def test_passing_a_sale_of_the_effects_day_alone_is_deemed_once_and_its_duty_counted_from_the_effect():
    """Sale "2026-03-02" (by its day), in force 03-02 10:00: deemed (at its day, 00:00), once; the report counted from
    10:00: 2 working days 03-03, 03-04 → due 03-04 24:00 (03-05T00:00); unreported by 03-31: violated.  The reference
    compiler, the durable backend, evaluate_many and a session (either order of adding) say the same."""
    rules = _deemed_rules()
    facts = [SIGNED, f("s", "sold", "2026-03-02", qty=1)]
    report = run(rules, facts, "2026-03-31")
    assert _events(report) == [("in_force", "2026-03-02T10:00:00+08:00"), ("sale", "2026-03-02T00:00:00+08:00")]
    assert duties(report, "report_deemed") == [("sale:s", "violated", "2026-03-05T00:00:00+08:00", None)]
    assert duties(run(reference(rules), facts, "2026-03-31")) == duties(report)
    many = rules.evaluate_many(lines(facts), ["2026-03-02T05:00:00+08:00", "2026-03-03", "2026-03-31"])
    assert duties(many[0], "report_deemed") == [(None, "inactive", None, None)]  # (05:00: not in force yet)
    assert duties(many[1], "report_deemed") == [("sale:s", "active", "2026-03-05T00:00:00+08:00", None)]
    assert duties(many[2]) == duties(report) and _events(many[2]) == _events(report)
    for order in ([0, 1], [1, 0]):
        s = rules.session()
        for i in order:
            s.add(lines(facts)[i])
            s.changes()
        s.advance("2026-03-31")
        s.changes()
        assert duties(s.report()) == duties(report) and _events(s.report()) == _events(report)


def test_passing_a_deemed_event_whose_where_is_false_is_not_deemed_on_the_effects_day():
    """`where exists(in_force) and s.qty > 5`, qty 1: no sale whether the fact is timed or of the day alone."""
    rules = _deemed_rules("for each sold s where exists(in_force) and s.qty > 5")
    for at in ("2026-03-02", "2026-03-02T11:00:00+08:00"):
        report = run(rules, [SIGNED, f("s", "sold", at, qty=1)], "2026-03-31")
        assert _events(report) == [("in_force", "2026-03-02T10:00:00+08:00")]
        assert duties(report, "report_deemed") == [(None, "inactive", None, None)]


def test_passing_a_deemed_event_a_day_after_a_sale_of_the_effects_day_alone():
    """`at day 1 after s`: 00:00 of Tue 03-03, the contract in force; report due in 2 working days 03-04, 03-05 →
    03-06T00:00."""
    report = run(_deemed_rules(at="at day 1 after s"), [SIGNED, f("s", "sold", "2026-03-02", qty=1)], "2026-03-31")
    assert ("sale", "2026-03-03T00:00:00+08:00") in _events(report)
    assert duties(report, "report_deemed") == [("sale:s", "violated", "2026-03-06T00:00:00+08:00", None)]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (20:30–): not deemed where its instant, counted from the day's 0时, falls before the effect (evaluator._deemed_from))
def test_a_timed_deemed_event_on_a_sale_of_the_effects_day_alone_is_not_deemed_before_the_effect():
    report = run(_deemed_rules(at="at s.at + 3 hours"), [SIGNED, f("s", "sold", "2026-03-02", qty=1)], "2026-03-31")
    sales = [at for name, at in _events(report) if name == "sale"]
    assert all(at >= "2026-03-02T10:00:00+08:00" for at in sales)  # (same offset: text order is time order)
    assert len([d for d in duties(report, "report_deemed") if d[1] != "inactive"]) == len(sales)


# ================================================================== 3. the checker: zero extensions, day 0

EXTENDED = '''
param z "零" = 0 days
event ordered "下单" { days: int "天数" }
event paid "付款"
event ext "延期"
clause "1" "c" {
  obligation pay "付款" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by paid p
    LEN
  }
}
'''


def codes(rules):
    try:
        compiled(rules)
    except QiyueError as err:
        return [d.code for d in err.diagnostics]
    return []


@pytest.mark.parametrize("length", ["0 days", "0 hours", "0 working days", "0 months", "(1 - 1) days", "(0) days",
                                    "(2 * 0) days"])
def test_passing_an_extension_of_a_constant_zero_is_refused(length):
    assert codes(EXTENDED.replace("LEN", f"within 10 days\n    extended by ext x for {length}")) == ["zero_period"]


@pytest.mark.parametrize("length", ["1 days", "o.days days"])
def test_passing_an_extension_of_something_is_taken(length):
    assert codes(EXTENDED.replace("LEN", f"within 10 days\n    extended by ext x for {length}")) == []


def test_passing_within_a_parameter_of_zero_days_is_refused():
    assert codes(EXTENDED.replace("LEN", "within z")) == ["zero_period"]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (20:30–): a parameter of 0 days as an extension is zero_period (checker))
def test_an_extension_by_a_parameter_of_zero_days_is_refused():
    assert codes(EXTENDED.replace("LEN", "within 10 days\n    extended by ext x for z")) == ["zero_period"]


@pytest.mark.parametrize("n, expected", [("0", ["day_zero"]), ("00", ["day_zero"]), ("1", [])])
def test_passing_day_zero_after_is_refused(n, expected):
    assert codes(EXTENDED.replace("LEN", f"due by day {n} after o")) == expected


# ================================================================== 4. report words

@pytest.mark.parametrize("label, words", [("2026-Q3", "2026年第3季度"), ("2026-08", "2026年8月"),
                                          ("2026-W01", "2026年第1周"), ("2026", "2026年"),
                                          ("2026-03-15", "2026-03-15"), ("sale:s", "sale:s")])
def test_passing_period_labels_in_chinese(label, words):
    assert period_label_zh(label) == words


DEBTOR = '''
event fm "不可抗力" { party: party optional "一方" }
event told "通报"
clause "1" "x" {
  obligation tell "通报" {
    debtor f.party
    creditor 甲方
    for each fm f
    fulfilled by told t
    within 2 days
  }
}
'''


def _violated_words(attrs, lang):
    rules = compiled(DEBTOR)
    s = rules.session()
    s.add(json.dumps(f("f1", "fm", "2026-03-02T10:00:00+08:00", **attrs)))
    s.advance("2026-03-20")
    return [c["text"] for c in s.changes(lang=lang) if c["code"] == "obligation_violated"]


def test_passing_the_watch_names_the_debtor_of_a_violated_duty():
    """f1 Mon 03-02 10:00, 2 days → due 03-04 24:00; not told: violated at 03-05 00:00, 乙方 has not performed."""
    [zh] = _violated_words({"party": "乙方"}, "zh")
    assert "乙方 未履行" in zh
    [en] = _violated_words({"party": "乙方"}, "en")
    assert "and 乙方 has not performed it" in en


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (20:30–): a party not known is worded （未定） in the watch (session.word))
def test_the_watch_words_a_violation_whose_debtor_is_not_known():
    [zh] = _violated_words({}, "zh")
    [en] = _violated_words({}, "en")
    # (the line's instant and its words are two spaces apart by design: the hole is "and  has")
    assert "， 未履行" not in zh and "and  has" not in en and "（未定） 未履行" in zh


# ================================================================== 5. unmatched / unmet_since

WHEN = '''
event paid "付款" { amount: money "金额" }
event other "其他"
clause "1" "x" {
  obligation ob "交付" {
    debtor 乙方
    creditor 甲方
    when exists(paid p where p.amount >= ¥100.00)
    fulfilled by other o
    within 3 days
  }
}
'''
WHEN_FACTS = [f("p1", "paid", "2026-03-02T10:00:00+08:00", amount="50.00"),
              f("p2", "paid", "2026-03-05T10:00:00+08:00", amount="60.00"),
              f("p3", "paid", "2026-03-10", amount="70.00")]


def _listed(report):
    return [[x["id"] for x in s["args"]["facts"]] for s in steps_of(report, "unmatched")]


@pytest.mark.parametrize("as_of, listed", [("2026-03-05T09:00:00+08:00", [["p1"]]),      # p2 at 10:00: not yet
                                           ("2026-03-05T10:00:00+08:00", [["p1", "p2"]]),  # p2 at as_of: came
                                           ("2026-03-10T05:00:00+08:00", [["p1", "p2"]]),  # p3: that day, hour unknown
                                           ("2026-03-20", [["p1", "p2", "p3"]])])
def test_passing_an_exists_that_does_not_hold_lists_what_came_by_as_of(as_of, listed):
    rules = compiled(WHEN)
    assert _listed(run(rules, WHEN_FACTS, as_of, lang="en")) == listed


def test_passing_unmatched_at_each_stop_of_evaluate_many_is_evaluates():
    rules = compiled(WHEN)
    stops = ["2026-03-05T09:00:00+08:00", "2026-03-10T05:00:00+08:00", "2026-03-20"]
    many = rules.evaluate_many(lines(WHEN_FACTS), stops, lang="en")
    assert [_listed(r) for r in many] == [_listed(run(rules, WHEN_FACTS, s, lang="en")) for s in stops]


SINCE = '''
event ordered "下单"
event paid "付款" { amount: money "金额" }
clause "1" "x" {
  obligation pay "付款" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled when sum(p.amount for each paid p where p.at >= o.at) >= ¥100.00
    within 3 days
  }
}
'''
# o Mon 03-02 10:00 → due 03-05 24:00 (03-06T00:00).  p1 ¥30 03-03, p2 ¥40 03-10, p3 ¥50 "2026-03-15" (its day alone).
SINCE_FACTS = [f("o", "ordered", "2026-03-02T10:00:00+08:00"),
               f("p1", "paid", "2026-03-03T10:00:00+08:00", amount="30.00"),
               f("p2", "paid", "2026-03-10T10:00:00+08:00", amount="40.00"),
               f("p3", "paid", "2026-03-15", amount="50.00")]


def _since_ids(report):
    return sorted({x["id"] for s in steps_of(report, "unmet_since") for m in steps_of(s, "matched")
                   for x in m["args"]["facts"]})


@pytest.mark.parametrize("as_of, ids, fulfilled", [
    ("2026-03-12", ["p1", "p2"], None),                     # ¥70 < ¥100: still violated, says p1 + p2
    ("2026-03-20", [], "2026-03-15T00:00:00+08:00"),        # ¥120 by p3: performed late, nothing more to say
])
def test_passing_a_violated_duty_says_what_it_stands_on_at_as_of(as_of, ids, fulfilled):
    rules = compiled(SINCE)
    report = run(rules, SINCE_FACTS, as_of, lang="en")
    assert duties(report) == [("o", "violated", "2026-03-06T00:00:00+08:00", fulfilled)]
    assert _since_ids(report) == ids
    [again] = [r for r in rules.evaluate_many(lines(SINCE_FACTS), ["2026-03-01", as_of], lang="en")][1:]
    assert _since_ids(again) == ids


# ================================================================== 6. caps worked out once an instant (cap_at)

CAPPED = '''
event paid "付款" { amount: money "金额" }
clause "1" "链" {
  remedy r0 "r0" {
    holder 甲方
    for each paid p
    amount p.amount
  }
  remedy r1 "r1" {
    holder 甲方
    for each paid p
    amount ¥1.50
    total at most accrued(r0) PER
  }
}
'''
CAP_FACTS = [f("p0", "paid", "2026-03-31T10:00:00+08:00", amount="1.00"),
             f("p1", "paid", "2026-04-01T10:00:00+08:00", amount="0.50"),
             f("p2", "paid", "2026-04-02T10:00:00+08:00", amount="0.50")]


@pytest.mark.parametrize("per, at_0401_noon, at_end", [
    # accrued(r0) at 04-01 12:00 = 1.00 + 0.50 = 1.50; at the end 2.00.
    # per month: March p0 1.50 (≤ 1.50); April p1 1.50 (≤ 1.50) | at the end: April p1 1.50, p2 min(1.50, 2.00-1.50)
    ("per month", ["1.50", "1.50"], ["1.50", "1.50", "0.50"]),
    # one total: p0 1.50, p1 min(1.50, 1.50 - 1.50) = 0.00 | at the end: p0 1.50, p1 0.50 (2.00 - 1.50), p2 0.00
    ("", ["1.50", "0.00"], ["1.50", "0.50", "0.00"]),
])
def test_passing_a_cap_reading_another_remedy_per_month_and_at_two_stops(per, at_0401_noon, at_end):
    rules = compiled(CAPPED.replace("PER", per))
    many = rules.evaluate_many(lines(CAP_FACTS), ["2026-04-01T12:00:00+08:00", "2026-06-01"], explain="none")
    for report, expected in zip(many, (at_0401_noon, at_end)):
        assert [x["amount"] for x in report["remedies"] if x["name"] == "r1"] == expected
    assert [x["amount"] for x in run(rules, CAP_FACTS, "2026-06-01", explain="none")["remedies"]
            if x["name"] == "r1"] == at_end


# ================================================================== 7. the rest of an instant's slot (_in_rest)

SLOT = '''
event applied "申请"
event reviewed "审核"
event meeting "会议"
clause "1" "x" {
  obligation review "审核" {
    debtor 甲方
    creditor 乙方
    for each applied a
    fulfilled by reviewed r
    within 3 days
  }
  obligation organize "组织" {
    debtor 甲方
    creditor 乙方
    for each applied a
    fulfilled by meeting m
    within 3 days
    excused if exists(acc)
  }
  deemed acc "视为验收" {
    for each review.violated o
    once
    at o
  }
  deemed tick "第4日" {
    for each applied a
    at day 4 after a
  }
  obligation after_tick "次日义务" {
    debtor 乙方
    creditor 甲方
    for each tick t
    fulfilled by meeting m
    within 1 days
    excused if exists(acc)
  }
}
'''


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("at", ["2026-03-02T10:00:00+08:00", "2026-03-02", "2026-03-01T16:00:00Z"])
def test_passing_acceptance_deemed_at_a_missed_review_excuses_the_duties_due_then(n, at):
    """n applications at one instant of Mon 03-02: review and organize both due 03-05 24:00 (03-06T00:00).  The reviews
    missed deem `acc` then (once), which excuses every organize due at that very instant.  `tick` (day 4 after: 00:00
    of Fri 03-06, the same instant) sets off after_tick, `within 1 days` from 03-06: the last day Sat 03-07 is a rest
    day, and so is Sun 03-08 (第203条) → Mon 03-09 24:00 (03-10T00:00); excused by acc as well.  evaluate_many
    stopping at the instant = evaluate."""
    rules = compiled(SLOT)
    facts = [f(f"a{i}", "applied", at) for i in range(n)]
    stops = ["2026-03-06T00:00:00+08:00", "2026-03-06", "2026-03-20"]
    many = rules.evaluate_many(lines(facts), stops, explain="none")
    for stop, report in zip(stops, many):
        assert duties(report) == duties(run(rules, facts, stop, explain="none"))
    final = many[-1]
    assert [d[1] for d in duties(final, "review")] == ["violated"] * n
    assert [d[1:3] for d in duties(final, "organize")] == [("excused", "2026-03-06T00:00:00+08:00")] * n
    # (acc, deemed at 24:00 of 03-05, comes before tick at 00:00 of 03-06: after_tick arises already excused, no
    # deadline counted — changed in the session of 2026-12-07 (03:48–), when a duty due at 24:00 stopped waiting for the
    # events deemed at 00:00 of the next day: contract round 39)
    assert [d[1:3] for d in duties(final, "after_tick")] == [("excused", None)] * n
    assert [e for e in _events(final) if e[0] == "acc"] == [("acc", "2026-03-06T00:00:00+08:00")]
