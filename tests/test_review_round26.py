"""Fresh review, round 26: the changes c9dfbbf..HEAD (after_unknown_time, time_unknown triggers, bare_latest_start,
bare_unmatched / take_effect, matched_before_effect).  Seed contract, SIGN Fri 2025-06-27 10:00 (11.1).  Every
report is checked equal on the reference and the durable backend (seedfacts.on_both_backends).

Calendar: Sat/Sun 2025-09-06/07 rest; 2025-10-01..08 National Day; Sat 10-11 make-up working day.
Each case was a strict xfail (a defect) when written; all were fixed the same session (the comments say how).
"""
from __future__ import annotations

import json

import pytest

import seedfacts
from seedfacts import fact as f, notice, on_both_backends

SIGN = {"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}
OUTAGE = {"id": "s", "type": "service_interruption_started", "at": "2025-09-01T09:00:00+08:00", "subproject": 3,
          "cause": "supplier"}


def express_out(id_, at, ref="s", subject="service_interruption"):
    return notice(id_, at, "甲方", "乙方", subject, "express", ref, local=False)


def fax(id_, at, ref="s", subject="service_interruption", frm="甲方", to="乙方"):
    return notice(id_, at, frm, to, subject, "fax", ref)


def report(seed, facts, as_of):
    return on_both_backends(seed, [json.dumps(x, ensure_ascii=False) for x in facts], as_of)


def rows(rep, name, kind="obligations"):
    return seedfacts.rows(rep, kind, name)


# ------------------------------------------------------------------ 1. a termination between the two notices
# Letter outside the city Mon 09-01 10:00 (delivery unknown), 甲方 terminates (public interest, 3.1.3) at `t`, fax
# Tue 09-02 10:00.  Either the letter arrived before the termination (duty arose, then discharged: 第566条) or after
# it (no duty: the contract had ended).  Never violated, never ¥1,757.00 of 8.2 damages.  The engine revived the
# undetermined duty at the fax, after the end: violated, damages held (fixed: not revived where the contract ended
# before the known trigger, or a termination was left undetermined on that duty meanwhile).  (Without the letter:
# inactive.)
@pytest.mark.parametrize("t", ["2025-09-01T15:00:00+08:00", "2025-09-01T10:00:00+08:00", "2025-09-02"])
def test_a_termination_between_the_letter_and_the_fax_leaves_no_breach(seed, t):
    rep = report(seed, [SIGN, OUTAGE, express_out("ne", "2025-09-01T10:00:00+08:00"),
                        f("t", "termination_notified", t, party="甲方", ground="public_interest"),
                        fax("nf", "2025-09-02T10:00:00+08:00")], "2025-10-20")
    (o,) = rows(rep, "resolve_interruption")
    assert o["status"] in ("discharged", "inactive", "undetermined")
    assert rows(rep, "interruption_damages", "remedies") == []


def test_passing_termination_before_the_fax_alone_gives_no_duty(seed):
    rep = report(seed, [SIGN, OUTAGE, f("t", "termination_notified", "2025-09-01T15:00:00+08:00", party="甲方",
                                        ground="public_interest"), fax("nf", "2025-09-02T10:00:00+08:00")],
                 "2025-10-20")
    assert rows(rep, "resolve_interruption")[0]["status"] == "inactive"


# ------------------------------------------------------------------ 2. decided under every reading, dues differ
# Letter Fri 09-05 10:00, fax Mon 09-08 10:00.  Delivered 09-05: 09-06..09-10 → due 09-11T00:00; delivered by the fax
# 09-08: 09-09..Sat 09-13 → Mon 09-15 → due 09-16T00:00.  Resolved Tue 09-09 10:00: in time whatever the reading →
# fulfilled.  Unresolved at 10-20: late whatever the reading → violated (due at the latest 09-16T00:00).  The engine
# said undetermined, due null, in both (fixed: the duty ends between the two ends, as a period from a fact of its day
# alone — ``after_unknown_time``'s window).
@pytest.mark.parametrize("resolved, status", [("2025-09-09T10:00:00+08:00", "fulfilled"), (None, "violated")])
def test_a_verdict_common_to_every_reading_is_given(seed, resolved, status):
    facts = [SIGN, OUTAGE, express_out("ne", "2025-09-05T10:00:00+08:00"), fax("nf", "2025-09-08T10:00:00+08:00")]
    if resolved:
        facts.append(f("r", "service_interruption_resolved", resolved, subproject=3))
    assert rows(report(seed, facts, "2025-10-20"), "resolve_interruption")[0]["status"] == status


# Same with hours (附件2 三.5, leak found by 甲方 Mon 11-10 09:00): 甲方's letter 10:00 (unknown), fax 10:30; the
# two hours end between 12:00 and 12:30.  乙方's fax at 11:00 is in time for every reading → fulfilled.
def test_a_leak_notice_in_time_for_every_reading_is_fulfilled(seed):
    rep = report(seed, [SIGN, f("d", "data_leak_discovered", "2025-11-10T09:00:00+08:00", cause="supplier",
                                found_by="甲方"),
                        express_out("ne", "2025-11-10T10:00:00+08:00", "d", "data_leak"),
                        fax("nf", "2025-11-10T10:30:00+08:00", "d", "data_leak"),
                        fax("y", "2025-11-10T11:00:00+08:00", "d", "data_leak", frm="乙方", to="甲方")], "2025-12-01")
    (o,) = rows(rep, "breach_notice")
    assert (o["status"], o["fulfilled_at"]) == ("fulfilled", "2025-11-10T11:00:00+08:00")


# ------------------------------------------------------------------ 3. a day-alone outage on the signing day
# Outage "2025-06-27" (day alone; convention: after the effect), unresolved.  One interruption, one ground of 2.1(3):
# one bond_deduction row (from 07-03T00:00), and — no performance bond held — deduction_without_bond, as a leak of
# that day gets.  The engine gave two rows (trigger "sign": the before-effect reading; trigger "s": the after-effect
# reading added by bare_unmatched) and no deduction_without_bond (fixed: the rules' before-effect line leaves a fact of
# the effect's own day alone; bare_unmatched asks findings with an `unless` as they would have been asked).
def test_a_day_alone_outage_of_the_signing_day_is_one_ground(seed):
    rep = report(seed, [SIGN, f("s", "service_interruption_started", "2025-06-27", subproject=3, cause="supplier")],
                 "2025-12-01")
    assert len(rows(rep, "bond_deduction", "remedies")) == 1
    assert "deduction_without_bond" in {x["code"] for x in rep["findings"]}


# ------------------------------------------------------------------ guards that held
@pytest.mark.parametrize("order", [0, 1])
def test_passing_letter_and_fax_at_one_instant(seed, order):
    notes = [express_out("ne", "2025-09-02T10:00:00+08:00"), fax("nf", "2025-09-02T10:00:00+08:00")]
    if order:
        notes.reverse()
    o = rows(report(seed, [SIGN, OUTAGE, *notes], "2025-10-20"), "resolve_interruption")[0]
    assert (o["status"], o["due"]) == ("violated", "2025-09-09T00:00:00+08:00")


def test_passing_holiday_same_due(seed):
    # letter Fri 09-26: last day 10-01 (holiday) → Thu 10-09; fax Sat 10-04: last day 10-09 → due 10-10T00:00 either way
    o = rows(report(seed, [SIGN, OUTAGE, express_out("ne", "2025-09-26T10:00:00+08:00"),
                           fax("nf", "2025-10-04T10:00:00+08:00")], "2025-10-20"), "resolve_interruption")[0]
    assert (o["status"], o["due"]) == ("violated", "2025-10-10T00:00:00+08:00")


def test_passing_two_letters_of_unknown_delivery_stay_undetermined(seed):
    o = rows(report(seed, [SIGN, OUTAGE, express_out("ne1", "2025-09-01T10:00:00+08:00"),
                           express_out("ne2", "2025-09-01T11:00:00+08:00")], "2025-10-20"), "resolve_interruption")[0]
    assert (o["status"], o["triggered_at"], o["due"]) == ("undetermined", None, None)
