"""Opposing counsel, round 10: the acceptance chain, the bond, installment 3 across Spring Festival 2026, notices
across midnight, terminations and `as_of` at a deadline's very instant — counted by hand.

Tests marked DEFECT fail until the engine is fixed; tests marked PASSING cover a new adversarial angle and hold
today.  Contract: shared/seeds/000_2fd1bbbed6f06600.txt; counting: shared/spec/time-and-law.md.  Calendar days used
(chinese_calendar 1.11.0), all 2026 unless said: Sat 06-27 rest (the service year's last day, service_end
06-28T00:00); Mon 06-29 .. Fri 07-03, Mon 07-06 .. Fri 07-10, Mon 07-13 .. Fri 07-17, Mon 07-20 .. Fri 07-24,
Mon 07-27 .. Fri 07-31, Mon 08-03, Mon 08-17 .. Fri 08-21, Mon 08-24 .. Fri 08-28, Mon 08-31, Wed 09-02, Thu 09-03,
Wed 09-30 working; Sat/Sun rest.  Spring Festival: Sat 02-14 make-up working day; Sun 02-15 .. Mon 02-23 off; Tue
02-24 working.  National Day: Thu 10-01 .. Wed 10-07 off.  2025: Mon 11-10 .. Fri 11-14 working, Sat 11-15, Sun
11-16 rest, Mon 11-17 working.
"""
from __future__ import annotations

import json

import pytest

from test_counsel_round7 import SIGN, codes, rows, run  # (the seed fixture: conftest.py)

BOND = {"id": "g", "type": "guarantee_submitted", "at": "2025-07-15T10:00:00+08:00", "purpose": "performance",
        "amount": "349000.00", "valid_until": "2026-12-31"}
# 乙方 applies Mon 2026-06-29 10:00 (after the service year, 5.2.1).  10 working days: 06-30, 07-01, 07-02, 07-03,
# 07-06, 07-07, 07-08, 07-09, 07-10, 07-13 → the review is due 2026-07-14T00:00 (24:00 of Mon 07-13).
APPLY = {"id": "ap", "type": "acceptance_applied", "at": "2026-06-29T10:00:00+08:00"}


def _named(report, kind, name):
    return [r for r in report[kind] if r["name"] == name]


def _one(report, name):
    (o,) = rows(report, name)
    return o


# ---------------------------------------------------------------- 1. DEFECT: an engine row name in the Chinese reasons
def test_the_duties_that_run_from_a_deemed_acceptance_cite_the_application_not_an_engine_row_name(seed):
    """DEFECT (wording).  The application (ap, Mon 06-29) is never reviewed: the review is due 07-14T00:00, and 5.2.3
    deems the project accepted at that instant (24:00 of Mon 07-13).  From it run release_bond (2.1(2), 30 days:
    07-14 .. Wed 08-12, due 08-13T00:00) and handover (5.3, one month: Thu 08-13, due 08-14T00:00) — the engine
    counts both right.  But their Chinese reasons say "由 2026年7月13日24时 视为验收合格（源自 acceptance_review#1.violated）
    触发", and the text report's summary repeats it: an engine row name where legal staff read.  The engine's own
    rule (report/explain.py `_cited_zh`) is to cite a derived event by the fact it comes from — here the
    application, "（源自 ap）", as the deemed_acceptance event's own reason already does."""
    report = run(seed, [SIGN, BOND, APPLY], "2026-09-01")
    got = {o["name"]: (o["status"], o["due"]) for o in report["obligations"] if o["name"] in ("release_bond", "handover")}
    assert got == {"release_bond": ("violated", "2026-08-13T00:00:00+08:00"),
                   "handover": ("violated", "2026-08-14T00:00:00+08:00")}
    for name in ("release_bond", "handover"):
        first = _one(report, name)["because"][0]
        assert "#" not in first and ".violated" not in first, first
        assert "源自 ap）" in first, first


# ---------------------------------------------------------------- 2. DEFECT: one alternative listed twice
def test_the_violation_of_release_bond_and_handover_does_not_list_the_same_act_twice(seed):
    """DEFECT (wording).  Same facts as above.  release_bond and handover can each be performed by one kind of act
    (the release assistance; the handover — the rule's second alternative is the same act done earlier, under the
    assumptions early_bond_release / early_handover).  The Chinese verdict reads "已违约：在 2026年8月13日24时 之前
    未见履行的 项目资料移交（handover_delivered） 或 项目资料移交（handover_delivered）" and "…甲方配合乙方向银行申请终止
    保函效力（bond_release_assisted） 或 甲方配合乙方向银行申请终止保函效力（bond_release_assisted） 或 履约保函到期自动失效" —
    the same act twice, as if there were two different acts either of which would have done."""
    report = run(seed, [SIGN, BOND, APPLY], "2026-09-01")
    for name in ("release_bond", "handover"):
        last = _one(report, name)["because"][-1]
        assert last.startswith("已违约"), last
        alternatives = last.split("未见履行的", 1)[1].strip().split(" 或 ")
        assert len(alternatives) == len(set(alternatives)), last


# ---------------------------------------------------------------- 3. DEFECT: 乙方 late on a leak only 甲方 knew of
def test_a_leak_that_the_buyer_found_itself_does_not_put_the_supplier_in_breach_before_it_could_know(seed):
    """DEFECT (medium confidence: no assumption of the rules covers it).  附件2 三.5: "若因乙原因发生数据泄露，需在 2
    小时内书面通知甲方".  A supplier-caused leak is found by 甲方 itself (found_by 甲方) Mon 2025-11-10 10:00; nothing
    says 乙方 knows of it.  The rules already hold (附件2 三.4, security_incident_notice) that for an incident 甲方
    found itself "there is nothing for 乙方 to tell 甲方" — and 三.4 covers data leaks too (its second trigger).  The
    engine nonetheless counts 三.5's 2 hours from 甲方's own discovery: due 10:00 + 2 h = 12:00 (第1259条), and at
    13:00 乙方 is "已违约" for not reporting to 甲方, in writing, a leak only 甲方 had found.  Right answer: the 2 hours
    of 三.5 cannot run against 乙方 from a discovery it was not party to — at 13:00 乙方 is not in breach."""
    facts = [SIGN, {"id": "d", "type": "data_leak_discovered", "at": "2025-11-10T10:00:00+08:00", "cause": "supplier",
                    "found_by": "甲方"}]
    report = run(seed, facts, "2025-11-10T13:00:00+08:00")
    assert not rows(report, "security_incident_notice") or \
        [o["status"] for o in rows(report, "security_incident_notice")] == ["inactive"]
    assert [o["status"] for o in rows(report, "breach_notice") if o["trigger"] == "d"] != ["violated"]


# ---------------------------------------------------------------- 4. DEFECT: a label that contradicts its value
def test_a_leak_found_by_the_buyer_is_not_described_as_found_by_default_by_the_supplier(seed):
    """DEFECT (wording).  Same leak (found_by 甲方, Mon 2025-11-10 10:00).  2.1(3) gives 甲方 the deduction from that
    instant (the engine agrees).  Its Chinese reason describes the fact as "发现数据泄露（原因：乙方原因，发现方（运维中由
    乙方发现的，缺省） 甲方）": the attribute's label carries the schema's default note, so the line reads "finder (found
    by 乙方 in operations, the default) 甲方" — self-contradictory to a reader; "发现方 甲方" is what happened."""
    facts = [SIGN, {"id": "d", "type": "data_leak_discovered", "at": "2025-11-10T10:00:00+08:00", "cause": "supplier",
                    "found_by": "甲方"}]
    report = run(seed, facts, "2025-11-11")
    (r,) = _named(report, "remedies", "bond_deduction")
    assert r["since"] == "2025-11-10T10:00:00+08:00"
    assert "缺省" not in r["because"][0], r["because"][0]


# ---------------------------------------------------------------- 5. DEFECT: rule source text in the Chinese reasons
def test_installment_3s_conditions_are_not_explained_in_rule_source_and_english(seed):
    """FIXED (tests/test_phrases.py; was DEFECT — wording; low confidence that it is unintended: tests/golden/*.json enshrine the form).  Installment 3's
    conditions complete Fri 2026-01-16 10:00 (invoice i3; staff from 2025-07-01, prepayment guarantee ¥2,094,000.00
    valid to 2026-12-31, application 01-10); 30 days 01-17 .. Sun 02-15 (Spring Festival, off to Mon 02-23) → Tue
    02-24, due 02-25T00:00 (the engine agrees).  The Chinese reasons list the conditions as the rule file's source:
    "- any of ( exists(invoice_received i where i.installment == 3 and … i.kind == "vat_ordinary"), all of
    (invoice_in_parts == "one invoice or several totalling the installment", sum(…) == installment_3) )：相符的事实…" —
    English and code where legal staff read; the clause's words (等额增值税普通发票) or the condition's own label belong
    there, as for every other line of the report."""
    report = run(seed, _installment_3("2026-01-16T10:00:00+08:00"), "2026-03-01")
    o = _one(report, "pay_installment_3")
    assert (o["status"], o["due"]) == ("violated", "2026-02-25T00:00:00+08:00")
    raw = [b for b in o["because"] if "one invoice or several" in b or "exists(" in b or "passed(" in b]
    assert not raw, raw


# ================================================================ PASSING: new adversarial angles that hold today
def _installment_3(invoice_at):
    return [SIGN, {"id": "st", "type": "staff_onsite", "at": "2025-07-01T09:00:00+08:00", "count": 2},
            {"id": "pg", "type": "guarantee_submitted", "at": "2025-09-05T10:00:00+08:00", "purpose": "prepayment",
             "amount": "2094000.00", "valid_until": "2026-12-31"},
            {"id": "a3", "type": "payment_application_received", "at": "2026-01-10T10:00:00+08:00", "installment": 3,
             "amount": "2094000.00"},
            {"id": "i3", "type": "invoice_received", "at": invoice_at, "installment": 3, "amount": "2094000.00",
             "kind": "vat_ordinary"}]


def _remedy(report, name):
    (r,) = _named(report, "remedies", name)
    return r["since"], r["amount"]


def test_passing_installment_3_due_on_the_spring_festival_make_up_saturday_is_not_moved(seed):
    """PASSING.  Conditions complete Thu 2026-01-15 10:00: 30 days 01-16 .. Sat 02-14 — a make-up working day (调休上班),
    so not moved: due 02-15T00:00.  "逾期超出15天": 02-15 .. 03-01 (not moved) → 乙方's 8.3 power from 03-02T00:00
    with ¥349,000.00.  Damages to as_of 03-10T00:00: 02-15 .. 03-10, each begun day counted = 14 + 10 = 24 days
    × ¥6,980.00 = ¥167,520.00."""
    report = run(seed, _installment_3("2026-01-15T10:00:00+08:00"), "2026-03-10")
    o = _one(report, "pay_installment_3")
    assert (o["status"], o["due"]) == ("violated", "2026-02-15T00:00:00+08:00")
    assert _remedy(report, "supplier_termination") == ("2026-03-02T00:00:00+08:00", "349000.00")
    assert _remedy(report, "late_payment_damages") == ("2026-02-15T00:00:00+08:00", "167520.00")


def test_passing_installment_3_due_in_the_spring_festival_moves_to_the_24th_and_the_power_follows(seed):
    """PASSING.  Conditions complete Fri 2026-01-16 10:00: 30 days → Sun 02-15, off to Mon 02-23 → Tue 02-24, due
    02-25T00:00.  15 days late 02-25 .. 03-11 → power from 03-12T00:00; at 03-11T23:59:59 not yet held."""
    facts = _installment_3("2026-01-16T10:00:00+08:00")
    report = run(seed, facts, "2026-03-12T00:00:00+08:00")
    assert _one(report, "pay_installment_3")["due"] == "2026-02-25T00:00:00+08:00"
    assert _remedy(report, "supplier_termination") == ("2026-03-12T00:00:00+08:00", "349000.00")
    assert not _named(run(seed, facts, "2026-03-11T23:59:59+08:00"), "remedies", "supplier_termination")


def test_passing_a_failed_acceptance_then_an_unreviewed_resubmission_is_deemed_accepted(seed):
    """PASSING.  Review passed Fri 07-03; expert acceptance held and failed Fri 07-10 (2.1(3): 甲方 may deduct from
    then); 乙方 resubmits Mon 07-20 (30 days of rectification_term: due 08-11T00:00 — fulfilled).  The resubmission is
    never reviewed: 10 working days 07-21 .. 07-24, 07-27 .. 07-31, 08-03 → deemed accepted 08-04T00:00 (24:00 of
    Mon 08-03).  release_bond: 08-04 .. Wed 09-02, due 09-03T00:00; handover: one month → Thu 09-03, due 09-04T00:00.
    The deduction for the failed acceptance stays (it came before the project was accepted)."""
    facts = [SIGN, BOND, APPLY,
             {"id": "rv", "type": "acceptance_review_completed", "at": "2026-07-03T10:00:00+08:00", "passed": True},
             {"id": "h1", "type": "acceptance_held", "at": "2026-07-10T10:00:00+08:00", "passed": False},
             {"id": "ap2", "type": "acceptance_applied", "at": "2026-07-20T10:00:00+08:00"}]
    report = run(seed, facts, "2026-10-01")
    assert [e["at"] for e in _named(report, "events", "deemed_acceptance")] == ["2026-08-04T00:00:00+08:00"]
    got = {(o["name"], o["trigger"]): (o["status"], o["due"]) for o in report["obligations"]
           if o["name"] in ("acceptance_review", "resubmit_acceptance", "release_bond", "handover")}
    assert got[("acceptance_review", "ap2")] == ("violated", "2026-08-04T00:00:00+08:00")
    assert got[("resubmit_acceptance", "h1")] == ("fulfilled", "2026-08-11T00:00:00+08:00")
    assert {k[0]: v for k, v in got.items() if k[0] in ("release_bond", "handover")} == {
        "release_bond": ("violated", "2026-09-03T00:00:00+08:00"), "handover": ("violated", "2026-09-04T00:00:00+08:00")}
    assert _remedy(report, "bond_deduction") == ("2026-07-10T10:00:00+08:00", None)


def test_passing_a_review_recorded_at_the_due_instant_is_late_and_the_project_is_deemed_accepted(seed):
    """PASSING.  The review is recorded at 2026-07-14T00:00 — 0:00 of Tue 07-14, after 24:00 of Mon 07-13: late.  The
    project was deemed accepted at that instant; no expert acceptance is owed from the late review; release_bond from
    24:00 of 07-13: 07-14 .. Wed 08-12, due 08-13T00:00.  as_of exactly 07-14T00:00: violated and deemed accepted;
    as_of 07-13T23:59:59: still active, nothing deemed."""
    late = {"id": "rv", "type": "acceptance_review_completed", "at": "2026-07-14T00:00:00+08:00", "passed": True}
    report = run(seed, [SIGN, BOND, APPLY, late], "2026-10-01")
    assert _one(report, "acceptance_review")["status"] == "violated"
    assert [o["status"] for o in rows(report, "acceptance_meeting")] == ["inactive"]
    assert _one(report, "release_bond")["due"] == "2026-08-13T00:00:00+08:00"
    at = run(seed, [SIGN, BOND, APPLY], "2026-07-14T00:00:00+08:00")
    assert _one(at, "acceptance_review")["status"] == "violated"
    assert [e["at"] for e in _named(at, "events", "deemed_acceptance")] == ["2026-07-14T00:00:00+08:00"]
    before = run(seed, [SIGN, BOND, APPLY], "2026-07-13T23:59:59+08:00")
    assert _one(before, "acceptance_review")["status"] == "active"
    assert not _named(before, "events", "deemed_acceptance")


def test_passing_a_termination_at_the_reviews_due_instant_comes_after_the_deemed_acceptance(seed):
    """PASSING.  Termination by agreement at 2026-07-14T00:00, the instant the review's 10 working days ended (24:00
    of 07-13): the deemed acceptance came first, so release_bond and handover arise and survive the termination
    (wind_up_after_termination) — whichever order the two facts are listed in.  A termination one second earlier
    (07-13T23:59:59) discharges the review and nothing is deemed."""
    t = {"id": "t", "type": "termination_notified", "at": "2026-07-14T00:00:00+08:00", "party": "甲方",
         "ground": "agreement"}
    for facts in ([SIGN, BOND, APPLY, t], [SIGN, BOND, t, APPLY]):
        report = run(seed, facts, "2026-09-01")
        assert report["contract_life"]["ended"] == "2026-07-14T00:00:00+08:00"
        assert _one(report, "acceptance_review")["status"] == "violated"
        assert {o["name"]: o["due"] for o in report["obligations"] if o["name"] in ("release_bond", "handover")} == {
            "release_bond": "2026-08-13T00:00:00+08:00", "handover": "2026-08-14T00:00:00+08:00"}
    early = run(seed, [SIGN, BOND, APPLY, dict(t, at="2026-07-13T23:59:59+08:00")], "2026-09-01")
    assert _one(early, "acceptance_review")["status"] == "discharged"
    assert not _named(early, "events", "deemed_acceptance")


def test_passing_an_application_at_the_service_years_end_instant_starts_the_review(seed):
    """PASSING.  The service year ends 24:00 of Sat 2026-06-27 (= 06-28T00:00).  An application at 06-28T00:00 —
    written with +08:00, as the bare date, or as 06-27T16:00Z — is after the service year (5.2.1), on Sun 06-28: 10
    working days 06-29 .. 07-03, 07-06 .. 07-10 → due 07-11T00:00, deemed accepted then; no
    premature_acceptance_application."""
    for at in ("2026-06-28T00:00:00+08:00", "2026-06-28", "2026-06-27T16:00:00Z"):
        report = run(seed, [SIGN, BOND, {"id": "ap", "type": "acceptance_applied", "at": at}], "2026-08-01")
        assert (_one(report, "acceptance_review")["due"]) == "2026-07-11T00:00:00+08:00", at
        assert [e["at"] for e in _named(report, "events", "deemed_acceptance")] == ["2026-07-11T00:00:00+08:00"]
        assert "premature_acceptance_application" not in codes(report)


def test_passing_a_failed_acceptance_at_the_deemed_acceptance_instant_gives_no_deduction(seed):
    """PASSING.  Review passed Fri 07-03; the meeting's 10 working days 07-06 .. 07-10, 07-13 .. 07-17 end 24:00 of
    Fri 07-17 → deemed accepted 07-18T00:00.  A failed expert acceptance recorded at 07-18T00:00 comes after: no
    bond deduction, no resubmission owed."""
    facts = [SIGN, BOND, APPLY,
             {"id": "rv", "type": "acceptance_review_completed", "at": "2026-07-03T10:00:00+08:00", "passed": True},
             {"id": "h", "type": "acceptance_held", "at": "2026-07-18T00:00:00+08:00", "passed": False}]
    report = run(seed, facts, "2026-09-01")
    assert [e["at"] for e in _named(report, "events", "deemed_acceptance")] == ["2026-07-18T00:00:00+08:00"]
    assert not _named(report, "remedies", "bond_deduction")
    assert [o["status"] for o in rows(report, "resubmit_acceptance")] == ["inactive"]


def test_passing_a_deemed_acceptance_at_24_00_of_31_august_keeps_the_wind_up_out_of_national_day(seed):
    """PASSING.  Application Mon 2026-08-17: 08-18 .. 08-21, 08-24 .. 08-28, Mon 08-31 → deemed accepted 09-01T00:00,
    i.e. on 08-31.  release_bond: 09-01 .. Wed 09-30, due 10-01T00:00; handover: one month → Wed 09-30, due
    10-01T00:00.  (Counted from 09-01 both would land in National Day and move to 10-08.)"""
    report = run(seed, [SIGN, BOND, {"id": "ap", "type": "acceptance_applied", "at": "2026-08-17T10:00:00+08:00"}],
                 "2026-11-01")
    assert {o["name"]: o["due"] for o in report["obligations"] if o["name"] in ("release_bond", "handover")} == {
        "release_bond": "2026-10-01T00:00:00+08:00", "handover": "2026-10-01T00:00:00+08:00"}


def test_passing_the_earliest_delivered_of_two_interruption_notices_starts_the_five_days(seed):
    """PASSING.  Sub-project 3 interrupted (supplier) Mon 2025-11-10 09:00.  甲方 sends local express Mon 11-10 10:00
    (deemed Thu 11-13) and a fax Tue 11-11 10:00 (delivered then).  The fax arrived first: 5 days 11-12 .. Sun 11-16
    → Mon 11-17, due 11-18T00:00; ¥1,757.00.  A personal notice sent 11-10 23:00, signed 11-11 00:30, is received on
    11-11: the same due."""
    s = {"id": "s", "type": "service_interruption_started", "at": "2025-11-10T09:00:00+08:00", "subproject": 3,
         "cause": "supplier"}
    n = {"type": "notice_sent", "from": "甲方", "to": "乙方", "subject": "service_interruption", "ref": "s"}
    two = [SIGN, BOND, s, dict(n, id="n1", at="2025-11-10T10:00:00+08:00", method="express"),
           dict(n, id="n2", at="2025-11-11T10:00:00+08:00", method="fax")]
    report = run(seed, two, "2025-12-01")
    o = _one(report, "resolve_interruption")
    assert (o["triggered_at"], o["due"], o["status"]) == ("2025-11-11T10:00:00+08:00", "2025-11-18T00:00:00+08:00",
                                                          "violated")
    assert _remedy(report, "interruption_damages") == ("2025-11-18T00:00:00+08:00", "1757.00")
    night = [SIGN, BOND, s, dict(n, id="n1", at="2025-11-10T23:00:00+08:00", method="personal",
                                 signed_at="2025-11-11T00:30:00+08:00")]
    assert _one(run(seed, night, "2025-12-01"), "resolve_interruption")["due"] == "2025-11-18T00:00:00+08:00"


def test_passing_the_two_hours_of_a_leak_notice_cross_midnight_to_the_second(seed):
    """PASSING.  乙方 finds a supplier-caused leak Mon 2025-11-10 23:00; 2 hours → Tue 01:00, inclusive (第1259条).
    Fax at 01:00:00 in time, at 01:00:01 late; with no notice, as_of 01:00:00 → active, 01:00:01 → violated."""
    leak = {"id": "d", "type": "data_leak_discovered", "at": "2025-11-10T23:00:00+08:00", "cause": "supplier"}
    fax = {"id": "n", "type": "notice_sent", "from": "乙方", "to": "甲方", "subject": "data_leak", "method": "fax",
           "ref": "d"}
    for at, status in (("2025-11-11T01:00:00+08:00", "fulfilled"), ("2025-11-11T01:00:01+08:00", "violated")):
        o = _one(run(seed, [SIGN, leak, dict(fax, at=at)], "2025-12-01"), "breach_notice")
        assert (o["due"], o["status"]) == ("2025-11-11T01:00:00+08:00", status)
    for as_of, status in (("2025-11-11T01:00:00+08:00", "active"), ("2025-11-11T01:00:01+08:00", "violated")):
        assert _one(run(seed, [SIGN, leak], as_of), "breach_notice")["status"] == status


def test_passing_the_same_payment_fact_twice_counts_once(seed):
    """PASSING.  Installment 1 due 2025-08-05T00:00 (tests/seedfacts.py).  One payment of ¥1,745,000.00 on 07-20 is
    listed twice with the same id — also written with another offset (07-20T02:00Z) or as "1745000": one fact, half
    paid, so violated; 乙方's power from 08-20T00:00; damages 08-05 .. 09-01 = 28 days × ¥6,980.00 = ¥195,440.00."""
    from seedfacts import PAY_1
    half = {"id": "p", "type": "payment_made", "at": "2025-07-20T10:00:00+08:00", "installment": 1,
            "amount": "1745000.00"}
    for twin in (half, dict(half, at="2025-07-20T02:00:00Z"), dict(half, amount="1745000")):
        report = run(seed, PAY_1 + [half, twin], "2025-09-01")
        assert _one(report, "pay_installment_1")["status"] == "violated"
        assert _remedy(report, "supplier_termination") == ("2025-08-20T00:00:00+08:00", "349000.00")
        assert _remedy(report, "late_payment_damages") == ("2025-08-05T00:00:00+08:00", "195440.00")
