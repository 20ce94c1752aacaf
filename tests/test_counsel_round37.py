"""Opposing counsel, round 37: arguing each side in turn on THE REPORT'S INSTANT AND ITS EDGES — `--as-of` at the last
second of a deadline and the first after, on a holiday, before the contract took effect, after it ended, and at the
end of the last year the official calendar knows; several instants from one replay (`evaluate_many`, `--as-of A,B,C`)
against each alone; the live evaluation (`qiyue watch`, `session`) fed the facts a finance system really sends (a
payment known by its date alone); the facts the interface refuses (unknown type, a field missing or out of range, one
id with two contents) and the ones it must take as one; the spec's own worked examples (time-and-law.md) counted again;
termination (第562–567条): what fell due before stays violated, what falls due after is discharged, what survives
survives; and the Chinese text report read as a lawyer reads it — an hour the record never gave.

Every expected figure is counted by hand from the contract (shared/seeds/000_2fd1bbbed6f06600.txt), the interface
(shared/spec/seed-contract-interface.md), the rules of time (shared/spec/time-and-law.md) and the law (民法典 第201–204、
502、562–567、1259条), with the official calendar (chinese_calendar.is_workday, checked by the first test):
  2025 — Fri 06-27, Tue 07-01, Fri 07-04, Mon 08-04, Tue 08-05, Wed 08-20, Mon 09-01, Tue 09-02 working; Sat 09-27
         off, Sun 09-28 a make-up working day, Mon 09-29 working; Wed 10-01 .. Wed 10-08 off (National Day / Mid-
         Autumn); Thu 10-09, Fri 10-10 working, Sat 10-11 a make-up working day, Sun 10-12 off, Mon 10-13 .. Fri 10-17,
         Mon 10-20, Tue 10-21 working; Sat 10-18, Sun 10-19 off.
  2026 — Tue 03-03, Thu 03-05 working; Sat 03-07, Sun 03-08 off; Mon 03-09 working; Wed 03-04 working; Fri 04-10
         working; Sat 06-27 off; Mon 06-29 .. Fri 07-03, Mon 07-06 .. Fri 07-10, Mon 07-13 working; Wed 08-12, Thu
         08-13 working; Mon 09-28, Tue 09-29, Wed 09-30 working; Thu 10-01 .. Wed 10-07 off; Thu 10-08, Fri 10-09
         working, Sat 10-10 a make-up working day, Mon 10-12 .. Fri 10-16 working; Mon 11-30 working; Mon 12-28 ..
         Thu 12-31 working; the package knows no year after 2026.

Conventions of the hand counts:
  SIGN    both sign Fri 2025-06-27 10:00 (11.1): in force from that instant (第502条).  The service year (1.4, a term, not
          moved) ends 24:00 Sat 2026-06-27 → service_end 2026-06-28T00:00.  2.1(1): 3 months → Sat 09-27 (rest) → Sun
          09-28 (make-up working day) → due 2025-09-29T00:00 (the spec's own example).
  PAY_1   (seedfacts) SIGN; 2 staff Tue 07-01 09:00, plan 07-02, application 07-03, invoice Fri 07-04 10:00 → owed from
          07-04 10:00; payment_term 30 days: 07-05 .. Sun 08-03 (rest) → Mon 08-04 → due 2025-08-05T00:00.  8.3:
          ¥6,980,000.00 × 0.1% = ¥6,980.00 for each day begun from 08-05; "逾期超出15天" 08-05 .. 08-19 (a term) → 乙方's
          power with 5% = ¥349,000.00 from 2025-08-20T00:00.
  INST_2  two months of service from the staff's arrival Tue 2025-07-01 09:00 (a term, 第201–202条) have passed at
          2025-09-02T00:00 (the spec's example); with the mid-term report approved 08-29 and the application and invoice
          for ¥1,396,000.00 on Mon 09-01, installment 2 is owed from 2025-09-02T00:00 (24:00 of 09-01, "属于该日"):
          30 days 09-02 .. Wed 10-01 (holiday, through 10-08) → Thu 10-09 → due 2025-10-10T00:00.
  DEC26   a contract signed Fri 2026-06-26 10:00, installment 1's conditions complete Mon 2026-11-30 10:00: 30 days
          12-01 .. Wed 12-30 (working) → due 2026-12-31T00:00 — a day of the known calendar.

Defects found (strict xfail; no engine or rule patch this round):
  1. The summary's "10个工作日内到期" (the README: "what falls due in the next 10 working days") says 0 from about
     2026-12-18 on, because the count of 10 working days runs into 2027, a year the calendar package does not know —
     while ¥3,490,000.00 falls due at 24:00 on 2026-12-30, three working days away (12-17: listed; 12-28: gone).
  2. `qiyue watch` refuses (fact_before_clock) a payment known by its date alone ("2025-07-04", as a bank statement gives
     it) on the day of the invoice recorded at 10:00 — a stream in time order as far as its records go, which `eval`
     takes (and finds the installment paid) — and then reports installment 1 violated on 08-05, with 8.3's damages.
  3. The refusal of a fact known by its date alone, where it is rightly refused (a day before the clock's), says the
     fact "发生于 2025-08-05T00:00:00+08:00" — an hour the record never gave.
  4. `qiyue watch` stamps every change that follows from a fact known by its date alone at "…日0时": "2025年9月20日0时
     合同终止" for a termination recorded as "2025-09-20", where `eval` says "2025年9月20日（时刻不明）".
  5. The text report (eval) says, in the 8.3 power's and 8.4 power's reasons, "失效：合同已于 2025年9月20日0时 终止" and
     "解除权已于 2025年9月20日0时 未经行使而消灭" for that termination known by its date alone — its own header says
     "合同于 2025年9月20日（时刻不明） 终止".
  6. The text report says the 8.4 power used by that termination was "自 2025年9月10日0时 起享有" — the force majeure was
     recorded as "2025-09-10", and the remedy's own row says "自 2025年9月10日（时刻不明）".
  7. 5.2.3: the expert acceptance's duty, set off by a review recorded as "2026-07-03", gives as its reason "由
     2026年7月3日0时 审核验收申请已履行（源自 a）、2026年7月3日 甲方完成验收审核" — one instant worded two ways in one line.
  8. 10.2: an address change recorded as "2026-08-20" is counted back from "2026年8月20日0时" ("期限：须在 2026年8月20日0时
     之前 10日", "事件：2026年8月20日0时") — an hour the record never gave (the count itself, to 24:00 of 08-10, is right).
  9. 8.3 (medium confidence — the amount is the contract's, its presentation is the point): installment 1 unpaid from
     2025-08-05 to 2026-12-31 runs 514 days × ¥6,980.00 = ¥3,587,720.00 — more than the ¥3,490,000.00 paid late —
     with no word of 民法典第585条第2款 (违约金过分高于造成的损失的，人民法院可以根据当事人的请求予以适当减少; 合同编通则解释
     第65条: above 130% of the loss is "过分高于" as a rule), the argument 甲方's counsel opens with; the rule file
     states such judgment calls as caveats elsewhere (8.4).

Runs go through seedfacts.on_both_backends (the reference's report; the durable backend's must be the very same JSON
where durable_rules is installed); the text report and the watch through `python -m engine.cli` as a user runs them.
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from seedfacts import PAY_1, fact as f, lines, notice, on_both_backends, rows

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"


def T(day, hms="10:00:00"):
    return f"{day}T{hms}+08:00"


def Z(day):
    """00:00 of ``day`` — the end (24:00) of the day before."""
    return f"{day}T00:00:00+08:00"


SIGN = f("c", "contract_signed", T("2025-06-27"))
GUARANTEE = f("g", "guarantee_submitted", T("2025-07-15"), purpose="performance", amount="349000.00",
              valid_until="2026-12-31")
INST_2 = [f("mr", "midterm_report_approved", T("2025-08-29")),
          f("ap2", "payment_application_received", T("2025-09-01"), installment=2, amount="1396000.00"),
          f("in2", "invoice_received", T("2025-09-01", "10:30:00"), installment=2, amount="1396000.00",
            kind="vat_ordinary")]
DEC26 = [f("c", "contract_signed", T("2026-06-26")), f("s", "staff_onsite", T("2026-07-01", "09:00:00"), count=2),
         f("pl", "service_plan_submitted", T("2026-07-02")),
         f("g", "guarantee_submitted", T("2026-07-15"), purpose="performance", amount="349000.00",
           valid_until="2027-12-31"),
         f("ap", "payment_application_received", T("2026-11-27"), installment=1, amount="3490000.00"),
         f("in", "invoice_received", T("2026-11-30"), installment=1, amount="3490000.00", kind="vat_ordinary")]


def run(seed, facts, as_of):
    return on_both_backends(seed, lines(facts), as_of)


def live(rep, name):
    """(trigger, status, due, fulfilled_at) of each triggered row of one obligation."""
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in rows(rep, "obligations", name)
            if o["status"] != "inactive"]


def rem(rep, name):
    return [(r["status"], r["since"], r["amount"]) for r in rows(rep, "remedies", name)]


def codes(rep):
    return sorted(x["code"] for x in rep["findings"] if x["code"] not in ("open_point", "amount_words_mismatch"))


def write(tmp_path, facts, name="facts.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines(facts)) + "\n", encoding="utf-8")
    return path


def cli(*args, check=True):
    out = subprocess.run([sys.executable, "-m", "engine.cli", *args], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    if check:
        assert out.returncode == 0, out.stderr
    return out


def text_report(tmp_path, facts, as_of, *extra):
    return cli("eval", str(RULES), "--facts", str(write(tmp_path, facts)), "--as-of", as_of, "--format", "text",
               *extra).stdout


def summary(text):
    """The text report's 一、概要 section, up to 二、逐条."""
    return text.split("一、概要", 1)[1].split("二、逐条", 1)[0]


def refused(seed, facts):
    """The first diagnostic of the facts' refusal (QiyueError)."""
    from engine.diagnostics import QiyueError

    with pytest.raises(QiyueError) as exc:
        seed.evaluate(lines(facts), "2025-12-31")
    return exc.value.diagnostics[0]


# ======================================================================================================== calendar
def test_passing_the_calendar_days_of_the_hand_counts():
    import chinese_calendar as cc

    work = ["2025-06-27", "2025-07-01", "2025-07-04", "2025-08-04", "2025-08-05", "2025-08-20", "2025-09-01",
            "2025-09-02", "2025-09-28", "2025-09-29", "2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13",
            "2025-10-14", "2025-10-15", "2025-10-16", "2025-10-17", "2025-10-20", "2025-10-21",
            "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-09", "2026-04-10", "2026-06-29", "2026-06-30",
            "2026-07-01", "2026-07-02", "2026-07-03", "2026-07-06", "2026-07-07", "2026-07-08", "2026-07-09",
            "2026-07-10", "2026-07-13", "2026-07-14", "2026-07-15", "2026-07-16", "2026-07-17", "2026-08-10",
            "2026-08-12", "2026-08-13", "2026-09-28", "2026-09-29", "2026-09-30",
            "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15",
            "2026-10-16", "2026-11-30", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"]
    off = ["2025-09-27", "2025-10-01", "2025-10-03", "2025-10-08", "2025-10-12", "2025-10-18", "2025-10-19",
           "2026-03-07", "2026-03-08", "2026-06-27", "2026-10-01", "2026-10-07", "2026-10-11"]
    assert all(cc.is_workday(date.fromisoformat(d)) for d in work)
    assert not any(cc.is_workday(date.fromisoformat(d)) for d in off)
    assert [date.fromisoformat(d).weekday() for d in ("2025-09-28", "2025-10-11", "2026-10-10")] == [6, 5, 5]
    with pytest.raises(NotImplementedError):  # (the package stops at 2026: the year the summary's count runs into)
        cc.is_workday(date(2027, 1, 4))


# ======================================================================================================== the spec's examples
@pytest.mark.parametrize("event, due", [
    # time-and-law.md: Tue 2026-03-03 14:00, 2 days → 03-04, Thu 03-05 → due 2026-03-06T00:00
    (T("2026-03-03", "14:00:00"), Z("2026-03-06")),
    # Thu 2026-03-05 14:00, 2 days → 03-06, Sat 03-07 (rest) → Mon 03-09 → due 2026-03-10T00:00
    (T("2026-03-05", "14:00:00"), Z("2026-03-10")),
])
def test_passing_the_specs_two_day_examples_on_the_force_majeure_notice(seed, event, due):
    """8.4: the notice "在不可抗力事件发生后2日内" — the spec's table of 第201/203条, row by row."""
    rep = run(seed, [SIGN, f("fm", "force_majeure_occurred", event, party="乙方")], T("2026-03-20"))
    assert live(rep, "force_majeure_notice") == [("fm", "violated", due, None)]


def test_passing_the_specs_three_month_example_on_the_performance_bond(seed):
    """2.1(1): signed 2025-06-27 → 3 months → Sat 09-27 (rest) → Sun 09-28 is a make-up working day → due
    2025-09-29T00:00; a guarantee at 09-28 23:59:59 is in time, one at 09-29 00:00 is late (第203条第2款)."""
    for at, status in ((T("2025-09-28", "23:59:59"), "fulfilled"), (Z("2025-09-29"), "violated")):
        g = f("g", "guarantee_submitted", at, purpose="performance", amount="349000.00", valid_until="2026-12-31")
        rep = run(seed, [SIGN, g], T("2025-10-10"))
        assert [(s, d, x) for _, s, d, x in live(rep, "performance_bond")] == [(status, Z("2025-09-29"), at)]


@pytest.mark.parametrize("as_of, fax, status", [
    (T("2026-04-10", "10:59:59"), False, "active"),
    (T("2026-04-10", "11:00:00"), False, "active"),     # the end instant is still in time (第1259条)
    (T("2026-04-10", "11:00:01"), False, "violated"),
    (T("2026-04-10", "11:00:00"), True, "fulfilled"),   # a fax at 11:00, seen at as_of 11:00: in time
])
def test_passing_two_hours_at_the_as_of_edges(seed, as_of, fax, status):
    """附件2 三.5: a supplier leak found Fri 2026-04-10 09:00 → written notice within 2 hours → due 11:00, the end
    included (第1259条; the spec's example).  as_of one second before, at, one second after."""
    facts = [SIGN, f("lk", "data_leak_discovered", T("2026-04-10", "09:00:00"), cause="supplier")]
    if fax:
        facts.append(notice("n", T("2026-04-10", "11:00:00"), "乙方", "甲方", "data_leak", "fax", ref="lk"))
    rep = run(seed, facts, as_of)
    ((_, got, due, _),) = live(rep, "breach_notice")
    assert (got, due) == (status, T("2026-04-10", "11:00:00"))
    assert rows(rep, "obligations", "breach_notice")[0]["due_included"] is True


def test_passing_the_specs_working_day_example_over_national_day_2026(seed):
    """5.2.3: an application Mon 2026-09-28 10:00 (after the service year) → 10 working days: 09-29 (1), 09-30 (2),
    10-08 (3), 10-09 (4), Sat 10-10 (5, make-up), 10-12 (6) .. 10-16 (10) → due 2026-10-17T00:00 (the spec's example:
    a Monday–Friday count would give 10-12).  Missed → 视为验收合格 at that instant."""
    facts = [SIGN, GUARANTEE, f("a", "acceptance_applied", T("2026-09-28"))]
    before = run(seed, facts, T("2026-10-16", "23:59:59"))
    assert live(before, "acceptance_review") == [("a", "active", Z("2026-10-17"), None)]
    assert not [e for e in before["events"] if e["name"] == "deemed_acceptance"]
    after = run(seed, facts, Z("2026-10-17"))
    assert live(after, "acceptance_review") == [("a", "violated", Z("2026-10-17"), None)]
    assert [e["at"] for e in after["events"] if e["name"] == "deemed_acceptance"] == [Z("2026-10-17")]


def test_passing_the_specs_express_example_is_deemed_on_the_saturday(seed):
    """10.3.3: express within the city sent Wed 2026-03-04 → deemed delivered on the 3rd day, Sat 03-07, not moved to
    Monday (the spec's example) — a day, reported at its first instant."""
    rep = run(seed, [SIGN, notice("n", T("2026-03-04"), "甲方", "乙方", "other", "express")], T("2026-03-20"))
    assert [e["at"] for e in rep["events"] if e["name"] == "notice_delivered"] == [Z("2026-03-07")]


def test_passing_the_specs_two_months_of_service_and_the_service_year(seed):
    """2.2(2): INST_2 — owed at 2025-09-02T00:00 (two months from 07-01 09:00 pass then), due 2025-10-10T00:00;
    1.4: the service year ends 2026-06-28T00:00."""
    rep = run(seed, [*PAY_1, *INST_2], T("2026-07-01"))
    ((_, status, due, _),) = live(rep, "pay_installment_2")
    assert (rows(rep, "obligations", "pay_installment_2")[0]["triggered_at"], status, due) == \
        (Z("2025-09-02"), "violated", Z("2025-10-10"))
    assert [e["at"] for e in rep["events"] if e["name"] == "service_end"] == [Z("2026-06-28")]


def test_passing_the_specs_24_00_event_counts_from_the_next_day(seed):
    """time-and-law.md "An event at 24:00": an application Mon 2026-06-29 10:00 → review due 2026-07-14T00:00 (06-30
    (1) .. 07-03 (4), 07-06 (5) .. 07-10 (9), 07-13 (10)); missed → deemed acceptance at 24:00 of 07-13, which belongs to
    07-13: 2.1(2) 30 days 07-14 .. Wed 08-12 → due 2026-08-13T00:00; 5.3 one month after 07-13 → Thu 08-13 → due
    2026-08-14T00:00."""
    rep = run(seed, [SIGN, GUARANTEE, f("a", "acceptance_applied", T("2026-06-29"))], T("2026-09-01"))
    assert [e["at"] for e in rep["events"] if e["name"] == "deemed_acceptance"] == [Z("2026-07-14")]
    assert [d for _, _, d, _ in live(rep, "release_bond")] == [Z("2026-08-13")]
    assert [d for _, _, d, _ in live(rep, "handover")] == [Z("2026-08-14")]


# ======================================================================================================== as_of
def test_passing_as_of_before_the_contract_took_effect(seed, tmp_path):
    """第502条: every fact of full-year.jsonl seen from 2025-06-27 09:00, an hour before the signing — nothing has
    arisen, and the report says why, in the JSON and in the text."""
    facts = [json.loads(x) for x in (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines() if x]
    rep = run(seed, facts, T("2025-06-27", "09:00:00"))
    assert {o["status"] for o in rep["obligations"]} == {"inactive"}
    assert not rep["remedies"] and rep["contract_life"]["effective"] is None
    assert "contract_not_in_force" in codes(rep)
    text = text_report(tmp_path, facts, T("2025-06-27", "09:00:00"))
    head = text.split("一、概要", 1)[0]
    assert "已违约 0 项" in summary(text) and "尚未成就" in text and "生效" not in head


def test_passing_the_last_second_of_a_day_deadline_and_the_first_after(seed):
    """PAY_1: due 2025-08-05T00:00.  At 08-04 23:59:59 the installment is still owed in time and no damages run; at
    08-05 00:00 it is late and the first day of delay has begun (¥6,980.00)."""
    before = run(seed, PAY_1, T("2025-08-04", "23:59:59"))
    assert live(before, "pay_installment_1") == [("in", "active", Z("2025-08-05"), None)]
    assert not rem(before, "late_payment_damages")
    after = run(seed, PAY_1, Z("2025-08-05"))
    assert live(after, "pay_installment_1") == [("in", "violated", Z("2025-08-05"), None)]
    assert rem(after, "late_payment_damages") == [("held", Z("2025-08-05"), "6980.00")]


def test_passing_as_of_on_a_holiday_lists_what_falls_due(seed, tmp_path):
    """as_of Fri 2025-10-03 (National Day): the next 10 working days are 10-09 (1), 10-10 (2), Sat 10-11 (3, make-up),
    10-13 (4) .. 10-17 (8), 10-20 (9), 10-21 (10) → until 2025-10-22T00:00.  INST_2 is due 2025-10-10T00:00: listed."""
    facts = [*PAY_1[:2], GUARANTEE, *INST_2]
    rep = run(seed, facts, "2025-10-03")
    assert rep["due_soon_until"] == Z("2025-10-22")
    assert [(s, d) for _, s, d, _ in live(rep, "pay_installment_2")] == [("active", Z("2025-10-10"))]
    s = summary(text_report(tmp_path, facts, "2025-10-03"))
    assert "10个工作日内到期 1 项" in s and "支付第二期款" in s and "2025年10月9日24时" in s


def test_passing_due_soon_is_counted_while_the_calendar_still_reaches(seed, tmp_path):
    """DEC26, as_of Thu 2026-12-17 00:00: 12-18 (1), 12-21 (2) .. 12-25 (6), 12-28 (7) .. 12-31 (10) → until
    2027-01-01T00:00, all within 2026; the payment due 2026-12-31T00:00 is listed.  (Guard for defect 1.)"""
    rep = run(seed, DEC26, "2026-12-17")
    assert rep["due_soon_until"] == Z("2027-01-01")
    assert live(rep, "pay_installment_1") == [("in", "active", Z("2026-12-31"), None)]
    s = summary(text_report(tmp_path, DEC26, "2026-12-17"))
    assert "10个工作日内到期 1 项" in s and "支付第一期款" in s


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): fixed the same session: due_soon_until is the earliest the window can end (earliest_end))
def test_due_soon_at_the_end_of_the_known_calendar_still_lists_what_falls_due(seed, tmp_path):
    """DEFECT (the summary a monitoring job and a lawyer read first says nothing is coming).  DEC26, as_of Mon
    2026-12-28 00:00: pay_installment_1 is `active`, due 2026-12-31T00:00 (24:00 of Wed 12-30).  The next 10 working
    days from 12-28: 12-29, 12-30, 12-31 (three, all in 2026) and seven more in 2027 — whatever the 2027 calendar says,
    the 10th comes after 12-31, so the due lies within.  The engine: due_soon_until null (CalendarYearUnknown caught in
    engine/report/build.py), and the text summary "10个工作日内到期 0 项" (English: "Due within the next 10 working days
    (0)").  The spec (time-and-law.md): a date outside every known year is never guessed — here it is guessed to be
    nothing."""
    rep = run(seed, DEC26, "2026-12-28")
    assert live(rep, "pay_installment_1") == [("in", "active", Z("2026-12-31"), None)]
    s = summary(text_report(tmp_path, DEC26, "2026-12-28"))
    assert "10个工作日内到期 1 项" in s and "支付第一期款" in s


# ======================================================================================================== several instants
INSTANTS = [T("2025-06-27", "09:59:59"), T("2025-06-27"), T("2025-08-04", "23:59:59"), Z("2025-08-05"),
            Z("2025-08-20"), Z("2025-09-29"), "2025-10-03", Z("2026-02-10"), Z("2026-06-28"), Z("2026-07-14"),
            "2026-12-31", "2027-03-01"]


@pytest.mark.parametrize("name", ["full-year", "late-payment", "supplier-terminates", "public-interest-by-notice",
                                  "force-majeure", "data-leak", "missed-review", "interruption-late"])
def test_passing_evaluate_many_equals_each_instant_alone(seed, name):
    """README: `evaluate_many` gives at each instant exactly what `evaluate` gives there alone — checked at the edges
    (a second before signing, the signing, a second before and at a due instant, the 8.3 power's instant, a holiday,
    the service year's end, a deemed acceptance, after the last calendar year)."""
    ls = (ROOT / "facts" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    many = seed.evaluate_many(ls, INSTANTS)
    assert [m["as_of"] for m in many] == [seed.evaluate(ls, a)["as_of"] for a in INSTANTS]
    for a, m in zip(INSTANTS, many):
        assert json.dumps(m, ensure_ascii=False, sort_keys=True) == \
            json.dumps(seed.evaluate(ls, a), ensure_ascii=False, sort_keys=True), a


def test_passing_as_of_list_in_the_cli_is_each_instant_once_in_time_order(seed):
    """README: `--as-of A,B,C` — one JSON object keyed by each report's own as_of, in time order, each instant once:
    2026-01-01, 2025-08-05 and 2025-12-31T16:00Z (= 2026-01-01T00:00+08:00) give two reports."""
    path = ROOT / "facts" / "late-payment.jsonl"
    out = cli("eval", str(RULES), "--facts", str(path), "--as-of", "2026-01-01,2025-08-05,2025-12-31T16:00:00Z",
              "--format", "json")
    got = json.loads(out.stdout)
    assert list(got) == [Z("2025-08-05"), Z("2026-01-01")]
    ls = path.read_text(encoding="utf-8").splitlines()
    for k, v in got.items():
        alone = seed.evaluate(ls, k, str(path))
        assert [(o["name"], o["status"], o["due"]) for o in v["obligations"]] == \
            [(o["name"], o["status"], o["due"]) for o in alone["obligations"]]
        assert [(r["name"], r["status"], r["amount"]) for r in v["remedies"]] == \
            [(r["name"], r["status"], r["amount"]) for r in alone["remedies"]]


# ======================================================================================================== facts in, refused
@pytest.mark.parametrize("line, code, words", [
    ({"id": "x", "type": "payment_promised", "at": T("2025-07-20")}, None, "payment_promised"),
    ({"id": "x", "type": "payment_made", "at": T("2025-07-20"), "installment": 1}, None, "amount"),
    ({"id": "x", "type": "staff_onsite", "at": T("2025-07-01"), "count": 0}, None, "count"),
    ({"id": "x", "type": "staff_onsite", "at": T("2025-07-01"), "count": True}, None, "count"),
    ({"id": "x", "type": "payment_made", "at": T("2025-07-20"), "installment": 4, "amount": "1.00"}, None,
     "installment"),
    ({"id": "x", "type": "service_interruption_started", "at": T("2025-07-20"), "subproject": 30,
      "cause": "supplier"}, None, "subproject"),
    ({"id": "x", "type": "notice_sent", "at": T("2025-07-20"), "from": "甲方", "to": "乙方",
      "subject": "force_majeure", "method": "fax"}, None, "ref"),
    ({"id": "x", "type": "acceptance_held", "at": T("2026-07-01"), "passed": 1}, None, "passed"),
    ({"id": "in", "type": "invoice_received", "at": T("2025-07-04"), "installment": 1, "amount": "349000.00",
      "kind": "vat_ordinary"}, "conflicting_id", "amount"),
])
def test_passing_a_fact_the_interface_refuses_is_an_error_naming_its_line_and_key(seed, line, code, words):
    """The interface: an unknown type, a missing, unknown or ill-typed attribute (count ≥ 1, installment 1..3,
    subproject 1..29, ref required for a force-majeure notice, passed a bool), and one id with another content are
    errors that name the line and the key — never a verdict on a half-read stream.  The bad fact is line 6 (PAY_1 holds
    five); the conflicting id names line 5, where "in" was first given."""
    d = refused(seed, [*PAY_1, line])
    assert d.span is not None and d.span.line == 6
    assert words in d.text("zh")
    if code:
        assert d.code == code and "第 5 行" in d.text("zh")


def test_passing_one_fact_given_twice_in_other_spellings_is_one_fact(seed):
    """The interface: "the same id twice with the same content is one fact".  The invoice again with its amount as
    "3490000" and its instant in UTC (02:00Z = 10:00+08:00), the payment again with `amount` a JSON number: the same
    facts — installment 1 owed once, paid once (¥3,490,000.00, not twice), no error."""
    pay = f("p", "payment_made", T("2025-07-20"), installment=1, amount="3490000.00")
    again = [f("in", "invoice_received", "2025-07-04T02:00:00Z", installment=1, amount="3490000", kind="vat_ordinary"),
             f("p", "payment_made", "2025-07-20T02:00:00Z", installment=1, amount=3490000.00)]
    rep = run(seed, [*PAY_1, pay, *again], "2025-12-31")
    assert live(rep, "pay_installment_1") == [("in", "fulfilled", Z("2025-08-05"), T("2025-07-20"))]
    assert "payment_before_preconditions" not in codes(rep)


# ======================================================================================================== the interface's report
def test_passing_the_report_carries_the_fields_and_names_other_systems_read(seed):
    """seed-contract-interface.md "The report" and "Names the seed contract's rules must produce": each row kind has
    its fields; money is a decimal string with two places; every instant carries its offset; each name with its
    clause and parties."""
    facts = [json.loads(x) for x in (ROOT / "facts" / "late-payment.jsonl").read_text(encoding="utf-8").splitlines()
             if x]
    rep = run(seed, facts, "2026-12-31")
    assert {"contract", "as_of", "obligations", "events", "remedies", "findings"} <= set(rep)
    assert rep["contract"] == "GZSMZTXXZX2025004" and rep["as_of"] == Z("2026-12-31")
    need = {"obligations": {"name", "clause", "debtor", "creditor", "trigger", "status", "triggered_at", "due",
                            "fulfilled_at", "because"},
            "events": {"name", "clause", "at", "because"},
            "remedies": {"name", "clause", "holder", "since", "amount", "because"},
            "findings": {"code", "severity", "clause", "message"}}
    for kind, keys in need.items():
        assert rep[kind] and all(keys <= set(r) for r in rep[kind]), kind
    for r in rep["remedies"]:
        assert r["amount"] is None or (r["amount"].count(".") == 1 and len(r["amount"].split(".")[1]) == 2)
    for o in rep["obligations"]:
        for k in ("triggered_at", "due", "fulfilled_at"):
            assert o[k] is None or o[k].endswith("+08:00"), (o["name"], k, o[k])
    table = {"performance_bond": ("2.1(1)", "乙方", "甲方"), "pay_installment_1": ("2.2(1)", "甲方", "乙方"),
             "pay_installment_2": ("2.2(2)", "甲方", "乙方"), "pay_installment_3": ("2.2(3)", "甲方", "乙方"),
             "resolve_interruption": ("8.2", "乙方", "甲方"), "breach_notice": ("附件2 三.5", "乙方", "甲方"),
             "acceptance_review": ("5.2.3", "甲方", "乙方"), "acceptance_meeting": ("5.2.3", "甲方", "乙方"),
             "organize_acceptance": ("2.2(4)", "甲方", "乙方"), "release_bond": ("2.1(2)", "甲方", "乙方"),
             "handover": ("5.3", "乙方", "甲方")}
    for name, (clause, debtor, creditor) in table.items():
        (o,) = rows(rep, "obligations", name)
        assert (o["clause"], o["debtor"], o["creditor"]) == (clause, debtor, creditor), name
    assert {(r["name"], r["clause"], r["holder"]) for r in rep["remedies"]} >= {
        ("late_payment_damages", "8.3", "乙方"), ("supplier_termination", "8.3", "乙方")}
    assert {o["name"] for o in rep["obligations"]} >= {"force_majeure_notice", "address_change_notice"}


# ======================================================================================================== termination
def test_passing_a_termination_keeps_what_fell_due_before_and_discharges_what_falls_due_after(seed):
    """第566–567条.  PAY_1 and INST_2 (due 2025-10-10T00:00), the bond in time; a supplier leak Mon 2025-09-01 10:00,
    faxed to 甲方 at 11:00 (in time); a harm to the public interest 09-20; 甲方 ends the contract for it (3.1.3) Wed
    10-01 10:00.  As of 2025-12-31 00:00:
      - installment 1 (due 08-05, before the end) stays violated, and its 0.1% runs on until paid (assumption
        damages_after_termination): 08-05 .. 12-31 begun = 27 + 30 + 31 + 30 + 31 = 149 days × ¥6,980.00 =
        ¥1,040,020.00;
      - installment 2 (due 10-10, after the end) is discharged, never violated;
      - 2.1(3)'s deduction for the leak before the end is still held (第566条第3款: the guarantee answers for it);
      - 乙方's unused 8.3 power (from 08-20) ends with the contract, its 5% with it (assumption
        termination_damages_basis); 甲方's 3.1.3 power is spent by the notice."""
    facts = [*PAY_1, GUARANTEE, *INST_2, f("lk", "data_leak_discovered", T("2025-09-01"), cause="supplier"),
             notice("lkn", T("2025-09-01", "11:00:00"), "乙方", "甲方", "data_leak", "fax", ref="lk"),
             f("h", "public_interest_harm_found", T("2025-09-20")),
             f("t", "termination_notified", T("2025-10-01"), party="甲方", ground="public_interest")]
    rep = run(seed, facts, "2025-12-31")
    assert (rep["contract_life"]["ended"], rep["contract_life"]["ended_by"]) == (T("2025-10-01"), "buyer_terminates")
    assert live(rep, "pay_installment_1") == [("in", "violated", Z("2025-08-05"), None)]
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-08-05"), "1040020.00")]
    assert [(s, d) for _, s, d, _ in live(rep, "pay_installment_2")] == [("discharged", Z("2025-10-10"))]
    assert [s for _, s, _, _ in live(rep, "breach_notice")] == ["fulfilled"]
    assert rem(rep, "bond_deduction") == [("held", T("2025-09-01"), None)]
    assert rem(rep, "supplier_termination") == [("lapsed", Z("2025-08-20"), "0.00")]
    assert rem(rep, "buyer_termination") == [("exercised", T("2025-09-20"), None)]
    assert not rem(rep, "unjustified_termination_damages")


def test_passing_a_termination_at_the_due_instant_leaves_the_breach_standing(seed):
    """PAY_1: due 2025-08-05T00:00; 甲方 ends the contract for a harm to the public interest at that very instant.
    The installment fell due AT the end — not after it (第566条第2款): violated, ¥6,980.00 for the day begun; a second
    earlier the end comes before the due: discharged, nothing owed for delay."""
    harm = f("h", "public_interest_harm_found", T("2025-07-20"))
    at = run(seed, [*PAY_1, harm, f("t", "termination_notified", Z("2025-08-05"), party="甲方",
                                      ground="public_interest")], Z("2025-08-05"))
    assert live(at, "pay_installment_1") == [("in", "violated", Z("2025-08-05"), None)]
    before = run(seed, [*PAY_1, harm, f("t", "termination_notified", T("2025-08-04", "23:59:59"), party="甲方",
                                          ground="public_interest")], "2025-09-01")
    assert [s for _, s, _, _ in live(before, "pay_installment_1")] == ["discharged"]
    assert not rem(before, "late_payment_damages")


# ======================================================================================================== the live evaluation
def watch(tmp_path, facts, *extra, name="w.jsonl"):
    return cli("watch", str(RULES), "--facts", str(write(tmp_path, facts, name)), *extra, check=False)


def test_passing_watch_takes_a_payment_known_by_its_date_on_a_later_day(tmp_path):
    """Guard for defect 2: the payment given as "2025-07-20" (its date alone), after the invoice of 07-04 10:00, is
    taken; the watch says installment 1 performed, as eval does."""
    out = watch(tmp_path, [*PAY_1, f("p", "payment_made", "2025-07-20", installment=1, amount="3490000.00")],
                "--once")
    assert out.returncode == 0, out.stderr
    assert "fact_before_clock" not in out.stdout + out.stderr
    assert "已履行：支付第一期款（pay_installment_1）" in out.stdout


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): fixed the same session (counsel round 37): session.add takes a fact of the clock's own day known by its day alone, and words a refused one by its day)
def test_watch_takes_a_payment_known_by_its_date_on_the_clocks_day(seed, tmp_path):
    """DEFECT (the live monitor rejects what the department's finance system sends: bank statements give the value
    date, not the hour).  PAY_1, then payment_made "2025-07-04" for ¥3,490,000.00.  `qiyue eval` at 2025-08-10: the
    installment fulfilled (the payment is not before the invoice that day — the engine takes it so).  `qiyue watch
    --until 2025-08-10`: the invoice at 10:00 moves the clock to 2025-07-04T10:00, then "错误[fact_before_clock] 第 6 行：
    事实 “p” 发生于 2025-07-04T00:00:00+08:00，早于实时评估的时钟" — the payment dropped — and "2025年8月5日0时　第2.2(1)条
    违约：支付第一期款（pay_installment_1）…", "第8.3条 乙方 取得救济：逾期付款违约金" for money paid a month before.  README: "Facts must come in time order … an earlier one is refused":
    a fact of the clock's own day, hour unknown, is not earlier."""
    facts = [*PAY_1, f("p", "payment_made", "2025-07-04", installment=1, amount="3490000.00")]
    rep = run(seed, facts, "2025-08-10")
    assert [s for _, s, _, _ in live(rep, "pay_installment_1")] == ["fulfilled"]
    out = watch(tmp_path, facts, "--until", "2025-08-10")
    assert "fact_before_clock" not in out.stdout + out.stderr
    assert "已履行：支付第一期款（pay_installment_1）" in out.stdout
    assert "违约：支付第一期款" not in out.stdout  # (the watch now says: "2025年8月5日0时　第2.2(1)条 违约：支付第一期款…")


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): fixed the same session (counsel round 37): session.add takes a fact of the clock's own day known by its day alone, and words a refused one by its day)
def test_a_refused_fact_known_by_its_date_is_not_said_to_have_happened_at_midnight(seed):
    """DEFECT (wording: a wrong time in a message a clerk reads).  A live session of PAY_1 advanced to 2025-08-06
    10:00; then payment_made "2025-08-05" — a day before the clock's: refused, rightly (fact_before_clock).  The
    message: "事实 “p” 发生于 2025-08-05T00:00:00+08:00，早于实时评估的时钟 2025-08-06T10:00:00+08:00" — the payment was not
    made at midnight; the record says only the day."""
    from engine.diagnostics import QiyueError

    s = seed.session("live.jsonl")
    s.add(lines(PAY_1))
    s.advance(T("2025-08-06"))
    with pytest.raises(QiyueError) as exc:
        s.add(lines([f("p", "payment_made", "2025-08-05", installment=1, amount="3490000.00")]))
    d = exc.value.diagnostics[0]
    assert d.code == "fact_before_clock"
    assert "00:00:00" not in d.text("zh") and "0时" not in d.text("zh")


# the stream of defects 4–6: facts a clerk records by their date alone
DAY_ALONE = [*PAY_1, f("g", "guarantee_submitted", "2025-07-15", purpose="performance", amount="349000.00",
                       valid_until="2026-12-31"),
             f("p", "payment_made", "2025-08-25", installment=1, amount="3490000.00"),
             f("fm", "force_majeure_occurred", "2025-09-10", party="乙方"),
             f("t", "termination_notified", "2025-09-20", party="甲方", ground="other")]


def test_passing_the_day_alone_stream_counted_by_hand(seed):
    """DAY_ALONE: installment 1 paid "2025-08-25" — late: 08-05 .. 08-25 = 21 days × ¥6,980.00 = ¥146,580.00; 乙方's
    8.3 power from 2025-08-20T00:00.  乙方's force majeure "2025-09-10" (hour unknown): the 8.4 notice within 2 days →
    09-11, Fri 09-12 → due 2025-09-13T00:00, none given → violated; both parties' 8.4 power from that day (assumption
    force_majeure_termination_basis "on the event").  甲方's notice "2025-09-20" for "other" reasons, holding the 8.4
    power (assumption termination_ground_reading): the contract ends by 8.4 on 2025-09-20, hour unknown — 乙方's unused
    8.3 power and its 5% end with it (¥0.00)."""
    rep = run(seed, DAY_ALONE, "2025-10-01")
    life = rep["contract_life"]
    assert (life["ended"], life["ended_by"], life["ended_cn"]) == (Z("2025-09-20"), "force_majeure_terminates",
                                                                  "2025年9月20日（时刻不明）")
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-08-05"), "146580.00")]
    assert live(rep, "force_majeure_notice") == [("fm", "violated", Z("2025-09-13"), None)]
    assert rem(rep, "supplier_termination") == [("lapsed", Z("2025-08-20"), "0.00")]
    assert [(r["holder"], r["status"], r["since_cn"]) for r in rows(rep, "remedies", "force_majeure_termination")] == \
        [("甲方", "exercised", "2025年9月10日（时刻不明）"), ("乙方", "lapsed", "2025年9月10日（时刻不明）")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): fixed the same session: a change at 00:00 of a day whose facts at that instant are all of the day alone is stamped with the day (Session._stamped))
def test_watch_does_not_stamp_an_end_known_by_its_date_at_midnight(tmp_path):
    """DEFECT (wording: the live monitor states an hour no record gives — and 0时 is the one hour that decides what
    came before it that day).  DAY_ALONE through `qiyue watch --until 2025-10-01`: "2025年9月20日0时　合同终止（第8.4条
    因不可抗力终止合同（force_majeure_terminates），依据 t）", "2025年9月10日0时　第8.4条 义务产生：不可抗力书面通报…",
    "2025年8月25日0时　事实：2025年8月25日 甲方付款…".  eval's own words for the same end: "合同于 2025年9月20日（时刻不明）
    终止"."""
    out = watch(tmp_path, DAY_ALONE, "--until", "2025-10-01")
    assert out.returncode == 0, out.stderr
    ended = [x for x in out.stdout.splitlines() if "合同终止" in x]
    assert ended and all("2025年9月20日" in x for x in ended)
    assert not [x for x in out.stdout.splitlines() if x.startswith(("2025年9月20日0时", "2025年9月10日0时",
                                                                    "2025年8月25日0时"))]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): fixed the same session (counsel round 37): a step cites an instant of a day alone as that day)
def test_the_text_report_does_not_end_the_contract_at_midnight_in_the_powers_reasons(tmp_path):
    """DEFECT (the report contradicts itself on the instant that decides what survives: 第566–567条).  DAY_ALONE as of
    2025-10-01, `--format text`.  Header: "合同于 2025年9月20日（时刻不明）（2025-09-20T00:00:00+08:00） 终止"; the 8.4 event:
    "合同于 2025年9月20日 终止".  But 乙方's 8.3 power: "失效：合同已于 2025年9月20日0时 终止…" and "金额：¥349,000.00 随解除权
    而生，解除权已于 2025年9月20日0时 未经行使而消灭"; 乙方's 8.4 power: "失效：合同已于 2025年9月20日0时 终止"."""
    text = text_report(tmp_path, DAY_ALONE, "2025-10-01")
    assert "合同于 2025年9月20日（时刻不明）" in text
    assert "合同已于 2025年9月20日" in text
    assert "2025年9月20日0时" not in text


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): fixed the same session (counsel round 37): a step cites an instant of a day alone as that day)
def test_the_text_report_does_not_date_a_power_from_midnight_of_a_day_alone_event(tmp_path):
    """DEFECT (wording).  DAY_ALONE, `--format text`: the event 因不可抗力终止合同 says "行使 不可抗力导致不能履行时终止合同
    （force_majeure_termination）（第8.4条，自 2025年9月10日0时 起享有）"; the remedy row above it: "甲方 自 2025年9月10日（时刻
    不明）（2025-09-10T00:00:00+08:00）：已行使", the JSON since_cn "2025年9月10日（时刻不明）"."""
    text = text_report(tmp_path, DAY_ALONE, "2025-10-01")
    assert "自 2025年9月10日（时刻不明）" in text
    assert "2025年9月10日0时" not in text


# ======================================================================================================== more wording
# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): fixed the same session (counsel round 37): a step cites an instant of a day alone as that day)
def test_the_meetings_reason_does_not_put_a_review_known_by_its_date_at_midnight(seed):
    """DEFECT (wording).  SIGN, GUARANTEE; application Mon 2026-06-29 10:00 (after the service year); review passed
    "2026-07-03" (Fri, its date alone): in time.  The expert acceptance within 10 working days from 07-03: 07-06 (1) ..
    07-10 (5), 07-13 .. 07-17 (10) → due 2026-07-18T00:00; none held → violated, deemed acceptance at that instant.
    Counted right; the reason's first line words the review's completion (the stage 审核验收申请已履行) at 0时."""
    rep = run(seed, [SIGN, GUARANTEE, f("a", "acceptance_applied", T("2026-06-29")),
                     f("r", "acceptance_review_completed", "2026-07-03", passed=True)], "2026-08-01")
    (o,) = [o for o in rows(rep, "obligations", "acceptance_meeting") if o["status"] != "inactive"]
    assert (o["trigger"], o["status"], o["due"]) == ("r", "violated", Z("2026-07-18"))
    assert [e["at"] for e in rep["events"] if e["name"] == "deemed_acceptance"] == [Z("2026-07-18")]
    assert not [b for b in o["because"] if "2026年7月3日0时" in b], o["because"][:1]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): fixed the same session (counsel round 37): counted back from a fact of its day alone, the steps cite the day)
def test_the_backward_count_of_an_address_change_known_by_its_date_is_not_worded_at_midnight(seed):
    """DEFECT (wording).  SIGN; 乙方's address changes "2026-08-20" (Thu, its date alone).  The notice "在变更前10日":
    counted back, not moved — last day Mon 2026-08-10 → due 2026-08-11T00:00; none given → violated.  Counted right; the
    reason says "须在 2026年8月20日0时 之前 10日" / "事件：2026年8月20日0时（2026年8月20日（星期四））"."""
    rep = run(seed, [SIGN, f("ad", "address_changed", "2026-08-20", party="乙方")], "2026-09-01")
    (o,) = [o for o in rows(rep, "obligations", "address_change_notice") if o["status"] != "inactive"]
    assert (o["status"], o["due"]) == ("violated", Z("2026-08-11"))
    assert not [b for b in o["because"] if "2026年8月20日0时" in b], o["because"][1:3]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (17:07–): 8.3's damages carry a caveat of 第585条第2款 (rules: caveat if true on late_payment_damages))
def test_damages_above_the_sum_paid_late_name_the_courts_power_to_reduce_them(seed):
    """DEFECT (a verdict whose decisive qualifier is not shown; medium confidence).  PAY_1, never paid; as of
    2026-12-31 00:00: 8.3 ¥6,980.00 for each day begun, 2025-08-05 .. 12-31 (27 + 30 + 31 + 30 + 31 = 149 days) and
    2026-01-01 .. 12-31 (365 days) = 514 days = ¥3,587,720.00 — the contract's own rate on the TOTAL price (¥6,980,000.00
    × 0.1%), 0.2% a day of the ¥3,490,000.00 actually late, 73% a year.  第585条第2款 and the 合同编通则解释 第65条 make
    this the first thing a court weighs on 甲方's request; the report shows the figure bare."""
    rep = run(seed, PAY_1, "2026-12-31")
    (r,) = rows(rep, "remedies", "late_payment_damages")
    assert (r["status"], r["since"], r["amount"]) == ("held", Z("2025-08-05"), "3587720.00")
    assert any("第585条" in b for b in r["because"])
