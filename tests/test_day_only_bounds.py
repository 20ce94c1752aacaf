"""An instant known by its day alone, and no earlier than an instant of that day.

A receipt dated "2025-11-13" for a notice handed over at 11:00 that day says the notice arrived on 13 November at
some hour from 11:00 on: not at 00:00 (before it was sent), and not at 11:00 either (the hour is unknown).  The seed
deems delivery at `latest(n, n.signed_at)`; `latest`/`earliest` of instants some of which are known by their day
alone give such an instant (``DayOnly``), and an event deemed at it is of its day alone from that instant on.

Counted by hand (contract 10.3.1 "接收人签收之日视为送达"; 附件2 三.5 and 三.4 two hours, 第201条第2款, 第1259条).
Both backends must agree: each scenario runs on the reference and on durable_rules.
"""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from engine.run.compiler import DayOnly, _earliest, _latest
from engine.time.timecalc import CONTRACT_TZ, Moment
from test_counsel_round7 import SIGN
from test_counsel_round11 import _one

try:
    import durable  # noqa: F401
    BACKENDS = ["reference", "durable"]
except ImportError:  # pragma: no cover - the [live] extra is not installed
    BACKENDS = ["reference"]


def _events(report, name):
    return [e for e in report["events"] if e["name"] == name]


def _run(seed, facts, as_of, backend):
    return seed.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], as_of, backend=backend)


def _leak(at):
    return {"id": "lk", "type": "data_leak_discovered", "at": at, "cause": "supplier"}


def _notice(at, signed_at, method="personal"):
    return {"id": "n", "type": "notice_sent", "at": at, "from": "乙方", "to": "甲方", "subject": "data_leak",
            "method": method, "ref": "lk", "signed_at": signed_at}


def _at(h, m=0, d=13):
    return Moment.of(datetime(2025, 11, d, h, m, tzinfo=CONTRACT_TZ))


DAY = Moment.start_of_day(date(2025, 11, 13))


# ---------------------------------------------------------------- latest / earliest of day-only instants

@pytest.mark.parametrize("known, want, day_only", [
    # a day-only 13th (from 00:00) and the sending at 11:00 that day: the 13th, from 11:00 on
    ([(DAY, True), (_at(11), False)], _at(11), True),
    # the sending the day before: the 13th, from 00:00 (the day alone, as given)
    ([(DAY, True), (_at(11, d=12), False)], DAY, True),
    # an exact instant at 24:00 of the 13th is no earlier than any hour of the 13th: exact
    ([(DAY, True), (Moment.end_of_day(date(2025, 11, 13)), False)], Moment.end_of_day(date(2025, 11, 13)), False),
    # two exact instants: the later, exact
    ([(_at(9), False), (_at(11), False)], _at(11), False),
])
def test_latest_of_instants_known_by_their_day(known, want, day_only):
    got = _latest(known)
    assert (got.at, type(got) is DayOnly) == (want.at, day_only)


@pytest.mark.parametrize("known, want, day_only", [
    # the 13th (any hour) and 11:00 that day: no later than 11:00, perhaps 00:00 — the day alone from 00:00
    ([(DAY, True), (_at(11), False)], DAY, True),
    # 23:00 of the 12th comes before any hour of the 13th: exact
    ([(DAY, True), (_at(23, d=12), False)], _at(23, d=12), False),
    # 00:00 of the 13th is no later than any hour of it: exact
    ([(DAY, True), (DAY, False)], DAY, False),
])
def test_earliest_of_instants_known_by_their_day(known, want, day_only):
    got = _earliest(known)
    assert (got.at, type(got) is DayOnly) == (want.at, day_only)


# ---------------------------------------------------------------- deemed delivery on the day of the receipt

@pytest.mark.parametrize("backend", BACKENDS)
def test_a_receipt_dated_the_day_of_sending_is_delivery_that_day_from_the_sending_on(seed, backend):
    """Leak found 08:00 Thu 2025-11-13; 乙方's notice handed over 11:00, receipt "2025-11-13": delivered that day,
    not before 11:00 — after 10:00, the end of both two-hour periods: both duties violated, performed late."""
    report = _run(seed, [SIGN, _leak("2025-11-13T08:00:00+08:00"), _notice("2025-11-13T11:00:00+08:00", "2025-11-13")],
                  "2025-11-20", backend)
    [e] = _events(report, "notice_delivered")
    assert (e["at"], e["at_cn"]) == ("2025-11-13T11:00:00+08:00", "2025年11月13日（不早于11时）")
    assert any("不早于 2025年11月13日11时" in b for b in e["because"]), e["because"]
    for name in ("breach_notice", "security_incident_notice"):
        o = _one(report, name)
        assert (o["status"], o["due"], o["fulfilled_cn"]) == (
            "violated", "2025-11-13T10:00:00+08:00", "2025年11月13日（不早于11时）"), (name, o["because"])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_receipt_dated_the_day_of_sending_before_the_end_of_the_hours_cannot_be_told_in_time(seed, backend):
    """Leak found 08:00; notice handed over 09:00, receipt "2025-11-13": delivered that day from 09:00 on — by 10:00
    or after it, the record does not say: undetermined, neither fulfilled (the old reading, 00:00) nor violated."""
    report = _run(seed, [SIGN, _leak("2025-11-13T08:00:00+08:00"), _notice("2025-11-13T09:00:00+08:00", "2025-11-13")],
                  "2025-11-20", backend)
    o = _one(report, "breach_notice")
    assert o["status"] == "undetermined", o["because"]
    assert o["fulfilled_cn"] == "2025年11月13日（不早于9时）"


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_receipt_dated_the_next_day_is_late_for_hours_ending_the_day_before(seed, backend):
    """Leak found 08:00 on the 13th; notice handed over 09:00, receipt "2025-11-14": delivered on the 14th (any hour
    of it, from 00:00: the day alone as given) — after 10:00 of the 13th: violated."""
    report = _run(seed, [SIGN, _leak("2025-11-13T08:00:00+08:00"), _notice("2025-11-13T09:00:00+08:00", "2025-11-14")],
                  "2025-11-20", backend)
    [e] = _events(report, "notice_delivered")
    assert e["at_cn"] == "2025年11月14日"
    assert _one(report, "breach_notice")["status"] == "violated"


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_receipt_timed_the_day_of_sending_is_as_timed(seed, backend):
    """A receipt with its hour (09:30) is the delivery, to the second: in time for 10:00."""
    report = _run(seed, [SIGN, _leak("2025-11-13T08:00:00+08:00"),
                         _notice("2025-11-13T09:00:00+08:00", "2025-11-13T09:30:00+08:00")], "2025-11-20", backend)
    o = _one(report, "breach_notice")
    assert (o["status"], o["fulfilled_at"], o["fulfilled_cn"]) == ("fulfilled", "2025-11-13T09:30:00+08:00", None)


def test_the_receipts_date_is_shown_as_given(seed):
    """The fact's own attribute, a date alone, is quoted as that date — not as 0时 of it."""
    report = _run(seed, [SIGN, _leak("2025-11-13T08:00:00+08:00"), _notice("2025-11-13T11:00:00+08:00", "2025-11-13")],
                  "2025-11-20", "reference")
    text = json.dumps(report, ensure_ascii=False)
    assert "接收人签收时间 2025年11月13日）" in text and "接收人签收时间 2025年11月13日0时" not in text


# ---------------------------------------------------------------- a day-alone act on the trigger's day
DUTY = '''contract "B" {{ calendar official }}
party 甲方 "甲" as buyer
party 乙方 "乙" as seller
event incident "事故"
event notified "通知送达"
clause "1" "通知" {{
  obligation notify "两小时内通知" {{
    debtor 乙方
    creditor 甲方
    for each incident i
    fulfilled by notified n{earlier}
    within 2 hours
  }}
}}
'''


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("earlier, status", [("", "undetermined"), (" counting earlier", "fulfilled")])
def test_an_act_given_by_its_day_alone_on_the_triggers_day(backend, earlier, status):
    """Incident 2026-03-05 23:30; the notice is recorded as delivered "2026-03-05", hour unknown.  Before 23:30 it
    performs nothing (the clause counts no earlier act: late after 03-06 01:30), after it, it performs: undetermined.
    With `counting earlier` it performs either way: fulfilled."""
    from engine.api import compile_rules
    rules = compile_rules(DUTY.format(earlier=earlier), "b.qy")
    facts = [{"id": "n", "type": "notified", "at": "2026-03-05"},
             {"id": "i", "type": "incident", "at": "2026-03-05T23:30:00+08:00"}]
    report = rules.evaluate([json.dumps(x) for x in facts], "2026-03-08", backend=backend)
    [o] = [o for o in report["obligations"] if o["name"] == "notify"]
    assert o["status"] == status, o["because"]
    if status == "undetermined":
        assert "只知其日、不知时刻，与触发" in o["because"][-1], o["because"]


# ---------------------------------------------------------------- a notice of termination known by its day alone
HARM = {"id": "h", "type": "public_interest_harm_found", "at": "2025-09-04T10:00:00+08:00"}


def _termination(at, ground="public_interest"):
    return {"id": "t", "type": "termination_notified", "at": at, "party": "甲方", "ground": ground}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_termination_of_the_harms_day_alone_ends_the_contract_that_day_on_a_ground_in_doubt(seed, backend):
    """3.1.3's power arises with the harm, Thu 2025-09-04 10:00; 甲方's notice is recorded "2025-09-04": before 10:00
    it has no power behind it (8.3: 无故, ¥349,000.00), after it, it ends the contract under 3.1.3.  Which, nobody
    knows — but either way the contract ended on 09-04 (counsel round 41, X8; until the session of 2026-12-07, 10:31–,
    it was held undecided and the contract went on): ended that day, the notice taken first, the ground's doubt said
    in a finding that names the harm, and the ¥349,000.00 only the first order gives undetermined."""
    report = _run(seed, [SIGN, HARM, _termination("2025-09-04")], "2025-10-01", backend)
    assert report["contract_life"]["ended"] == "2025-09-04T00:00:00+08:00"
    [f] = [f for f in report["findings"] if f["code"] == "termination_ground_order_unknown"]
    assert "同日有 h" in f["message"], f["message"]
    assert not [f for f in report["findings"] if f["code"] == "termination_hour_unknown"]
    assert [r["status"] for r in report["remedies"] if r["name"] == "unjustified_termination_damages"] == \
        ["undetermined"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_termination_of_a_day_alone_with_nothing_it_reads_later_that_day_is_decided(seed, backend):
    """The harm the day before (09-03 10:00): the power is held all of 09-04 — the notice of 09-04 ends the contract
    under 3.1.3 (at the day's first instant, as before), whatever its hour.  A staff fact later that day changes
    nothing a termination reads."""
    staff = {"id": "st", "type": "staff_onsite", "at": "2025-09-04T15:00:00+08:00", "count": 1}
    report = _run(seed, [SIGN, dict(HARM, at="2025-09-03T10:00:00+08:00"), _termination("2025-09-04"), staff],
                  "2025-10-01", backend)
    assert report["contract_life"]["ended_by"] == "buyer_terminates"
    assert not [f for f in report["findings"] if f["code"] == "termination_hour_unknown"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_timed_termination_before_the_harm_the_same_day_is_without_cause(seed, backend):
    """Recorded at 09:00, before the harm at 10:00: no 3.1.3 power — 8.3 无故 (¥349,000.00), as before."""
    report = _run(seed, [SIGN, HARM, _termination("2025-09-04T09:00:00+08:00")], "2025-10-01", backend)
    assert report["contract_life"]["ended_by"] == "buyer_without_cause"


def test_as_of_before_the_later_fact_the_termination_is_decided(seed):
    """As of 09-04 09:00 the harm of 10:00 is not yet seen (nothing after as_of is), nor is the notice of that day alone
    known to have come (it may come after 09:00: not counted, and said — counsel round 34; it ended the contract without
    cause before); as of 11:00 it is undecided."""
    early = _run(seed, [SIGN, HARM, _termination("2025-09-04")], "2025-09-04T09:00:00+08:00", "reference")
    late = _run(seed, [SIGN, HARM, _termination("2025-09-04")], "2025-09-04T11:00:00+08:00", "reference")
    assert (early["contract_life"]["ended_by"], late["contract_life"]["ended_by"]) == (None, None)
    assert [f["code"] for f in early["findings"] if f["code"] == "day_alone_at_as_of"] == ["day_alone_at_as_of"]


def test_several_instants_in_one_replay_are_each_what_one_evaluation_gives(seed):
    """evaluate_many at 09:00 and 11:00 (the notice of that day alone not counted) and after that day (ended that day,
    both orders replayed: ``Prepared.order_decides``): each report
    the one evaluate gives at its instant, though the notice of that day alone is decided once in one replay."""
    facts = [json.dumps(x, ensure_ascii=False) for x in [SIGN, HARM, _termination("2025-09-04")]]
    instants = ["2025-09-04T09:00:00+08:00", "2025-09-04T11:00:00+08:00", "2025-10-01"]
    many = seed.evaluate_many(facts, instants)
    assert many == [seed.evaluate(facts, a) for a in instants]
    assert [r["contract_life"]["ended_by"] for r in many] == [None, None, "buyer_without_cause"]
