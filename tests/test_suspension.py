"""Suspension and 顺延 (issue 11, part 4): `suspended by FACT until FACT` pauses a running deadline;
the duty is `suspended` meanwhile and cannot fall due; when it resumes the deadline moves on by the
time paused (days begun for a period of days, then to a working day for a period to act in, 民法典
第203条; exactly for hours).  Counted by hand."""
import textwrap

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
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
