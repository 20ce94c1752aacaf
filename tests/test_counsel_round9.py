"""Opposing counsel, round 9: wrong verdicts found on the seed contract, counted by hand.

Tests marked DEFECT fail until the engine is fixed; tests marked PASSING cover a new adversarial angle and hold
today.  Contract: shared/seeds/000_2fd1bbbed6f06600.txt; counting: shared/spec/time-and-law.md.  Calendar days used
(chinese_calendar 1.11.0): 2025 — Wed 09-10, Sat 09-20, Wed 10-01 (National Day, off 10-01 .. 10-08), Fri 12-05,
Wed 12-10, Sat 12-20.  2026 — Thu 03-05, Fri 03-06, Sat 03-07, Sun 03-08 rest, Mon 03-09 working; Thu 10-01 ..
Wed 10-07 National Day off, Thu 10-08 working.
"""
from __future__ import annotations

import json

from test_counsel_round7 import SIGN, codes, rows, run  # (the seed fixture: conftest.py)


# ---------------------------------------------------------------- 1. DEFECT: 10.2 — one change's notice credited to another
def test_a_notice_given_for_the_december_address_change_is_not_spent_on_the_september_one(seed):
    """DEFECT.  10.2: "如任何一方的地址有变更时，须在变更前10日以书面形式通知对方".  乙方 changes its address twice:
    Sat 2025-09-20 and Sat 2025-12-20.  Last days to notify (counted back, not moved): Wed 09-10 and Wed 12-10, so
    due 09-11T00:00 and 12-11T00:00.  乙方 sends one notice, by fax Fri 2025-12-05 10:00 (delivered then, 10.3.2),
    subject address_change, ref "a2" — it says it is about the December change, 15 days ahead of it.
    Right answer: the September change was never notified in time → violated; the December one was notified on
    12-05, before 12-10 24:00 → fulfilled.
    The engine (`counting earlier exclusively` gives the notice to the earliest duty still open): it spends the
    December notice on the September change ("逾期履行：2025年12月5日10时") and reports the December change violated
    ("未见履行") — two breaches where there is one, and a notice credited against its own ref."""
    facts = [SIGN,
             {"id": "a1", "type": "address_changed", "at": "2025-09-20T10:00:00+08:00", "party": "乙方"},
             {"id": "a2", "type": "address_changed", "at": "2025-12-20T10:00:00+08:00", "party": "乙方"},
             {"id": "n", "type": "notice_sent", "at": "2025-12-05T10:00:00+08:00", "from": "乙方", "to": "甲方",
              "subject": "address_change", "method": "fax", "ref": "a2"}]
    report = run(seed, facts, "2026-01-10")
    got = {o["trigger"]: (o["status"], o["due"], o["fulfilled_at"]) for o in rows(report, "address_change_notice")}
    assert got["a2"] == ("fulfilled", "2025-12-11T00:00:00+08:00", "2025-12-05T10:00:00+08:00")
    assert got["a1"][:2] == ("violated", "2025-09-11T00:00:00+08:00")


# ---------------------------------------------------------------- 2. DEFECT: the lapse of 8.4's power explained twice
def test_the_lapse_of_the_force_majeure_power_is_explained_once_in_each_holders_row(seed):
    """DEFECT (wording).  8.4: a force majeure Wed 2025-10-01 10:00 (乙方 cannot perform) gives both parties the power
    to end the contract; neither uses it.  第564条第2款, one year: start Thu 10-02, corresponding day Thu 2026-10-01 —
    National Day, off 10-01 .. 10-07 — so the last day is Thu 10-08 (第203条) and the power lapses at
    2026-10-09T00:00.  The engine gets the status and the instant right ("lapsed"), but each holder's row (甲方 and
    乙方) gives the lapse and its whole day count twice: "解除权消灭：…至 2026年10月8日24时 届满" followed by 第201/202/
    203条 lines, then the same five lines again (steps power_lapsed … last_day_ends repeated).  3.1.3's and 8.3's
    lapsed rows (one holder each) say it once."""
    facts = [SIGN, {"id": "fm", "type": "force_majeure_occurred", "at": "2025-10-01T10:00:00+08:00", "party": "乙方"}]
    report = run(seed, facts, "2026-10-09")
    powers = [r for r in report["remedies"] if r["name"] == "force_majeure_termination"]
    assert sorted(r["holder"] for r in powers) == ["乙方", "甲方"]
    for r in powers:
        assert r["status"] == "lapsed"
        lapse = [b for b in r["because"] if b.startswith("解除权消灭")]
        assert len(lapse) == 1, r["because"]
        assert "2026年10月8日24时" in lapse[0]
        assert len(r["because"]) == len(set(r["because"])), r["because"]


# ---------------------------------------------------------------- 3. DEFECT: interface codes in the Chinese report
def test_a_notices_subject_is_not_shown_as_an_english_code_in_the_chinese_report(seed):
    """DEFECT (wording).  A force majeure Thu 2026-03-05 14:00 (乙方); 乙方's notice by local express the same day 15:00,
    deemed delivered on the 3rd day, Sun 03-08 (10.3.3, not moved); the 2 days of 8.4 end on Sat 03-07, a rest day,
    so the last day is Mon 03-09 (第203条) → due 2026-03-10T00:00: fulfilled (the engine agrees).  But the Chinese
    reasons legal staff read describe the notice as "发出书面通知（发件方 乙方，收件方 甲方，事由 force_majeure，…）":
    the interface code (one of the four fixed subjects: force_majeure, data_leak, service_interruption,
    address_change) printed raw, where the termination ground next to it is translated ("理由：不可抗力")."""
    facts = [SIGN, {"id": "fm", "type": "force_majeure_occurred", "at": "2026-03-05T14:00:00+08:00", "party": "乙方"},
             {"id": "n", "type": "notice_sent", "at": "2026-03-05T15:00:00+08:00", "from": "乙方", "to": "甲方",
              "subject": "force_majeure", "method": "express", "ref": "fm"}]
    report = run(seed, facts, "2026-03-20")
    (o,) = rows(report, "force_majeure_notice")
    assert (o["status"], o["due"], o["fulfilled_at"]) == ("fulfilled", "2026-03-10T00:00:00+08:00",
                                                          "2026-03-08T00:00:00+08:00")
    (d,) = [e for e in report["events"] if e["name"] == "notice_delivered"]
    assert not [b for b in d["because"] if "force_majeure" in b], d["because"]


# ---------------------------------------------------------------- PASSING: new adversarial angles that hold today
def test_passing_a_part_paid_within_fifteen_days_does_not_defeat_the_suppliers_power(seed):
    """PASSING.  2.2(1)'s conditions complete Fri 2025-07-04 10:00; 30 days → Sun 08-03 → Mon 08-04, due 08-05T00:00.
    甲方 pays ¥1,000,000.00 on 08-10 (within the 15 days 08-05 … 08-19) and the rest ¥2,490,000.00 on 09-01.  Not paid
    in full when the 15th late day ended: 乙方's 8.3 power from 08-20T00:00, and the later completion does not undo it
    at an as_of after it.  Damages 08-05 … 09-01 = 27 + 1 = 28 days × ¥6,980.00 = ¥195,440.00."""
    from seedfacts import PAY_1
    facts = PAY_1 + [
        {"id": "p1", "type": "payment_made", "at": "2025-08-10T10:00:00+08:00", "installment": 1, "amount": "1000000.00"},
        {"id": "p2", "type": "payment_made", "at": "2025-09-01T10:00:00+08:00", "installment": 1, "amount": "2490000.00"}]
    report = run(seed, facts, "2025-09-10")
    got = {r["name"]: (r["since"], r["amount"]) for r in report["remedies"]}
    assert got["supplier_termination"] == ("2025-08-20T00:00:00+08:00", "349000.00")
    assert got["late_payment_damages"] == ("2025-08-05T00:00:00+08:00", "195440.00")


def test_passing_local_express_can_meet_the_two_days_of_8_4_when_a_weekend_moves_their_end(seed):
    """PASSING.  time-and-law.md says a 2-day notice "cannot be met by express or registered mail at all" — not so when
    第203条 moves the end: force majeure Thu 2026-03-05 14:00; 2 days → Sat 03-07 (rest; Sun 03-08 rest) → Mon 03-09,
    due 03-10T00:00; local registered mail posted the same day is deemed delivered on the 3rd day, Sun 03-08
    (10.3.4, not moved): in time."""
    facts = [SIGN, {"id": "fm", "type": "force_majeure_occurred", "at": "2026-03-05T14:00:00+08:00", "party": "乙方"},
             {"id": "n", "type": "notice_sent", "at": "2026-03-05T16:00:00+08:00", "from": "乙方", "to": "甲方",
              "subject": "force_majeure", "method": "registered_mail", "ref": "fm"}]
    (o,) = rows(run(seed, facts, "2026-03-20"), "force_majeure_notice")
    assert (o["status"], o["due"], o["fulfilled_at"]) == ("fulfilled", "2026-03-10T00:00:00+08:00",
                                                          "2026-03-08T00:00:00+08:00")


def test_passing_an_earlier_interruptions_resolution_does_not_resolve_a_later_one(seed):
    """PASSING.  Sub-project 3 (¥175,700.00) is interrupted Mon 2025-11-03 09:00 and resolved Tue 11-04; interrupted
    again Mon 11-10 09:00 and never resolved; 甲方's fax 11-10 10:00.  8.2: 5 days 11-11 … Sat 11-15 → Mon 11-17, due
    11-18T00:00: violated, ¥1,757.00 (1%).  2.1(3) "超5日": 11-11 … 11-15 (not moved) → bond_deduction from
    11-16T00:00.  The 11-04 resolution does not count for the second interruption."""
    facts = [SIGN,
             {"id": "g", "type": "guarantee_submitted", "at": "2025-07-15T10:00:00+08:00", "purpose": "performance",
              "amount": "349000.00", "valid_until": "2026-12-31"},
             {"id": "s1", "type": "service_interruption_started", "at": "2025-11-03T09:00:00+08:00", "subproject": 3,
              "cause": "supplier"},
             {"id": "r1", "type": "service_interruption_resolved", "at": "2025-11-04T09:00:00+08:00", "subproject": 3},
             {"id": "s2", "type": "service_interruption_started", "at": "2025-11-10T09:00:00+08:00", "subproject": 3,
              "cause": "supplier"},
             {"id": "n2", "type": "notice_sent", "at": "2025-11-10T10:00:00+08:00", "from": "甲方", "to": "乙方",
              "subject": "service_interruption", "method": "fax", "ref": "s2"}]
    report = run(seed, facts, "2025-12-01")
    (o,) = rows(report, "resolve_interruption")
    assert (o["trigger"], o["status"], o["due"]) == ("s2", "violated", "2025-11-18T00:00:00+08:00")
    got = {r["name"]: (r["since"], r["amount"]) for r in report["remedies"]}
    assert got == {"bond_deduction": ("2025-11-16T00:00:00+08:00", None),
                   "interruption_damages": ("2025-11-18T00:00:00+08:00", "1757.00")}


def test_passing_facts_at_one_instant_as_a_termination_give_the_same_report_in_either_order(seed):
    """PASSING.  A termination by agreement Wed 2025-09-10 10:00 and, at that very instant, a security incident, a
    force majeure and a supplier-caused interruption: listed before or after the termination, the report is the same
    (the incident's 2 hours and the force majeure's 2 days — Thu 09-11, Fri 09-12, due 09-13T00:00 — are
    discharged)."""
    t_ = "2025-09-10T10:00:00+08:00"
    facts = [SIGN, {"id": "i", "type": "security_incident_found", "at": t_},
             {"id": "fm", "type": "force_majeure_occurred", "at": t_, "party": "乙方"},
             {"id": "s", "type": "service_interruption_started", "at": t_, "subproject": 3, "cause": "supplier"},
             {"id": "t", "type": "termination_notified", "at": t_, "party": "甲方", "ground": "agreement"}]
    a, b = run(seed, facts, "2025-12-01"), run(seed, [facts[0], facts[-1], *facts[1:-1]], "2025-12-01")
    key = lambda r: sorted(json.dumps({k: v for k, v in o.items() if k not in ("steps", "because")}, sort_keys=True,
                                      ensure_ascii=False) for o in r["obligations"] + r["remedies"] + r["events"])
    assert key(a) == key(b)
    got = {o["name"]: (o["status"], o["due"]) for o in a["obligations"] if o["trigger"] in ("i", "fm")}
    assert got == {"security_incident_notice": ("discharged", "2025-09-10T12:00:00+08:00"),
                   "force_majeure_notice": ("discharged", "2025-09-13T00:00:00+08:00")}
