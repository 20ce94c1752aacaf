"""Suspension and 顺延 (issue 11, part 4): `suspended by FACT until FACT` pauses a running deadline;
the duty is `suspended` meanwhile and cannot fall due; when it resumes the deadline moves on by the
time paused (days begun for a period of days, then to a working day for a period to act in, 民法典
第203条; exactly for hours).  Counted by hand."""
import textwrap

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.messages import render
from seedfacts import lines

RULES = textwrap.dedent('''\
    contract "T-15" "供货合同（测试）" { calendar official }
    party 甲方 "采购人" as buyer
    party 乙方 "供应商" as supplier
    event ordered "下单"
    event delivered "交付"
    event repaired "修复"
    event fm "不可抗力" { party: party "受影响一方" }
    event fm_end "不可抗力结束" { ref: ref (fm) "所结束的不可抗力" }
    event terminated "解除"
    clause "9.1" "交付" {
      quote "因不可抗力不能按期交付的，交付期限相应顺延。"
      obligation deliver "交付" {
        debtor 乙方
        creditor 甲方
        for each ordered o
        fulfilled by delivered d
        within 10 days
        suspended by fm f where f.party == 乙方 until fm_end e where e.ref == f.id
      }
      obligation repair "4小时内修复" {
        debtor 乙方
        creditor 甲方
        for each ordered o
        fulfilled by repaired r
        within 4 hours
        suspended by fm f where f.party == 乙方 until fm_end e where e.ref == f.id
      }
    }
    clause "10" "解除" {
      termination ends "解除" { for each terminated t }
    }
    ''')
ORDER = {"id": "o", "type": "ordered", "at": "2026-03-02T10:00:00+08:00"}   # Mon; 10 days: last day Thu 03-12
FM = {"id": "f", "type": "fm", "at": "2026-03-05T08:00:00+08:00", "party": "乙方"}


def rows(facts, as_of="2026-04-01"):
    rep = compile_rules(RULES, "t.qy").evaluate(lines([ORDER] + facts), as_of)
    return {o["name"]: o for o in rep["obligations"]}


def test_while_suspended_the_duty_does_not_fall_due():
    got = rows([FM])
    assert (got["deliver"]["status"], got["deliver"]["due"]) == ("suspended", "2026-03-13T00:00:00+08:00")


def test_resumed_the_deadline_moves_on_by_the_days_begun_then_to_a_working_day():
    # paused 03-05 08:00 → 03-07 20:00 = 2 d 12 h: 3 days begun; 03-12 + 3 = Sun 03-15, a rest day →
    # Mon 03-16 → due 03-17 00:00
    got = rows([FM, {"id": "e", "type": "fm_end", "at": "2026-03-07T20:00:00+08:00", "ref": "f"},
                {"id": "d", "type": "delivered", "at": "2026-03-16T18:00:00+08:00"}])
    o = got["deliver"]
    assert (o["status"], o["due"]) == ("fulfilled", "2026-03-17T00:00:00+08:00")
    (step,) = [s for s in o["steps"] if s["code"] == "resumed"]
    assert step["args"]["days"] == 3 and step["args"]["paused"] == {"kind": "elapsed", "seconds": 216000}


def test_an_hours_period_moves_on_by_exactly_the_time_paused():
    # 4 hours from 03-02 10:00 → 14:00; paused 11:00 → 12:30 (1 h 30 min) → 15:30, itself in time
    got = rows([dict(FM, at="2026-03-02T11:00:00+08:00"),
                {"id": "e", "type": "fm_end", "at": "2026-03-02T12:30:00+08:00", "ref": "f"},
                {"id": "r", "type": "repaired", "at": "2026-03-02T15:30:00+08:00"}])
    assert (got["repair"]["status"], got["repair"]["due"]) == ("fulfilled", "2026-03-02T15:30:00+08:00")


def test_a_pause_after_the_deadline_changes_nothing():
    # the force majeure comes 03-13 08:00, after the due instant: the duty is already violated (第590条)
    got = rows([dict(FM, at="2026-03-13T08:00:00+08:00")])
    assert got["deliver"]["status"] == "violated"


def test_performed_while_suspended_is_performed_and_a_termination_discharges_a_suspended_duty():
    got = rows([FM, {"id": "d", "type": "delivered", "at": "2026-03-06T08:00:00+08:00"}])
    assert got["deliver"]["status"] == "fulfilled"
    got = rows([FM, {"id": "t", "type": "terminated", "at": "2026-03-20T10:00:00+08:00"}])
    assert got["deliver"]["status"] == "discharged"


def test_another_partys_force_majeure_does_not_pause_it():
    got = rows([dict(FM, party="甲方")])
    assert got["deliver"]["status"] == "violated"


@pytest.mark.parametrize("edit,key", [
    ("    within 10 days\n    suspended by", "    until first(terminated).at\n    suspended by"),
])
def test_a_continuing_duty_is_not_suspended(edit, key):
    with pytest.raises(QiyueError) as exc:
        compile_rules(RULES.replace(edit, key, 1), "t.qy")
    assert "suspension_continuing" in [d.key for d in exc.value.diagnostics]


EXTENDED = RULES.replace('event terminated "解除"\n', 'event terminated "解除"\n'
                         'event extension_agreed "延期协议" { new_due: date "延长至" }\n').replace(
    "    suspended by fm f where f.party == 乙方 until fm_end e where e.ref == f.id\n  }\n  obligation repair",
    "    suspended by fm f where f.party == 乙方 until fm_end e where e.ref == f.id\n"
    "    extended by extension_agreed x until x.new_due\n  }\n  obligation repair")
assert "extended by" in EXTENDED


@pytest.mark.parametrize("agreed_at,new_due,delivered,status,due", [
    # an agreement before the deadline (03-12 24:00) moves it to the whole of 03-31: delivery 03-30 in time
    ("2026-03-10T10:00:00+08:00", "2026-03-31", "2026-03-30T10:00:00+08:00", "fulfilled", "2026-04-01T00:00:00+08:00"),
    # after the deadline: too late to extend what is already violated
    ("2026-03-13T10:00:00+08:00", "2026-03-31", "2026-03-30T10:00:00+08:00", "violated", "2026-03-13T00:00:00+08:00"),
    # a date no later than the deadline changes nothing
    ("2026-03-10T10:00:00+08:00", "2026-03-11", "2026-03-12T10:00:00+08:00", "fulfilled", "2026-03-13T00:00:00+08:00"),
])
def test_an_agreed_extension_moves_the_deadline(agreed_at, new_due, delivered, status, due):
    rep = compile_rules(EXTENDED, "t.qy").evaluate(lines([
        ORDER, {"id": "x", "type": "extension_agreed", "at": agreed_at, "new_due": new_due},
        {"id": "d", "type": "delivered", "at": delivered}]), "2026-04-15")
    (o,) = [o for o in rep["obligations"] if o["name"] == "deliver"]
    assert (o["status"], o["due"]) == (status, due)


# ---------------------------------------------------------------- 顺延 by a length a fact gives
LENGTHENED = RULES.replace('event terminated "解除"\n', 'event terminated "解除"\n'
                           'event days_agreed "同意顺延" { days: int 0..365 "顺延日数" }\n'
                           'event hours_agreed "同意延长修复时间" { hours: decimal 0..100 "延长小时数" }\n').replace(
    "    suspended by fm f where f.party == 乙方 until fm_end e where e.ref == f.id\n  }\n  obligation repair",
    "    suspended by fm f where f.party == 乙方 until fm_end e where e.ref == f.id\n"
    "    extended by days_agreed x for x.days days\n  }\n  obligation repair").replace(
    "    within 4 hours\n", "    within 4 hours\n    extended by hours_agreed h for h.hours hours\n")
assert LENGTHENED.count("extended by") == 2


def lengthened(facts, as_of="2026-11-30"):
    rep = compile_rules(LENGTHENED, "t.qy").evaluate(lines(facts), as_of)
    return {o["name"]: o for o in rep["obligations"]}


@pytest.mark.parametrize("order,agreed,days,delivered,status,due", [
    # ordered Fri 09-18 10:00; 10 days from 09-19: last day Mon 09-28 (a working day), due 09-28 24:00.
    # 顺延3日 counted on from 09-28: 09-29, 09-30, 10-01 — National Day (10-01..10-07); as an act's period
    # the last day moves to the next working day, Thu 10-08 (第203条): due 10-08 24:00
    ("2026-09-18T10:00:00+08:00", "2026-09-25T09:00:00+08:00", 3, "2026-10-08T23:59:59+08:00", "fulfilled",
     "2026-10-09T00:00:00+08:00"),
    ("2026-09-18T10:00:00+08:00", "2026-09-25T09:00:00+08:00", 3, "2026-10-09T00:00:00+08:00", "violated",
     "2026-10-09T00:00:00+08:00"),
    # 顺延 0 days changes nothing (due 09-28 24:00)
    ("2026-09-18T10:00:00+08:00", "2026-09-25T09:00:00+08:00", 0, "2026-10-08T10:00:00+08:00", "violated",
     "2026-09-29T00:00:00+08:00"),
    # the agreement at the deadline's instant (09-29 00:00) is too late: the duty is already violated then
    ("2026-09-18T10:00:00+08:00", "2026-09-29T00:00:00+08:00", 3, "2026-10-08T10:00:00+08:00", "violated",
     "2026-09-29T00:00:00+08:00"),
    # one second before it, in time: due 10-08 24:00
    ("2026-09-18T10:00:00+08:00", "2026-09-28T23:59:59+08:00", 3, "2026-10-08T10:00:00+08:00", "fulfilled",
     "2026-10-09T00:00:00+08:00"),
    # ordered Mon 09-21 10:00: 10 days from 09-22, last day Thu 10-01 (National Day), moved to Thu 10-08;
    # 顺延3日 runs on from the period's own last day 10-01 (the move applies to its new end only): 10-02,
    # 10-03, 10-04 — still National Day → Thu 10-08: due 10-08 24:00 (from the moved day it would be 10-12)
    ("2026-09-21T10:00:00+08:00", "2026-09-25T09:00:00+08:00", 3, "2026-10-08T23:59:59+08:00", "fulfilled",
     "2026-10-09T00:00:00+08:00"),
    ("2026-09-21T10:00:00+08:00", "2026-09-25T09:00:00+08:00", 3, "2026-10-09T00:00:00+08:00", "violated",
     "2026-10-09T00:00:00+08:00"),
    # ordered Thu 04-30 10:00: 10 days from 05-01, last day Sun 05-10 (a rest day), moved to Mon 05-11;
    # 顺延2日 from 05-10: 05-11, 05-12 (Tue, a working day): due 05-12 24:00
    ("2026-04-30T10:00:00+08:00", "2026-05-06T09:00:00+08:00", 2, "2026-05-12T20:00:00+08:00", "fulfilled",
     "2026-05-13T00:00:00+08:00"),
    ("2026-04-30T10:00:00+08:00", "2026-05-06T09:00:00+08:00", 2, "2026-05-13T00:00:00+08:00", "violated",
     "2026-05-13T00:00:00+08:00"),
])
def test_an_agreement_extends_the_deadline_by_the_days_it_names(order, agreed, days, delivered, status, due):
    got = lengthened([dict(ORDER, at=order), {"id": "x", "type": "days_agreed", "at": agreed, "days": days},
                      {"id": "d", "type": "delivered", "at": delivered}])
    assert (got["deliver"]["status"], got["deliver"]["due"]) == (status, due)


def test_the_extension_is_explained_with_the_count_of_the_new_last_day():
    rep = compile_rules(LENGTHENED, "t.qy").evaluate(lines([
        dict(ORDER, at="2026-09-18T10:00:00+08:00"),
        {"id": "x", "type": "days_agreed", "at": "2026-09-25T09:00:00+08:00", "days": 3}]), "2026-09-28")
    (o,) = [o for o in rep["obligations"] if o["name"] == "deliver"]
    (step,) = [s for s in o["steps"] if s["code"] == "extended_for"]
    assert step["args"]["length"] == {"kind": "period", "amount": 3, "unit": "days"}
    assert "期限顺延 3日" in o["because"][o["steps"].index(step)]
    assert any("2026年10月8日" in line for line in o["because"])


@pytest.mark.parametrize("hours,restored,status,due", [
    # ordered Mon 03-02 10:00, 4 hours: due 14:00; 1.5 hours more: 15:30 exactly (in time at 15:30:00)
    ("1.5", "2026-03-02T15:30:00+08:00", "fulfilled", "2026-03-02T15:30:00+08:00"),
    ("1.5", "2026-03-02T15:30:01+08:00", "violated", "2026-03-02T15:30:00+08:00"),
    ("0.25", "2026-03-02T14:15:00+08:00", "fulfilled", "2026-03-02T14:15:00+08:00"),
])
def test_an_hours_deadline_is_extended_exactly(hours, restored, status, due):
    got = lengthened([ORDER, {"id": "h", "type": "hours_agreed", "at": "2026-03-02T11:00:00+08:00",
                              "hours": hours}, {"id": "r", "type": "repaired", "at": restored}])
    assert (got["repair"]["status"], got["repair"]["due"]) == (status, due)


def test_a_fraction_of_a_day_from_a_fact_is_refused_with_the_facts_line():
    rules = LENGTHENED.replace("days: int 0..365", "days: decimal 0..365")
    with pytest.raises(QiyueError) as exc:
        compile_rules(rules, "t.qy").evaluate(lines([ORDER, {"id": "x", "type": "days_agreed",
                                                             "at": "2026-03-05T09:00:00+08:00", "days": "1.5"}]),
                                               "2026-04-01")
    (d,) = exc.value.diagnostics
    assert d.key == "bad_length.fact" and d.args["line"] == 2  # (a length that is no period: fuzz round 40)
    zh = render(d.key, d.args, "zh")
    assert "1.5" in zh and "1.5 日 不是整数" in zh and "第 2 行" in zh


@pytest.mark.parametrize("length,key", [
    ("x.days", "type_mismatch.extension_length"),       # a number, not a length: say `x.days days`
    ('"3" days', "type_mismatch.duration_count"),
    ("x.days ¥", None),
])
def test_a_length_that_is_not_one_is_refused(length, key):
    if key is None:
        return
    with pytest.raises(QiyueError) as exc:
        compile_rules(LENGTHENED.replace("for x.days days", f"for {length}"), "t.qy")
    assert key in [d.key for d in exc.value.diagnostics]


def test_the_cli_shows_the_extension_in_chinese(tmp_path):
    import subprocess
    import sys
    rules, facts = tmp_path / "t.qy", tmp_path / "f.jsonl"
    rules.write_text(LENGTHENED, encoding="utf-8")
    facts.write_text("\n".join(lines([dict(ORDER, at="2026-09-18T10:00:00+08:00"),
                                       {"id": "x", "type": "days_agreed", "at": "2026-09-25T09:00:00+08:00",
                                        "days": 3}])) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(rules), "--facts", str(facts),
                          "--as-of", "2026-10-08T12:00:00+08:00"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "期限顺延 3日（自期间本身的最后一日起算，见下），由 2026年9月28日24时 改为 2026年10月8日24时" in out.stdout


def test_a_pause_runs_on_from_the_periods_own_last_day_not_from_the_day_a_holiday_moved_it_to():
    # ordered Sun 09-27 10:00: 10 days from 09-28, last day Wed 10-07 (National Day) → moved to Thu 10-08.
    # A pause of 12 hours (1 day begun) lengthens the period by a day: its own last day becomes Thu 10-08, a
    # working day — due 10-08 24:00 (not 10-08 + 1 = Fri 10-09)
    got = lengthened([dict(ORDER, at="2026-09-27T10:00:00+08:00"),
                      {"id": "f", "type": "fm", "at": "2026-09-29T08:00:00+08:00", "party": "乙方"},
                      {"id": "e", "type": "fm_end", "at": "2026-09-29T20:00:00+08:00", "ref": "f"}], "2026-10-20")
    assert got["deliver"]["due"] == "2026-10-09T00:00:00+08:00"


STAGED = textwrap.dedent('''\
    contract "T-15b" "验收（测试）" { calendar official }
    party 甲方 "采购人" as buyer
    party 乙方 "供应商" as supplier
    event ordered "下单"
    event delivered "交付" { ref: ref optional "所交付的订单" }
    event done "检验完成" { ref: ref optional "所检验的订单" }
    clause "1" "检验" {
    ''') + "{A}{B}}}\n"
INSPECT = '''  obligation inspect "检验" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by done d where d.ref == o.id
    within 3 days
    suspended by deliver.violated v where v.o.id == o.id until delivered e where e.ref == o.id
  }
'''
DELIVER = '''  obligation deliver "交付" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by delivered d where d.ref == o.id
    within 1 days
  }
'''


@pytest.mark.parametrize("order", ["inspect first", "deliver first"])
def test_a_stage_read_only_by_a_suspension_pauses_the_duty(order):
    # (a reviewer's case: a duty's stage that only a `suspended by` reads was never announced — the pause never came,
    # unless some other rule read that stage; the file's order decided it)
    body = (INSPECT, DELIVER) if order == "inspect first" else (DELIVER, INSPECT)
    rules = compile_rules(STAGED.replace("{A}{B}}", "".join(body)), "s.qy")
    facts = [{"id": "o1", "type": "ordered", "at": "2026-03-02T09:00:00+08:00"},
             {"id": "o2", "type": "ordered", "at": "2026-03-02T09:00:00+08:00"},
             {"id": "d1", "type": "delivered", "at": "2026-03-06T09:00:00+08:00", "ref": "o1"}]
    got = {(o["name"], o["trigger"]): (o["status"], o["due"]) for o in rules.evaluate(lines(facts), "2026-04-30")["obligations"]}
    # o1: due 03-06 00:00 (3 days from Mon 03-02); its delivery is late at 03-04 00:00 (03-03 24:00), which pauses it
    # until the delivery at 03-06 09:00: 2 days 9 hours, 3 days begun, the last day 03-05 moves to Sun 03-08, then to
    # the working day Mon 03-09 (第203条): due 03-10 00:00, and no inspection is done
    assert got[("inspect", "o1")] == ("violated", "2026-03-10T00:00:00+08:00")
    assert got[("inspect", "o2")] == ("suspended", "2026-03-06T00:00:00+08:00")  # (never delivered: paused still)


FM_END = {"id": "fe", "type": "fm_end", "at": "2026-03-05T08:00:00+08:00", "ref": "f"}


@pytest.mark.parametrize("first", ["fm", "fm_end"])
@pytest.mark.parametrize("ids", [("f", "fe"), ("z", "a")])
def test_a_pause_and_its_end_at_one_instant_pause_for_no_time(first, ids):
    # opposing counsel (goods 9.1): a force majeure that began and ended at the same instant left the duty suspended
    # for ever — its end was taken before the pause it ends (facts of one instant in the order of their content).
    # Facts at one instant happen together: the pause lasts no time, the deadline stays Thu 03-12 24:00 and the duty
    # falls due then, whatever the order the facts are listed in or their ids
    fm = dict(FM, id=ids[0])
    end = dict(FM_END, id=ids[1], ref=ids[0])
    got = rows([fm, end] if first == "fm" else [end, fm])
    assert (got["deliver"]["status"], got["deliver"]["due"]) == ("violated", "2026-03-13T00:00:00+08:00")
    assert got["deliver"]["because"][-2].startswith("恢复：")


def test_a_pause_that_begins_while_another_runs_lasts_until_both_have_ended():
    # opposing counsel (goods 9.1 “不可抗力影响的时间”): a second force majeure began (03-06 08:00) while the first
    # (03-05 08:00) ran; the first ended 03-07 08:00, the second 03-09 08:00.  The second was ignored and the duty
    # resumed when the first ended.  Now the pause runs from 03-05 08:00 until both have ended, 03-09 08:00: 4 days
    # (days begun), Thu 03-12 + 4 = Mon 03-16, a working day → due 03-17T00:00 (the hours duty likewise stays paused)
    facts = [FM, dict(FM, id="f2", at="2026-03-06T08:00:00+08:00"),
             dict(FM_END, id="e1", at="2026-03-07T08:00:00+08:00", ref="f"),
             dict(FM_END, id="e2", at="2026-03-09T08:00:00+08:00", ref="f2")]
    got = rows(facts, "2026-03-08")
    assert got["deliver"]["status"] == "suspended"
    assert any(s.startswith("中止期间又有") for s in got["deliver"]["because"])
    assert got["deliver"]["because"][-1].startswith("2026年3月7日8时") and "其他中止事由仍在" in got["deliver"]["because"][-1]
    got = rows(facts)
    assert (got["deliver"]["status"], got["deliver"]["due"]) == ("violated", "2026-03-17T00:00:00+08:00")
    assert "中止 4日" in got["deliver"]["because"][-3] or any("中止 4日" in s for s in got["deliver"]["because"])
    # ended in the other order (the second first), and one wholly inside the other: the same span, 03-05 to 03-09
    swapped = [FM, dict(FM, id="f2", at="2026-03-06T08:00:00+08:00"),
               dict(FM_END, id="e2", at="2026-03-07T08:00:00+08:00", ref="f2"),
               dict(FM_END, id="e1", at="2026-03-09T08:00:00+08:00", ref="f")]
    assert rows(swapped)["deliver"]["due"] == "2026-03-17T00:00:00+08:00"
    # the same end fact given twice, or an end of a force majeure that paused nothing, ends no other pause
    extra = facts[:3] + [dict(FM_END, id="e1b", at="2026-03-08T08:00:00+08:00", ref="f")]
    assert rows(extra, "2026-03-30")["deliver"]["status"] == "suspended"


def test_overlapping_pauses_agree_with_counting_in_full_and_the_durable_backend():
    import dataclasses

    from engine.run.plans import Prepared
    fast = compile_rules(RULES, "t.qy")
    full = dataclasses.replace(fast, prepared=Prepared(fast.checked, fast.prepared.calendar, incremental=False))
    facts = lines([ORDER, FM, dict(FM, id="f2", at="2026-03-06T08:00:00+08:00"),
                   dict(FM_END, id="e1", at="2026-03-07T08:00:00+08:00", ref="f"),
                   dict(FM, id="f3", at="2026-03-07T08:00:00+08:00"),
                   dict(FM_END, id="e2", at="2026-03-09T08:00:00+08:00", ref="f2"),
                   dict(FM_END, id="e3", at="2026-03-10T08:00:00+08:00", ref="f3")])
    for at in ("2026-03-08", "2026-03-09T08:00:00+08:00", "2026-04-01"):
        assert fast.evaluate(facts, at) == full.evaluate(facts, at)
    assert fast.evaluate(facts, "2026-04-01")["obligations"][0]["due"] == "2026-03-18T00:00:00+08:00"


def _rows_of(facts, as_of="2026-04-01"):
    rep = compile_rules(RULES, "t.qy").evaluate(lines(facts), as_of)
    return {o["name"]: o for o in rep["obligations"]}


RUNNING = dict(FM, at="2026-03-01T08:00:00+08:00")  # a force majeure of 乙方 begun the day before the order


@pytest.mark.parametrize("listed", ["fm first", "order first"])
@pytest.mark.parametrize("case", [
    # a helper writing a lease found it: a duty arising while a force majeure runs was not paused at all.  It cannot be
    # performed in time any more than a running one: paused from the order (Mon 03-02 10:00) until the end (03-03
    # 16:00), 30 hours: 2 days begun → Thu 03-12 + 2 = Sat 03-14, a rest day → Mon 03-16, due 03-17T00:00; the
    # 4 hours' repair (due 14:00) moves by exactly 30 hours → 03-03 20:00, that instant still in time
    ("running at the order", [RUNNING, dict(FM_END, at="2026-03-03T16:00:00+08:00")],
     {"deliver": "2026-03-17T00:00:00+08:00", "repair": "2026-03-03T20:00:00+08:00"}),
    # ended before the order: nothing to pause (10 days: Thu 03-12 → 03-13T00:00; 4 hours: 14:00)
    ("ended before the order", [RUNNING, dict(FM_END, at="2026-03-02T09:00:00+08:00")],
     {"deliver": "2026-03-13T00:00:00+08:00", "repair": "2026-03-02T14:00:00+08:00"}),
    # ended at the order's instant: the two happen together — paused for no time
    ("ended at the order's instant", [RUNNING, dict(FM_END, at="2026-03-02T10:00:00+08:00")],
     {"deliver": "2026-03-13T00:00:00+08:00", "repair": "2026-03-02T14:00:00+08:00"}),
    # begun at the order's instant, ended 22:00: 12 hours, 1 day begun → Fri 03-13, due 03-14T00:00; repair 02:00
    ("begun at the order's instant", [dict(FM, at="2026-03-02T10:00:00+08:00"), dict(FM_END, at="2026-03-02T22:00:00+08:00")],
     {"deliver": "2026-03-14T00:00:00+08:00", "repair": "2026-03-03T02:00:00+08:00"}),
    # two running at the order, ended 03-03 16:00 and 03-05 08:00: paused until both end, 2 d 22 h → 3 days begun →
    # Sun 03-15 → Mon 03-16, due 03-17T00:00; repair 14:00 + 70 h = 03-05 12:00
    ("two running at the order", [RUNNING, dict(FM, id="f2", at="2026-03-01T09:00:00+08:00"),
                                  dict(FM_END, at="2026-03-03T16:00:00+08:00"),
                                  dict(FM_END, id="e2", at="2026-03-05T08:00:00+08:00", ref="f2")],
     {"deliver": "2026-03-17T00:00:00+08:00", "repair": "2026-03-05T12:00:00+08:00"}),
    # 甲方's force majeure pauses nothing of 乙方's
    ("another party's", [dict(RUNNING, party="甲方"), dict(FM_END, at="2026-03-03T16:00:00+08:00")],
     {"deliver": "2026-03-13T00:00:00+08:00", "repair": "2026-03-02T14:00:00+08:00"}),
], ids=lambda c: c[0] if isinstance(c, tuple) else c)
def test_a_duty_arising_while_a_pause_runs_is_suspended_from_its_start(case, listed):
    _, facts, due = case
    facts = [ORDER] + facts if listed == "order first" else facts + [ORDER]
    got = _rows_of(facts)
    assert {name: got[name]["due"] for name in due} == due
    assert {got[name]["status"] for name in due} == {"violated"}


def test_suspended_from_its_start_it_says_so_and_does_not_fall_due():
    got = _rows_of([RUNNING, ORDER], "2026-03-30")["deliver"]
    assert (got["status"], got["due"]) == ("suspended", "2026-03-13T00:00:00+08:00")
    assert any(s.startswith("中止：产生时") for s in got["because"])
    rep = compile_rules(RULES, "t.qy").evaluate(lines([RUNNING, ORDER]), "2026-03-30", lang="en")
    assert any(s.startswith("suspended from the start:") for s in rep["obligations"][0]["because"])


BY_PARTY = RULES.replace('event fm_end "不可抗力结束" { ref: ref (fm) "所结束的不可抗力" }',
                         'event fm_end "不可抗力结束" { party: party "受影响一方" }').replace(
    "until fm_end e where e.ref == f.id", "until fm_end e where e.party == f.party")


@pytest.mark.parametrize("facts,due", [
    # a reviewer: an end recorded before the cause began (e1 ended f1; f2 began 03-04) was taken as f2's: the order
    # of 03-05 10:00 was not paused.  Paused 03-05 10:00 → 03-10 10:00, 5 days: Sun 03-15 + 5 = Fri 03-20 → 03-21T00:00
    ([("f1", "fm", "2026-03-01T10:00:00"), ("e1", "fm_end", "2026-03-02T10:00:00"), ("f2", "fm", "2026-03-04T10:00:00"),
      ("o", "ordered", "2026-03-05T10:00:00"), ("e2", "fm_end", "2026-03-10T10:00:00")], "2026-03-21T00:00:00+08:00"),
    # one end ends one pause, as for a running duty: f1, f2 begun, one end 03-03 — f2 still runs at the order; its end
    # 03-08 10:00: 3 days → Sun 03-15 + 3 = Wed 03-18 → 03-19T00:00
    ([("f1", "fm", "2026-03-01T10:00:00"), ("f2", "fm", "2026-03-02T10:00:00"), ("e1", "fm_end", "2026-03-03T10:00:00"),
      ("o", "ordered", "2026-03-05T10:00:00"), ("e2", "fm_end", "2026-03-08T10:00:00")], "2026-03-19T00:00:00+08:00"),
    # both ended before the order: not paused, 10 days from 03-05 → Sun 03-15 → Mon 03-16 (第203条) → 03-17T00:00
    ([("f1", "fm", "2026-03-01T10:00:00"), ("f2", "fm", "2026-03-02T10:00:00"), ("e1", "fm_end", "2026-03-03T10:00:00"),
      ("e2", "fm_end", "2026-03-04T10:00:00"), ("o", "ordered", "2026-03-05T10:00:00")], "2026-03-17T00:00:00+08:00"),
])
def test_the_causes_running_at_a_duty_s_start_are_those_a_running_duty_would_have(facts, due):
    lines_ = [{"id": i, "type": t, "at": at + "+08:00", **({"party": "乙方"} if t != "ordered" else {})}
              for i, t, at in facts]
    rep = compile_rules(BY_PARTY, "t.qy").evaluate(lines(lines_), "2026-04-01")
    assert [(o["status"], o["due"]) for o in rep["obligations"] if o["name"] == "deliver"] == [("violated", due)]


WITH_EXTENSION = RULES.replace('event terminated "解除"\n', 'event terminated "解除"\nevent ext "延期" { new_due: date "新期限" }\n').replace(
    "    suspended by fm f where f.party == 乙方 until fm_end e where e.ref == f.id\n  }\n  obligation repair",
    "    suspended by fm f where f.party == 乙方 until fm_end e where e.ref == f.id\n"
    "    extended by ext x until x.new_due\n  }\n  obligation repair")
assert WITH_EXTENSION.count("extended by ext x") == 1


@pytest.mark.parametrize("facts", [
    [dict(FM, at="2026-03-01T10:00:00+08:00"), ORDER],   # paused from the order (03-02 10:00) …
    [ORDER, dict(FM, at="2026-03-02T10:00:00+08:00")],   # … or from the force majeure at the same instant
])
def test_an_extension_agreed_while_paused_moves_the_deadline_the_pause_is_added_to(facts):
    """A reviewer: an agreed extension (to 03-31) while the duty was paused was ignored — due 03-13 + the pause.
    Now the deadline moves to 03-31 24:00 and the pause is added on: paused 03-02 10:00 → 03-04 10:00, 2 days →
    Tue 03-31 + 2 = Thu 04-02 (a working day) → due 04-03T00:00."""
    extra = [{"id": "x", "type": "ext", "at": "2026-03-03T10:00:00+08:00", "new_due": "2026-03-31"},
             dict(FM_END, at="2026-03-04T10:00:00+08:00")]
    rep = compile_rules(WITH_EXTENSION, "t.qy").evaluate(lines(facts + extra), "2026-05-01")
    assert [(o["status"], o["due"]) for o in rep["obligations"] if o["name"] == "deliver"] == \
        [("violated", "2026-04-03T00:00:00+08:00")]
