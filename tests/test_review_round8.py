"""A reviewer's round 8 on cf10efb..HEAD (anchored periods, acceleration, aggregates in arithmetic on the Rete,
continuing duties ended from the contract's end, findings cut by the end, the partial-attribute warning, settled
rows): each case cut down to a few lines and counted by hand (time-and-law.md).  Each test fails on the code as
reviewed; the docstring says what happened and what should."""
import json
import textwrap
import time

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.lang.checker import check
from engine.lang.parser import parse

HEAD = '''\
contract "X" { calendar official }
party 甲方 "贷款人" as buyer
party 乙方 "借款人" as supplier
'''
UNDETERMINED_HEAD = HEAD.replace("calendar official", "calendar official calendar fallback undetermined")


def compiled(rules, head=HEAD):
    return compile_rules(head + textwrap.dedent(rules), "x.qy")


def lines(facts):
    return [json.dumps(f, ensure_ascii=False) for f in facts]


def run(rules, facts, as_of, backend="reference", head=HEAD, lang="en"):
    if backend == "durable":
        pytest.importorskip("durable")
    return compiled(rules, head).evaluate(lines(facts), as_of, backend=backend, lang=lang)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def duties(report, name):
    return [o for o in report["obligations"] if o["name"] == name]


def remedy(report, name):
    return [r for r in report["remedies"] if r["name"] == name]


BACKENDS = ["reference", "durable"]

# ---------------------------------------------------------------------------------------------------------------
# 1. A period cut by its `until` known only later: a deadline `within N after q.end` is not counted again, though
#    the explanation says it is.
INTEREST = '''
event drawdown "放款" { }
event closed "结清" { }
event interest_paid "付息" { period: text "期" }
clause "1" "x" {
  obligation pay_interest "付息" {
    debtor 乙方
    creditor 甲方
    UNIT q from first(drawdown).at until first(closed).at
    fulfilled by interest_paid p where p.period == q.label
    within 5 working days after q.end
  }
}
'''
CUT_FACTS = [f("d", "drawdown", "2025-08-31T10:00:00+08:00"),
             f("c", "closed", "2026-04-15T10:00:00+08:00")]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("unit,label", [("every 3 months", "2026-02-28"), ("every quarter", "2026-Q2")])
def test_a_period_cut_by_its_end_recounts_a_deadline_after_its_end(unit, label, backend):
    """Periods of 3 months from 31 Aug 2025 (…, 2026-02-28 – 2026-05-30); the loan is closed at 2026-04-15 10:00,
    which cuts the running period there ("the period 2026-02-28 ends at 15 April 2026, 10:00 …; its deadline is
    counted again").  Interest is due within 5 working days after q.end: from 2026-04-15 10:00 — 16, 17, 20, 21, 22
    April (18/19 a weekend) — due 2026-04-23T00:00.  Reported: due 2026-06-06T00:00 (5 working days after the
    uncut 30 May), and on 2026-05-01 the duty is still 'active' though late since 23 April.  (Only `due by`
    deadlines are recounted by cut_periods; the calendar quarter has the same fault: 2026-Q2 due 2026-07-08.)"""
    report = run(INTEREST.replace("UNIT", unit), CUT_FACTS, "2026-05-01T00:00:00+08:00", backend)
    (cut,) = [o for o in duties(report, "pay_interest") if o["trigger"] == label]
    assert any("counted again" in b for b in cut["because"])  # (what the explanation says)
    assert cut["due"] == "2026-04-23T00:00:00+08:00"
    assert cut["status"] == "violated"


# ---------------------------------------------------------------------------------------------------------------
# 2. Acceleration of a deadline that needed a year no calendar knows: brought forward to a known instant, it is
#    still undetermined "for the calendar of 2027".
LOAN = '''
event loan_effective "生效" { }
event schedule "还款计划" { due: date "到期日" }
event repaid "还款" { }
event accel "提前到期" { }
event accel_to "提前到期至" { until_at: datetime "至" }
clause "1" "x" {
  obligation repay "还本" {
    debtor 乙方
    creditor 甲方
    for each loan_effective e
    fulfilled by repaid r
    DEADLINE
    ACCEL
  }
  remedy late "逾期" {
    holder 甲方
    for each repay.violated o
    amount ¥100.00 per day
  }
}
'''


def loan(deadline, accel="accelerated by accel a"):
    return LOAN.replace("DEADLINE", deadline).replace("ACCEL", accel)


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_accelerated_deadline_no_longer_waits_for_an_unknown_calendar(backend):
    """Within 3 months of 2026-11-02 10:00 ends in 2027 (no calendar: `calendar fallback undetermined`, earliest end
    2027-02-02 24:00).  Acceleration at 2026-12-10 10:00 brings it to that instant — 2026, a known year, a moment
    that no calendar moves.  Nothing repaid: late from 10:00:01, violated; damages ¥100.00 a day for 10 … 20 Dec
    (as of 2026-12-20 00:00, the day it falls on counts) = 11 days, ¥1,100.00.  Reported: 'undetermined … whether
    it is late needs the official calendar of 2027', due None, no remedy (deadline_at keeps ``provisional``)."""
    report = run(loan("within 3 months"), [f("e", "loan_effective", "2026-11-02T10:00:00+08:00"),
                                           f("a", "accel", "2026-12-10T10:00:00+08:00")],
                 "2026-12-20T00:00:00+08:00", backend, head=UNDETERMINED_HEAD)
    (duty,) = duties(report, "repay")
    assert duty["status"] == "violated" and duty["due"] == "2026-12-10T10:00:00+08:00"
    assert [r["amount"] for r in remedy(report, "late")] == ["1100.00"]


@pytest.mark.parametrize("order", ["accel first", "trigger first"])
def test_an_acceleration_at_the_very_instant_the_duty_arises_applies(order):
    """Facts at one instant happened together (time-and-law.md): a loan taking effect and its acceleration both at
    2026-03-02 10:00 — the duty to repay by 30 June arises and is accelerated at once: due 2026-03-02 10:00, late
    after it (as of 2026-03-10: violated).  Reported, in either order: 'active', due 2026-07-01T00:00 — the
    acceleration is lost."""
    e, a = f("e", "loan_effective", "2026-03-02T10:00:00+08:00"), f("a", "accel", "2026-03-02T10:00:00+08:00")
    report = run(loan("due by 2026-06-30"), [a, e] if order == "accel first" else [e, a], "2026-03-10T00:00:00+08:00")
    (duty,) = duties(report, "repay")
    assert duty["due"] == "2026-03-02T10:00:00+08:00" and duty["status"] == "violated"


@pytest.mark.xfail(strict=True, reason="left (closing note): an acceleration is applied to a running deadline; one that comes while the deadline is not yet known (due by a value a later fact gives) is not kept for it")
def test_an_acceleration_before_the_due_by_is_known_is_not_lost():
    """`due by first(schedule).due`: the schedule comes only on 2026-03-20 (the duty is 'undetermined' until then);
    the loan was accelerated on 2026-03-10 10:00.  Whatever the schedule says later, the whole loan fell due at the
    acceleration: violated at 2026-03-10 10:00.  Reported: the acceleration ignored (the duty was not ACTIVE when
    it came), violated only at 2026-07-01 — ¥1,500.00 of damages on 2026-07-15 instead of 10 Mar … 15 Jul = 128
    days, ¥12,800.00."""
    report = run(loan("due by first(schedule).due"),
                 [f("e", "loan_effective", "2026-03-02T10:00:00+08:00"), f("a", "accel", "2026-03-10T10:00:00+08:00"),
                  f("s", "schedule", "2026-03-20T10:00:00+08:00", due="2026-06-30")], "2026-07-15T00:00:00+08:00")
    (duty,) = duties(report, "repay")
    assert duty["due"] == "2026-03-10T10:00:00+08:00"
    assert [r["amount"] for r in remedy(report, "late")] == ["12800.00"]


def test_an_acceleration_does_not_make_the_debtor_late_before_it_was_declared():
    """`accelerated by accel_to a until a.until_at`, declared on 2026-04-10 10:00 naming 2026-04-01 00:00: the debtor
    could not have been late before the declaration existed.  Reported: violated at 2026-04-01 00:00, ¥1,500.00 of
    damages as of 04-15 (1 … 15 April), nine of them for days before anyone declared anything (and an as_of of
    04-05 said 'active').  Expected: no earlier than the fact's own instant — due 2026-04-10 10:00, damages 10 … 15
    April = 6 days, ¥600.00 (or the rule refused)."""
    report = run(loan("due by 2026-06-30", "accelerated by accel_to a until a.until_at"),
                 [f("e", "loan_effective", "2026-03-02T10:00:00+08:00"),
                  f("a", "accel_to", "2026-04-10T10:00:00+08:00", until_at="2026-04-01T00:00:00+08:00")],
                 "2026-04-15T00:00:00+08:00")
    (duty,) = duties(report, "repay")
    assert duty["due"] >= "2026-04-10T10:00:00+08:00"
    assert [r["amount"] for r in remedy(report, "late")] == ["600.00"]


# ---------------------------------------------------------------------------------------------------------------
# 3. `settled by`: what it settles, and how often it looks.
SETTLED = '''
event invoice "发票" { }
event paid "付款" { ref: text "引用" }
event damages_paid "付违约金" { ref: text "引用"  amount: money "金额" }
clause "1" "x" {
  obligation pay "付款" {
    debtor 甲方
    creditor 乙方
    for each invoice i
    fulfilled by paid p where p.ref == i.id
    within 1 days
  }
  remedy late "违约金" {
    holder 乙方
    for each pay.violated o
    AMOUNT
    settled by damages_paid p where p.ref == o.i.id
  }
}
'''


def test_paying_the_damages_so_far_does_not_stop_damages_while_the_breach_goes_on():
    """Invoice 2026-03-02 10:00, payment within 1 day: late from 2026-03-04 00:00; ¥100.00 a day.  A payment of the ¥900.00
    accrued (4 … 12 March) on 03-12 while the invoice stays unpaid would have 'settled' the row, the days after it lost
    (第585条: damages for delay run until performance).  `settled by` on an amount by the day is refused when checked."""
    from engine.diagnostics import QiyueError
    with pytest.raises(QiyueError) as exc:
        compiled(SETTLED.replace("AMOUNT", "amount ¥100.00 per day"))
    assert [d.code for d in exc.value.diagnostics] == ["settled_per_day"]


def test_a_payment_of_one_yuan_does_not_settle_nine_hundred():
    """A one-off ¥900.00; the buyer pays ¥1.00 of it.  What pays a row in full is the pattern's to say (docs §5):
    `… and p.amount >= ¥900.00` — then ¥1.00 settles nothing, ¥900.00 settles it."""
    rules = SETTLED.replace("AMOUNT", "amount ¥900.00").replace("where p.ref == o.i.id\n",
                                                               "where p.ref == o.i.id and p.amount >= ¥900.00\n")
    assert "p.amount >= ¥900.00" in rules
    for paid, status in (("1.00", "held"), ("900.00", "settled")):
        report = run(rules, [f("i", "invoice", "2026-03-02T10:00:00+08:00"),
                             f("d", "damages_paid", "2026-03-12T10:00:00+08:00", ref="i", amount=paid)],
                     "2026-04-01T00:00:00+08:00")
        (row,) = remedy(report, "late")
        assert row["status"] == status


def _settle_stream(n):
    out = []
    for k in range(n):
        out.append(f(f"i{k}", "invoice", f"2025-01-{1 + k // 1440:02d}T{(k % 1440) // 60:02d}:{k % 60:02d}:00+08:00"))
    for k in range(n):
        out.append(f(f"d{k}", "damages_paid", f"2025-06-{1 + k // 1440:02d}T{(k % 1440) // 60:02d}:{k % 60:02d}:00+08:00",
                     ref=f"i{n - 1 - k}", amount="900.00"))
    return lines(out)


def test_settling_facts_are_not_tried_against_every_row():
    """n invoices unpaid (n rows of damages), then n payments of damages each naming one row: every payment is
    tested against every row still held (settle_rows scans the whole pool of its kind, no key), so the time grows
    as n²: here 500 → 0.16 s, 1,000 → 0.6 s, 2,000 → 2.5 s (without `settled by`: 0.03, 0.06, 0.11 s).  Doubling n
    should about double the time, as it does without `settled by`."""
    c = compiled(SETTLED.replace("AMOUNT", "amount ¥900.00"))
    times = []
    for n in (500, 2000):
        facts = _settle_stream(n)
        t = time.perf_counter()
        report = c.evaluate(facts, "2025-12-01")
        times.append(time.perf_counter() - t)
        assert sum(r["status"] == "settled" for r in report["remedies"]) == n
    assert times[1] < 8 * times[0], times  # (linear: ×4; quadratic: ×16)


# ---------------------------------------------------------------------------------------------------------------
# 4. The warning attribute_from_some_sources: its hint's own remedy does not silence it, and what it says is false.
SOURCES = '''
event confirmed "确认" { milestone: int "里程碑" }
event silence "沉默" { }
event paid "付款" { }
clause "1" "x" {
  deemed accepted "验收" {
    for each confirmed c
    at c
    for each silence s
    at s
  }
  obligation pay "付款" {
    debtor 甲方
    creditor 乙方
    for each accepted a where COND
    fulfilled by paid p
    within 5 days
  }
}
'''


@pytest.mark.parametrize("cond", ["present(a.milestone) and a.milestone == 2",
                                  "not present(a.milestone) or a.milestone == 2"])
def test_telling_the_sources_apart_with_present_as_the_hint_says_is_not_warned_of(cond):
    """The hint: 'tell the sources apart with present(x.milestone)'.  Written so, the warning stays — and for the
    second condition its text ('a condition reading it does not hold for it') is false: an `accepted` deemed from
    `silence` passes `not present(a.milestone) or …`.  Only the read inside present( ) is exempted, not the read it
    guards."""
    checked, errors = check(parse(HEAD + textwrap.dedent(SOURCES.replace("COND", cond)), "x.qy"))
    assert not errors
    assert "attribute_from_some_sources" not in [d.code for d in checked.findings]


# ---------------------------------------------------------------------------------------------------------------
# 5. A finding armed by `unless … within` after the contract ended is never made (its period always ends after
#    the end), while the same finding without `unless` is.
AFTER_END = '''
event request "退还申请" { }
event answer "答复" { ref: text "引用" }
event terminated "解除" { }
clause "1" "x" {
  finding unanswered warning "申请未在5日内答复" {
    for each request r unless answer a where a.ref == r.id within 5 days
  }
  finding plain warning "申请" {
    for each request r
  }
  termination t "解除" {
    for each terminated x
  }
}
'''


def test_a_finding_armed_after_the_end_is_not_cut_short_by_it():
    """Terminated 2026-05-03; a refund request on 05-05, never answered.  `plain` is made at 05-05 — findings go on
    after the end — but `unanswered` (5 days from 05-05: 05-10 24:00) never is: on_unless_expired drops any finding
    whose period ends after `ended`, meant for 'an interruption the end cut short', though nothing was cut short
    here (it was armed after the end)."""
    report = run(AFTER_END, [f("t", "terminated", "2026-05-03T10:00:00+08:00"),
                             f("r", "request", "2026-05-05T10:00:00+08:00")], "2026-06-01T00:00:00+08:00")
    assert {x["code"] for x in report["findings"]} == {"plain", "unanswered"}


# ---------------------------------------------------------------------------------------------------------------
# 6. 每3个月 as a Chinese author types it.
def test_every_n_months_written_without_spaces_in_chinese():
    """`10个工作日` parses without spaces, but `每3个月 q 起自 …` is a syntax error (此处不能写 “每3个月”): EVERY is
    /(every|每)\\b/ and 每 and 3 are both word characters.  The docs' gloss of the feature is 每3个月为一期."""
    rules = '''
    event drawdown "放款" { }
    event interest_paid "付息" { period: text "期" }
    clause "1" "x" {
      obligation pay_interest "付息" {
        debtor 乙方
        creditor 甲方
        每3个月 q 起自 first(drawdown).at 直至 day_end(2026-12-31)
        fulfilled by interest_paid p where p.period == q.label
        due by q.end
      }
    }
    '''
    report = run(rules, [f("d", "drawdown", "2026-01-31T10:00:00+08:00")], "2026-12-31")
    assert [o["trigger"] for o in report["obligations"]] == ["2026-01-31", "2026-04-30", "2026-07-31", "2026-10-31"]
