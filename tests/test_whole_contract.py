"""The rest of the seed contract (issue: the whole contract in rules), counted by hand."""
from pathlib import Path

import pytest

from engine.api import compile_rules
from seedfacts import lines, rows

SEED_TEXT = (Path(__file__).resolve().parent.parent / "rules" / "gzmz-2025-it-ops.qy").read_text(encoding="utf-8")


SIGNED = {"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}


def test_security_incident_is_notified_within_the_assumed_two_hours(seed):
    facts = [SIGNED, {"id": "inc", "type": "security_incident_found", "at": "2026-04-10T09:00:00+08:00"},
             {"id": "n", "type": "notice_sent", "at": "2026-04-10T10:30:00+08:00", "from": "乙方", "to": "甲方",
              "subject": "security_incident", "method": "fax", "ref": "inc"}]
    (o,) = rows(seed.evaluate(lines(facts), "2026-04-11"), "obligations", "security_incident_notice")
    assert (o["status"], o["due"], o["clause"]) == ("fulfilled", "2026-04-10T11:00:00+08:00", "附件2 三.4")


def test_confidentiality_runs_until_three_years_after_the_cooperation(seed):
    # cooperation ends with the service year at 24:00 Sat 2026-06-27; 3 years as a term from
    # that day: last day Wed 2029-06-27 → the duty ends 2029-06-28T00:00 (no calendar needed)
    (o,) = rows(seed.evaluate(lines([SIGNED]), "2026-07-20"), "obligations", "confidentiality")
    assert (o["status"], o["due"], o["debtor"]) == ("active", "2029-06-28T00:00:00+08:00", "乙方")
    breach = {"id": "b", "type": "confidentiality_breach", "at": "2027-01-05T10:00:00+08:00", "party": "乙方"}
    (o,) = rows(seed.evaluate(lines([SIGNED, breach]), "2027-02-01"), "obligations", "confidentiality")
    assert o["status"] == "violated"
    other = dict(breach, party="甲方", id="b2")
    (o,) = rows(seed.evaluate(lines([SIGNED, other]), "2029-07-01"), "obligations", "confidentiality")
    assert (o["status"], o["fulfilled_at"]) == ("fulfilled", "2029-06-28T00:00:00+08:00")


def test_failed_acceptance_calls_for_a_new_application(seed):
    facts = [SIGNED, {"id": "h", "type": "acceptance_held", "at": "2026-07-10T10:00:00+08:00", "passed": False}]
    report = seed.evaluate(lines(facts), "2026-08-20")
    (o,) = rows(report, "obligations", "resubmit_acceptance")
    # rectification_term 30 days from Fri 07-10: last day Sun 08-09 → Mon 08-10 → due 08-11T00:00
    assert (o["status"], o["due"], o["debtor"]) == ("violated", "2026-08-11T00:00:00+08:00", "乙方")
    assert [r["holder"] for r in rows(report, "remedies", "bond_deduction")] == ["甲方"]
    again = facts + [{"id": "a", "type": "acceptance_applied", "at": "2026-07-31T10:00:00+08:00"}]
    report = seed.evaluate(lines(again), "2026-08-20")
    (o,) = rows(report, "obligations", "resubmit_acceptance")
    assert o["status"] == "fulfilled"
    # the second application is reviewed like the first (5.2.3 二次验收): 10 working days
    (r,) = rows(report, "obligations", "acceptance_review")
    assert (r["trigger"], r["due"]) == ("a", "2026-08-15T00:00:00+08:00")  # 08-03..07, 08-10..14


def test_force_majeure_gives_each_party_a_termination_right_and_the_affected_one_an_excuse(seed):
    fm = {"id": "fm", "type": "force_majeure_occurred", "at": "2026-03-03T14:00:00+08:00", "party": "乙方"}
    report = seed.evaluate(lines([SIGNED, fm]), "2026-03-20")
    assert sorted(r["holder"] for r in rows(report, "remedies", "force_majeure_termination")) == ["乙方", "甲方"]
    assert rows(report, "remedies", "force_majeure_excuse") == []  # not automatic: needs the certificate
    cert = {"id": "c", "type": "force_majeure_certified", "at": "2026-03-10T10:00:00+08:00", "ref": "fm"}
    (r,) = rows(seed.evaluate(lines([SIGNED, fm, cert]), "2026-03-20"), "remedies", "force_majeure_excuse")
    assert (r["holder"], r["since"]) == ("乙方", "2026-03-10T10:00:00+08:00")


def test_public_interest_harm_gives_the_buyer_a_right_to_terminate(seed):
    harm = {"id": "x", "type": "public_interest_harm_found", "at": "2026-02-02T10:00:00+08:00"}
    (r,) = rows(seed.evaluate(lines([SIGNED, harm]), "2026-03-01"), "remedies", "buyer_termination")
    assert (r["holder"], r["clause"]) == ("甲方", "3.1.3")


def test_check_lists_the_open_points_of_the_contract_with_their_clauses(seed):
    points: dict[str, str] = {}
    for f in seed.findings:
        if f.code == "open_point":
            points[f.clause] = points.get(f.clause, "") + f.message
    assert "payment_term" in points["8.3"]                 # 8.3 needs a payment term 2.2 never fixes
    assert "delivery_outside_city" in points["10.3"]       # deemed delivery outside the city
    assert "interruption_damages_basis" in points["8.2"]   # 1% once or per day
    assert "interruption_grace" in points["2.1(3)"]        # 超5日: calendar days or 24-hour spans
    assert all(f.severity == "info" for f in seed.findings if f.code == "open_point")
    (words,) = [f for f in seed.findings if f.code == "amount_words_mismatch"]
    assert words.clause == "附件1" and "6,988,000.00" in words.message


def test_installments_that_do_not_add_up_are_a_finding_not_an_error():
    text = SEED_TEXT.replace('param installment_3 "第三期款（30%）" = 30% of total  stated ¥2,094,000.00',
                             'param installment_3 "第三期款（30%）" = 25% of total  stated ¥2,094,000.00')
    compiled = compile_rules(text, "edited.qy")
    codes = {f.code for f in compiled.findings}
    assert {"contract_inconsistency", "stated_amount_mismatch"} <= codes
    (bad,) = [f for f in compiled.findings if f.code == "contract_inconsistency"]
    assert "合计等于合同金额" in bad.message


def test_annex_1_lists_all_29_subprojects_as_the_contract_states_them(seed):
    (table,) = seed.checked.rules.tables
    assert [r.key for r in table.rows] == list(range(1, 30))
    cols = [c.name for c in table.columns]
    rows = {r.key: dict(zip(cols, r.values)) for r in table.rows}
    from decimal import Decimal
    assert sum(r["budget"] for r in rows.values()) == Decimal("6980000.00") == table.total
    # a few lines read straight from 附件1
    assert rows[1]["budget"] == Decimal("80000.00") and rows[1]["category"] == "链路及短信租用"
    assert rows[2]["budget"] == Decimal("1373071") + Decimal("646500") + Decimal("674929")  # 云安全 three parts
    assert (rows[15]["staff"], rows[15]["budget"]) == (2, Decimal("300000.00"))
    assert (rows[25]["staff"], rows[25]["budget"]) == (2, Decimal("463200.00"))
    assert rows[29]["budget"] == Decimal("100000.00")


# ---------------------------------------------------------------- opposing counsel, round 3

def test_an_acceptance_held_within_the_review_period_answers_the_application(seed):
    # application Mon 06-29; no review record, but the experts met Fri 07-10 (failed), before the
    # review's end (10 working days: 06-30, 07-01..03, 07-06..10, 07-13 → due 07-14T00:00):
    # 甲方 did organise the acceptance, so nothing is deemed (5.2.3); the failure stands
    facts = [SIGNED, {"id": "ap", "type": "acceptance_applied", "at": "2026-06-29T10:00:00+08:00"},
             {"id": "h", "type": "acceptance_held", "at": "2026-07-10T10:00:00+08:00", "passed": False}]
    report = seed.evaluate(lines(facts), "2026-09-30")
    (review,) = rows(report, "obligations", "acceptance_review")
    assert (review["status"], review["fulfilled_at"]) == ("fulfilled", "2026-07-10T10:00:00+08:00")
    assert rows(report, "events", "deemed_acceptance") == []
    assert [o["status"] for o in rows(report, "obligations", "release_bond")] == ["inactive"]
    assert [r["holder"] for r in rows(report, "remedies", "bond_deduction")] == ["甲方"]
    (resubmit,) = rows(report, "obligations", "resubmit_acceptance")
    assert (resubmit["status"], resubmit["due"]) == ("violated", "2026-08-11T00:00:00+08:00")  # Sun 08-09 → Mon 08-10


def test_one_address_notice_announces_one_change(seed):
    # 10.2: a notice on 03-01 announces the change of 03-20 (due 03-11T00:00: fulfilled); the
    # change of 06-20 needed its own notice by 24:00 of 06-10 → violated
    facts = [SIGNED, {"id": "n", "type": "notice_sent", "at": "2026-03-01T10:00:00+08:00", "from": "乙方",
                      "to": "甲方", "subject": "address_change", "method": "fax"},
             {"id": "a", "type": "address_changed", "at": "2026-03-20", "party": "乙方"},
             {"id": "b", "type": "address_changed", "at": "2026-06-20", "party": "乙方"}]
    got = {o["trigger"]: (o["status"], o["due"]) for o in rows(seed.evaluate(lines(facts), "2026-06-25"),
                                                              "obligations", "address_change_notice")}
    assert got == {"a": ("fulfilled", "2026-03-11T00:00:00+08:00"), "b": ("violated", "2026-06-11T00:00:00+08:00")}


def test_an_acceptance_before_the_service_period_ended_has_no_consequence(seed):
    facts = [SIGNED, {"id": "h", "type": "acceptance_held", "at": "2026-05-10T10:00:00+08:00", "passed": True}]
    report = seed.evaluate(lines(facts), "2026-09-30")
    assert [o["status"] for o in rows(report, "obligations", "release_bond")] == ["inactive"]
    assert [o["status"] for o in rows(report, "obligations", "handover")] == ["inactive"]
    assert "premature_acceptance" in [f["code"] for f in report["findings"]]
    # 2.2(4): 甲方 must still organise the acceptance within 30 days of the service period's end
    (organize,) = rows(report, "obligations", "organize_acceptance")
    assert (organize["status"], organize["due"]) == ("violated", "2026-07-28T00:00:00+08:00")


def test_two_months_of_service_count_from_the_contract_when_staff_came_before_it(seed):
    # staff on site 06-20, contract in force 06-27 10:00 (1.4: the service period runs from
    # then); two months as a term from 06-27: last day 08-27 → passed at 08-28T00:00; 30 days
    # from 08-27: last day Fri 09-26 → due 09-27T00:00
    facts = [{"id": "st", "type": "staff_onsite", "at": "2025-06-20T09:00:00+08:00", "count": 2}, SIGNED,
             {"id": "m", "type": "midterm_report_approved", "at": "2025-08-01T10:00:00+08:00"},
             {"id": "ap", "type": "payment_application_received", "at": "2025-08-01T10:00:00+08:00",
              "installment": 2, "amount": "1396000.00"},
             {"id": "in", "type": "invoice_received", "at": "2025-08-01T11:00:00+08:00", "installment": 2,
              "amount": "1396000.00", "kind": "vat_ordinary"}]
    (o,) = rows(seed.evaluate(lines(facts), "2025-09-01"), "obligations", "pay_installment_2")
    assert (o["triggered_at"], o["due"]) == ("2025-08-28T00:00:00+08:00", "2025-09-27T00:00:00+08:00")


def test_a_year_no_calendar_knows_counts_the_known_days_as_they_are(seed_undetermined):
    seed = seed_undetermined
    # application Fri 2026-12-18: the 2026 working days 12-21..25, 28..31 are 9; the 10th is
    # 2027-01-01 at the earliest → due no earlier than 2027-01-02T00:00 (opposing counsel, round 4)
    signed = dict(SIGNED, at="2025-12-10T10:00:00+08:00")
    applied = {"id": "ap", "type": "acceptance_applied", "at": "2026-12-18T10:00:00+08:00"}
    review = {"id": "r", "type": "acceptance_review_completed", "at": "2026-12-30T10:00:00+08:00", "passed": True}
    (o,) = rows(seed.evaluate(lines([signed, applied]), "2026-12-29T12:00:00+08:00"), "obligations",
                "acceptance_review")
    assert (o["status"], o["due"], o["due_not_before"]) == ("active", None, "2027-01-02T00:00:00+08:00")
    report = seed.evaluate(lines([signed, applied, review]), "2027-03-01")
    (o,) = rows(report, "obligations", "acceptance_review")
    assert (o["status"], o["fulfilled_at"]) == ("fulfilled", "2026-12-30T10:00:00+08:00")
    # the meeting: 12-31 is working day 1, nine more from 2027-01-01 at the earliest → 01-10T00:00
    (m,) = rows(report, "obligations", "acceptance_meeting")
    assert (m["trigger"], m["status"], m["due_not_before"]) == ("r", "undetermined", "2027-01-10T00:00:00+08:00")


@pytest.mark.parametrize("inv3", ["inv3", "aaa"])
def test_a_duty_arising_from_conditions_names_the_fact_that_completed_them(seed, inv3):
    # the invoices for installments 2 and 3 and an unrelated arrival of staff at one instant: each
    # payment duty names its own invoice, whatever the ids
    facts = [SIGNED, {"id": "st", "type": "staff_onsite", "at": "2025-07-01T09:00:00+08:00", "count": 2},
             {"id": "m", "type": "midterm_report_approved", "at": "2025-08-29T10:00:00+08:00"},
             {"id": "g", "type": "guarantee_submitted", "at": "2025-08-29T10:00:00+08:00", "purpose": "prepayment",
              "amount": "2094000.00", "valid_until": "2026-12-31"},
             {"id": "a2", "type": "payment_application_received", "at": "2025-09-01T10:00:00+08:00",
              "installment": 2, "amount": "1396000.00"},
             {"id": "a3", "type": "payment_application_received", "at": "2025-09-01T10:00:00+08:00",
              "installment": 3, "amount": "2094000.00"}]
    at = "2025-09-03T10:00:00+08:00"
    facts += [{"id": "inv2", "type": "invoice_received", "at": at, "installment": 2, "amount": "1396000.00",
               "kind": "vat_ordinary"},
              {"id": inv3, "type": "invoice_received", "at": at, "installment": 3, "amount": "2094000.00",
               "kind": "vat_ordinary"},
              {"id": "zz", "type": "staff_onsite", "at": at, "count": 1}]
    report = seed.evaluate(lines(facts), "2025-09-30")
    assert [o["trigger"] for o in rows(report, "obligations", "pay_installment_2")] == ["inv2"]
    assert [o["trigger"] for o in rows(report, "obligations", "pay_installment_3")] == [inv3]


def test_an_exception_applies_from_the_moment_its_condition_holds(seed):
    # application Mon 06-29, no review: deemed accepted at 07-14T00:00; 2.2(4)'s duty to organise
    # the acceptance (due 07-28) is moot from that moment, not only when it falls due
    facts = [SIGNED, {"id": "ap", "type": "acceptance_applied", "at": "2026-06-29T10:00:00+08:00"}]
    for as_of, status in (("2026-07-13T23:00:00+08:00", "active"), ("2026-07-14T00:00:00+08:00", "excused")):
        (o,) = rows(seed.evaluate(lines(facts), as_of), "obligations", "organize_acceptance")
        assert o["status"] == status, as_of


def test_what_rests_on_an_undetermined_verdict_is_undetermined_too(seed_undetermined):
    seed = seed_undetermined
    # (opposing counsel, round 4) installment 1 invoiced 2026-12-05: 30 days end in 2027, which no
    # calendar knows → pay_installment_1 undetermined; 乙方's notice of 2027-01-20 on late payment
    # then neither ends the contract nor is refused: its effect is undetermined
    facts = [dict(SIGNED, at="2026-06-01T10:00:00+08:00"),
             {"id": "st", "type": "staff_onsite", "at": "2026-06-02T10:00:00+08:00", "count": 2},
             {"id": "pl", "type": "service_plan_submitted", "at": "2026-06-02T10:00:00+08:00"},
             {"id": "ap", "type": "payment_application_received", "at": "2026-06-03T10:00:00+08:00",
              "installment": 1, "amount": "3490000.00"},
             {"id": "in", "type": "invoice_received", "at": "2026-12-05T10:00:00+08:00", "installment": 1,
              "amount": "3490000.00", "kind": "vat_ordinary"},
             {"id": "t", "type": "termination_notified", "at": "2027-01-20T10:00:00+08:00", "party": "乙方",
              "ground": "late_payment"}]
    report = seed.evaluate(lines(facts), "2027-03-01")
    codes = [f["code"] for f in report["findings"]]
    assert "termination_undetermined" in codes and "termination_without_right" not in codes
    # an application of 2026-12-18 whose review runs into 2027, then a failed acceptance in 2027:
    # whether it was already deemed accepted is undetermined, so are the deduction and resubmission
    facts = [dict(SIGNED, at="2025-12-10T10:00:00+08:00"),
             {"id": "ap", "type": "acceptance_applied", "at": "2026-12-18T10:00:00+08:00"},
             {"id": "h", "type": "acceptance_held", "at": "2027-02-15T10:00:00+08:00", "passed": False}]
    report = seed.evaluate(lines(facts), "2027-03-01")
    assert [r["status"] for r in rows(report, "remedies", "bond_deduction")] == ["undetermined"]
    assert [o["status"] for o in rows(report, "obligations", "resubmit_acceptance")] == ["undetermined"]


def test_a_duty_a_notice_of_unfixed_delivery_may_perform_is_undetermined(seed):
    # 10.3 fixes no deemed delivery for express outside the city and there is no receipt: the
    # engine does not invent one; the 2-day notice duty (due 03-10T00:00) cannot be judged
    facts = [SIGNED, {"id": "fm", "type": "force_majeure_occurred", "at": "2026-03-05T14:00:00+08:00", "party": "乙方"},
             {"id": "n", "type": "notice_sent", "at": "2026-03-05T15:00:00+08:00", "from": "乙方", "to": "甲方",
              "subject": "force_majeure", "method": "express", "local": False, "ref": "fm"}]
    report = seed.evaluate(lines(facts), "2026-03-20")
    (o,) = rows(report, "obligations", "force_majeure_notice")
    assert (o["status"], o["due"]) == ("undetermined", "2026-03-10T00:00:00+08:00")
    assert "notice_delivery_undetermined" in [f["code"] for f in report["findings"]]
