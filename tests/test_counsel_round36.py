"""Opposing counsel, round 36: arguing each side in turn on WHAT A FORCE MAJEURE, A READING AND A DUPLICATE DO TO THE
DUTIES NOBODY LOOKED AT — the 8.4 caveat on the duties rounds 15 and 32 did not list (附件2 三.4 立即通知, 5.2.3 审核 and
整改后重新提交, 2.2(4) 组织验收, 2.1(2) 配合终止保函, 10.2 地址变更通知), the readings (assumptions) that decide a
termination's money and a power's exercise but are missing from the row they decide (spec: "the report shows it wherever
it decides a verdict"), a notice of termination that vanishes without a word under the reading "as labelled", one force
majeure recorded twice — and around them what holds, counted again by hand: the payment chain of 2.2(1) (a part paid
before the invoice, an application for a wrong amount corrected later, a payment term ending on the make-up Sunday
2026-01-04 across the New Year), 8.3's ¥6,980.00 for each day begun, to the second at midnight, a force majeure at the
very end instant of a two-hour period (第1259条), a notice resent by fax after an express letter of unknown delivery,
a notice by a method 10.1 does not know, an application for acceptance at the last second of the service year and at its
first instant after (1.4, 5.2.1), and deadlines said in words (`due_cn`) to the second.

Every expected figure is counted by hand from the contract (shared/seeds/000_2fd1bbbed6f06600.txt) and the law (民法典
第137、201–204、502、557、562–567、590、1259条; shared/spec/time-and-law.md), with the official calendar
(chinese_calendar.is_workday, checked by the first test): 2025 — Mon 08-04 working, Sat 08-09 and Sun 08-10 rest, Mon
08-11 working; Wed 09-10, Thu 09-11, Fri 09-12, Mon 09-15, Wed 09-24 working; Sun 10-05 off (National Day), Fri 10-10
working; Tue 12-02 working.  2026 — Thu 01-01 .. Sat 01-03 off (New Year), Sun 01-04 a make-up working day, Mon 01-05,
Wed 01-07 working; Sat 06-27, Sun 06-28 rest; Mon 06-29 .. Fri 07-03, Mon 07-06 .. Fri 07-10 working; Sat 07-11, Sun
07-12 rest; Mon 07-13, Mon 07-20, Mon 07-27 working; Sun 08-09 rest, Mon 08-10 working.

Conventions of the hand counts:
  SIGN    both sign Fri 2025-06-27 10:00 (11.1): in force from that instant (第502条).  The service year (1.4, a term, not
          moved) ends 24:00 Sat 2026-06-27 → service_end 2026-06-28T00:00.
  PAY_1   (seedfacts) SIGN; staff 07-01, plan 07-02, application 07-03, invoice Fri 07-04 10:00 → owed from 07-04 10:00;
          payment_term 30 days: 07-05 .. Sun 08-03 (rest) → Mon 08-04 → due 2025-08-05T00:00.  8.3: ¥6,980,000.00 ×
          0.1% = ¥6,980.00 for each day begun from 08-05; "逾期超出15天" 08-05 .. 08-19 (a term) → 乙方's power with 5%
          = ¥349,000.00 from 2025-08-20T00:00.
  FULL    facts/full-year.jsonl: accepted (expert acceptance passed) Fri 2026-07-10 10:00 → 2.1(2) release within 30 days:
          07-11 .. Sun 08-09 → Mon 08-10 → due 2026-08-11T00:00.
  5.2.3   an application Mon 2026-06-29 10:00 → 10 working days 06-30 (1) .. 07-03 (4), 07-06 (5) .. 07-10 (9), Mon 07-13
          (10) → due 2026-07-14T00:00; missed → deemed acceptance at that instant.  An application at 2026-06-28T00:00
          (the first instant after the year) or on "2026-06-28" (a Sunday): 06-29 (1) .. 07-03 (5), 07-06 (6) .. 07-10
          (10) → due 2026-07-11T00:00.
  2.2(4)  organize_acceptance: 30 days from 06-28 (the day after the year's last day) → 06-28 .. Mon 07-27 → due
          2026-07-28T00:00.
  FM      a force majeure (8.4) with its certificate ("有关机构的不可抗力证明") inside the period of a duty of the party it
          strikes: 8.4 "允许相应延期履行或修订合同，并可根据具体情况部分或全部免于承担违约责任" — how far it excuses is for
          the lawyers, THAT it bears is not; the rule file says so, as a caveat (status unchanged), on performance_bond,
          the three payments, resolve_interruption, handover and breach_notice (round 32: "the same caveat on every duty
          of the affected party whose period the certified event fell in").

Defects found (strict xfail; no engine or rule patch this round):
  1. 8.4 × 乙方's duties: a certified force majeure of 乙方 inside the period of 附件2 三.4 (security_incident_notice),
     5.2.3 (resubmit_acceptance) or 10.2 (address_change_notice) leaves the violated row without a word of 8.4.
  2. 8.4 × 甲方's duties: a certified force majeure of 甲方 inside the period of 5.2.3 (acceptance_review — and the
     deemed acceptance it causes), 2.2(4) (organize_acceptance) or 2.1(2) (release_bond): silent, while the same
     event on 甲方's payments is named.
  3. assumptions: the ¥349,000.00 of 8.3 for 甲方's 无故中途解除 names only buyer_termination_cause, although the reading
     termination_effective decides it (on "on delivery of the notice" no notice, no termination, no ¥349,000.00) — in
     the JSON row and in the text report's summary ("以上结论所依据的假定"); 乙方's 8.3 power reported `exercised` by a
     notice "for other reasons" names neither termination_ground_reading nor termination_effective, which decide it
     (on "as labelled": `held`, the contract not ended).
  4. assumptions: after an application for acceptance made before the service year ended, 2.2(4)'s organize_acceptance
     is `violated` without naming acceptance_application, which decides it (on "any time": a deemed acceptance,
     `excused`).
  5. termination_ground_reading = "as labelled": 乙方's notice of termination "for other reasons" (its 8.3 power held)
     ends nothing and the report says nothing — no termination_without_right, which the same kind of notice without a
     power raises under the default reading.
  6. one force majeure (8.4), one supplier leak (附件2 三.5 / 三.4, 2.1(3)) or one security incident (三.4) recorded
     twice (same attributes, same instant — the rule file's own convention for an address change, an outage and a
     failed acceptance: "记录了两次，仍是一次") gives two notice duties, and 乙方's notice in time about the one leaves
     the other `violated`; the leak also gives two deductions of the bond.

Runs go through seedfacts.on_both_backends (the reference's report; the durable backend's must be the very same JSON
where durable_rules is installed); the text report and the refusal of a fact through `python -m engine.cli eval`.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from seedfacts import PAY_1, fact as f, lines, notice, on_both_backends, rows

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"
FULL = [json.loads(x) for x in (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines() if x]


def T(day, hms="10:00:00"):
    return f"{day}T{hms}+08:00"


def Z(day):
    """00:00 of ``day`` — the end (24:00) of the day before."""
    return f"{day}T00:00:00+08:00"


SIGN = f("c", "contract_signed", T("2025-06-27"))
GUARANTEE = f("g", "guarantee_submitted", T("2025-07-15"), purpose="performance", amount="349000.00",
              valid_until="2026-12-31")


def fm(id_, at, party="乙方"):
    return f(id_, "force_majeure_occurred", at, party=party)


def cert(id_, at, ref="fm"):
    return f(id_, "force_majeure_certified", at, ref=ref)


def fm_fax(id_, at, party, ref="fm"):
    """The affected party's fax (10.3.2: delivered when sent) about the force majeure — 8.4's notice, in time."""
    return notice(id_, at, party, "甲方" if party == "乙方" else "乙方", "force_majeure", "fax", ref=ref)


def pay(id_, at, amount, installment=1):
    return f(id_, "payment_made", at, installment=installment, amount=amount)


def run(rules, facts, as_of):
    return on_both_backends(rules, lines(facts), as_of)


def live(rep, name):
    """(trigger, status, due, fulfilled_at) of each triggered row of one obligation."""
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in rows(rep, "obligations", name)
            if o["status"] != "inactive"]


def row(rep, name):
    (o,) = [o for o in rows(rep, "obligations", name) if o["status"] != "inactive"]
    return o


def rem(rep, name):
    return [(r["status"], r["since"], r["amount"]) for r in rows(rep, "remedies", name)]


def events(rep, name):
    return [e["at"] for e in rep["events"] if e["name"] == name]


def codes(rep):
    return sorted(x["code"] for x in rep["findings"] if x["code"] not in ("open_point", "amount_words_mismatch"))


def says_fm(r):
    return any("不可抗力" in b for b in r["because"])


def _compiled(assume):
    from engine.api import compile_file

    rules = compile_file(RULES, assume=assume)
    yield rules
    plan = getattr(rules, "_live_plan", None)
    if plan is not None:
        plan.close()


@pytest.fixture(scope="module")
def on_delivery():
    """termination_effective = "on delivery of the notice"."""
    yield from _compiled({"termination_effective": '"on delivery of the notice"'})


@pytest.fixture(scope="module")
def as_labelled():
    """termination_ground_reading = "as labelled"."""
    yield from _compiled({"termination_ground_reading": '"as labelled"'})


@pytest.fixture(scope="module")
def any_time():
    """acceptance_application = "any time"."""
    yield from _compiled({"acceptance_application": '"any time"'})


# ======================================================================================================== calendar
def test_passing_the_calendar_days_of_the_hand_counts():
    import chinese_calendar as cc

    work = ["2025-08-04", "2025-08-11", "2025-09-10", "2025-09-11", "2025-09-12", "2025-09-15", "2025-09-24",
            "2025-10-10", "2025-12-02", "2026-01-04", "2026-01-05", "2026-01-07", "2026-06-29", "2026-06-30",
            "2026-07-01", "2026-07-02", "2026-07-03", "2026-07-06", "2026-07-07", "2026-07-08", "2026-07-09",
            "2026-07-10", "2026-07-13", "2026-07-20", "2026-07-27", "2026-08-10", "2026-08-12", "2026-08-13"]
    off = ["2025-08-03", "2025-08-09", "2025-08-10", "2025-10-05", "2026-01-01", "2026-01-02", "2026-01-03",
           "2026-06-27", "2026-06-28", "2026-07-11", "2026-07-12", "2026-08-09"]
    assert all(cc.is_workday(date.fromisoformat(d)) for d in work)
    assert not any(cc.is_workday(date.fromisoformat(d)) for d in off)
    assert date(2026, 1, 4).weekday() == 6  # the make-up working day is a Sunday


# ======================================================================================================== DEFECTS
# ------------------------------------------------------------------ 1. 8.4 on 乙方's other duties
SUPPLIER_FM = {
    # 附件2 三.4: an incident found by 乙方 Wed 2025-09-24 10:00 → "立即" = 2 hours (assumption immediate_notice) → due
    # 12:00 (included, 第1259条); 乙方's force majeure 09:00, certified 09:30 — before the period ran out.
    "security_incident_notice": (
        [SIGN, fm("fm", T("2025-09-24", "09:00:00")), cert("fc", T("2025-09-24", "09:30:00")),
         f("i", "security_incident_found", T("2025-09-24"))],
        T("2025-10-20"), T("2025-09-24", "12:00:00")),
    # 5.2.3: the expert acceptance fails Fri 2026-07-10 10:00 → resubmit within 30 days (assumption rectification_term)
    # → 07-11 .. Sun 08-09 → Mon 08-10 → due 2026-08-11T00:00; 乙方's force majeure Mon 07-20, faxed at noon,
    # certified Tue 07-21.
    "resubmit_acceptance": (
        [SIGN, GUARANTEE, f("ap", "acceptance_applied", T("2026-06-29")),
         f("h", "acceptance_held", T("2026-07-10"), passed=False),
         fm("fm", T("2026-07-20")), fm_fax("fn", T("2026-07-20", "12:00:00"), "乙方"), cert("fc", T("2026-07-21"))],
        T("2026-08-20"), Z("2026-08-11")),
    # 10.2: 乙方's address changes Mon 2025-10-20 10:00 → notice at least 10 days before: last day Fri 10-10 (counted
    # back, not moved) → due 2025-10-11T00:00; 乙方's force majeure Sun 10-05, faxed at noon, certified Mon 10-06.
    "address_change_notice": (
        [SIGN, f("a", "address_changed", T("2025-10-20"), party="乙方"),
         fm("fm", T("2025-10-05")), fm_fax("fn", T("2025-10-05", "12:00:00"), "乙方"), cert("fc", T("2025-10-06"))],
        T("2025-10-25"), Z("2025-10-11")),
}


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (10:01–): the seed's 附件2 三.4, 5.2.3 resubmit and 10.2 duties carry the 8.4 caveat)
@pytest.mark.parametrize("name", list(SUPPLIER_FM))
def test_suppliers_remaining_duties_name_its_certified_force_majeure(seed, name):
    """DEFECT (silent; medium-high confidence — how far 8.4 excuses is open, that it bears is not).  8.4: "任何一方由于
    不可抗力原因不能履行合同时 … 在取得有关机构的不可抗力证明或谅解确认后，允许相应延期履行或修订合同，并可根据具体情况部分
    或全部免于承担违约责任" — any duty of the affected party.  Round 32 had the caveat put on handover and breach_notice
    ("the same caveat on every duty of the affected party whose period the certified event fell in"); three of 乙方's
    duties were left out.  In each case the event and its certificate come BEFORE the delay (第590条第2款 does not
    bar them) and the notice of 8.4 is in time.  The engine: `violated`, no word of 8.4.  Right: `violated` with the
    8.4 caveat (the due counted by hand in SUPPLIER_FM)."""
    facts, as_of, due = SUPPLIER_FM[name]
    o = row(run(seed, facts, as_of), name)
    assert (o["status"], o["due"], says_fm(o)) == ("violated", due, True)


def test_passing_breach_notice_names_a_force_majeure_up_to_its_inclusive_end(seed):
    """Guard for defect 1 (the clause beside 三.4 that has the caveat): a supplier leak found by 乙方 Wed 2025-09-24
    10:00 → 附件2 三.5 "2 小时内" → due 12:00, the end instant in time (第1259条).  乙方's force majeure and its
    certificate at the leak's own instant (10:00), at 11:59:59 or at 12:00:00 came before the delay (the delay begins only after 12:00:00) — caveat; at
    12:00:01 the delay had begun (第590条第2款) — none.  security_incident_notice (the same leak, 三.4, also due 12:00)
    had none in any case (defect 1, fixed: now alike)."""
    leak = f("d", "data_leak_discovered", T("2025-09-24"), cause="supplier")
    got = []
    for at in (T("2025-09-24"), T("2025-09-24", "11:59:59"), T("2025-09-24", "12:00:00"), T("2025-09-24", "12:00:01")):
        rep = run(seed, [SIGN, leak, fm("fm", at), cert("fc", at)], T("2025-10-20"))
        b, s = row(rep, "breach_notice"), row(rep, "security_incident_notice")
        assert (b["status"], b["due"], b["due_included"]) == ("violated", T("2025-09-24", "12:00:00"), True)
        assert (s["status"], s["due"]) == ("violated", T("2025-09-24", "12:00:00"))
        got.append((says_fm(b), says_fm(s)))
    assert got == [(True, True), (True, True), (True, True), (False, False)]  # (三.4 too, since defect 1 was fixed)


# ------------------------------------------------------------------ 2. 8.4 on 甲方's duties beside its payments
BUYER_FM = {
    # 5.2.3: application Mon 2026-06-29 10:00 → review due 2026-07-14T00:00; 甲方's force majeure Wed 07-01 10:00,
    # faxed at noon, certified Thu 07-02 — then deemed acceptance at 07-14T00:00.
    "acceptance_review": (
        [SIGN, GUARANTEE, f("ap", "acceptance_applied", T("2026-06-29")),
         fm("fm", T("2026-07-01"), "甲方"), fm_fax("fn", T("2026-07-01", "12:00:00"), "甲方"), cert("fc", T("2026-07-02"))],
        T("2026-07-20"), Z("2026-07-14")),
    # 2.2(4): nobody applies; organize_acceptance due 2026-07-28T00:00; 甲方's force majeure 07-01, certified 07-02.
    "organize_acceptance": (
        [SIGN, GUARANTEE,
         fm("fm", T("2026-07-01"), "甲方"), fm_fax("fn", T("2026-07-01", "12:00:00"), "甲方"), cert("fc", T("2026-07-02"))],
        T("2026-08-20"), Z("2026-07-28")),
    # 2.1(2): FULL without the release (f-026): accepted 07-10 10:00 → release due 2026-08-11T00:00; 甲方's force
    # majeure Mon 07-20, faxed at noon, certified Tue 07-21.
    "release_bond": (
        [x for x in FULL if x["id"] != "f-026"]
        + [fm("fm", T("2026-07-20"), "甲方"), fm_fax("fn", T("2026-07-20", "12:00:00"), "甲方"), cert("fc", T("2026-07-21"))],
        T("2026-08-20"), Z("2026-08-11")),
}


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (10:01–): the seed's 5.2.3 review and meeting, 2.2(4) and 2.1(2) duties carry 甲方's 8.4 caveat)
@pytest.mark.parametrize("name", list(BUYER_FM))
def test_buyers_acceptance_and_release_duties_name_its_certified_force_majeure(seed, name):
    """DEFECT (silent; medium-high confidence; for acceptance_review the most costly: the project is DEEMED accepted —
    5.2.3 "视为本项目验收合格" — at 2026-07-14T00:00, and with it 2.1(2)'s release and 5.3's handover start, while 甲方
    was struck by a certified force majeure inside the ten working days).  8.4 speaks of "任何一方"; the rule file gives
    甲方's three payments the caveat "期限届满前甲方曾遭遇不可抗力并已取得证明 …", and none of 甲方's other duties.  The
    engine: `violated`, silent.  Right: `violated` with the 8.4 caveat (due counted by hand in BUYER_FM)."""
    facts, as_of, due = BUYER_FM[name]
    o = row(run(seed, facts, as_of), name)
    assert (o["status"], o["due"], says_fm(o)) == ("violated", due, True)


def test_passing_the_buyers_payment_names_the_same_force_majeure(seed):
    """Guard for defect 2: 甲方's force majeure Fri 2025-08-01 10:00 (faxed at noon, certified Sat 08-02) inside PAY_1's
    payment term (due 2025-08-05T00:00): the unpaid installment, `violated`, names 8.4; so does its ¥6,980.00 a day
    (08-05 .. 08-20 at 2025-08-20 10:00: 16 days = ¥111,680.00)."""
    facts = [*PAY_1, fm("fm", T("2025-08-01"), "甲方"), fm_fax("fn", T("2025-08-01", "12:00:00"), "甲方"),
             cert("fc", T("2025-08-02"))]
    rep = run(seed, facts, T("2025-08-20"))
    o = row(rep, "pay_installment_1")
    (d,) = rows(rep, "remedies", "late_payment_damages")
    assert (o["status"], o["due"], says_fm(o)) == ("violated", Z("2025-08-05"), True)
    assert (d["amount"], says_fm(d)) == ("111680.00", True)


def test_passing_the_deemed_acceptance_and_its_sequels_without_force_majeure(seed):
    """Guard for defect 2 (the chain it leaves silent): application Mon 2026-06-29 10:00, no review → acceptance_review
    `violated` at 2026-07-14T00:00 and deemed acceptance then (of Mon 07-13); organize_acceptance (due 07-28T00:00)
    `excused`; release_bond 30 days from 07-14 → Wed 08-12 → due 2026-08-13T00:00; handover one month after 07-13 →
    Thu 08-13 → due 2026-08-14T00:00."""
    rep = run(seed, [SIGN, GUARANTEE, f("ap", "acceptance_applied", T("2026-06-29"))], T("2026-08-20"))
    assert events(rep, "deemed_acceptance") == [Z("2026-07-14")]
    assert [x[1:3] for x in live(rep, "acceptance_review")] == [("violated", Z("2026-07-14"))]
    assert [x[1] for x in live(rep, "organize_acceptance")] == ["excused"]
    assert [x[1:3] for x in live(rep, "release_bond")] == [("violated", Z("2026-08-13"))]
    assert [x[1:3] for x in live(rep, "handover")] == [("violated", Z("2026-08-14"))]


# ------------------------------------------------------------------ 3. the readings behind a termination's money
BUYER_OTHER = [SIGN, f("t", "termination_notified", T("2025-09-10"), party="甲方", ground="other")]
SUPPLIER_OTHER = [*PAY_1, f("t", "termination_notified", T("2025-08-25"), party="乙方", ground="other")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (10:01–): a rule set off by a termination or effective event rests on that event's readings (plans: deemed_names with the contract's life))
def test_the_five_percent_for_termination_without_cause_names_the_reading_of_when_a_termination_takes_effect(seed):
    """DEFECT (a verdict of ¥349,000.00 resting on a reading the row does not show; high confidence).  SIGN; 甲方 records
    a termination "for other reasons" Wed 2025-09-10 10:00 (no power: no public-interest harm, no force majeure).  8.3:
    "如甲方无故中途解除合同的 … 甲方应按合同总价款的5%向乙方支付违约金": 5% × ¥6,980,000.00 = ¥349,000.00.  Whether the
    contract ended at all turns on termination_effective (第565条: the record is taken as the notice's arrival; on "on
    delivery of the notice" a notice_sent deemed delivered is needed — here none: no end, no 5%, guard below).  The
    report's contract_life and the event buyer_without_cause list termination_effective; the remedy row
    unjustified_termination_damages lists ['buyer_termination_cause'] only.  README/docs §3.4: a row lists "它所依据的
    判断又依据的假定" — as release_bond does for the deemed acceptance it rests on.  Right: the row names
    termination_effective (and the ¥349,000.00 stays)."""
    rep = run(seed, BUYER_OTHER, T("2025-10-01"))
    (r,) = rows(rep, "remedies", "unjustified_termination_damages")
    assert (r["status"], r["amount"]) == ("held", "349000.00")
    assert "termination_effective" in r["assumptions"]


def test_passing_the_reading_decides_the_five_percent(seed, on_delivery):
    """Guard for defect 3: the default reading — the contract ended at 2025-09-10 10:00 by buyer_without_cause, its life
    naming termination_effective, ¥349,000.00 held; on "on delivery of the notice" (no notice_sent) — not ended, no row."""
    rep = run(seed, BUYER_OTHER, T("2025-10-01"))
    life = rep["contract_life"]
    assert (life["ended"], life["ended_by"]) == (T("2025-09-10"), "buyer_without_cause")
    assert "termination_effective" in life["assumptions"]
    assert [(s, a) for s, _, a in rem(rep, "unjustified_termination_damages")] == [("held", "349000.00")]
    rep = run(on_delivery, BUYER_OTHER, T("2025-10-01"))
    assert rep["contract_life"]["ended"] is None
    assert rem(rep, "unjustified_termination_damages") == []


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (10:01–): an exercised power's row names the readings of the termination that exercised it (build._row_assumptions))
def test_the_exercised_power_names_the_readings_that_make_the_notice_its_exercise(seed):
    """DEFECT (a status and ¥349,000.00's fate resting on readings the row does not show; medium-high confidence).  PAY_1,
    never paid: 乙方's power with 5% from 2025-08-20T00:00.  乙方 records a termination "for other reasons" Mon 08-25
    10:00.  Default reading termination_ground_reading = "the right held decides": the notice uses the 8.3 power —
    supplier_termination `exercised` 08-25 10:00, the contract ended by supplier_terminates (whose event and
    contract_life name termination_ground_reading and termination_effective).  The remedy row's assumptions list
    staff_required, invoice_in_parts, prepayment_guarantee_release, payment_term, termination_damages_basis,
    termination_after_performance — not the two readings that make the notice its exercise.  Right: both named."""
    rep = run(seed, SUPPLIER_OTHER, T("2025-10-01"))
    (r,) = rows(rep, "remedies", "supplier_termination")
    assert (r["status"], r["exercised_at"], r["amount"]) == ("exercised", T("2025-08-25"), "349000.00")
    assert {"termination_ground_reading", "termination_effective"} <= set(r["assumptions"])


def test_passing_as_labelled_the_power_stays_held(seed, as_labelled):
    """Guard for defect 3: on termination_ground_reading = "as labelled" the same notice ("other") is no exercise of the
    8.3 power — supplier_termination `held` since 2025-08-20T00:00 with ¥349,000.00, the contract not ended; default:
    ended 2025-08-25 10:00 by supplier_terminates."""
    rep = run(seed, SUPPLIER_OTHER, T("2025-10-01"))
    assert (rep["contract_life"]["ended"], rep["contract_life"]["ended_by"]) == (T("2025-08-25"), "supplier_terminates")
    rep = run(as_labelled, SUPPLIER_OTHER, T("2025-10-01"))
    assert rep["contract_life"]["ended"] is None
    assert rem(rep, "supplier_termination") == [("held", Z("2025-08-20"), "349000.00")]


def _text(facts, as_of, tmp_path):
    import subprocess
    import sys

    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(lines(facts)) + "\n", encoding="utf-8")
    run_ = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(RULES), "--facts", str(path), "--as-of", as_of,
                           "--format", "text"], capture_output=True, text=True, cwd=ROOT)
    assert run_.returncode == 0, run_.stderr
    return run_.stdout


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (10:01–): as above)
def test_the_text_summary_of_the_five_percent_names_when_a_termination_takes_effect(tmp_path):
    """DEFECT (what legal staff read first; the same root as the row above; medium-high confidence).  BUYER_OTHER as of
    2025-10-01 00:00, `qiyue eval --format text`: the head line says the contract ended 2025年9月10日10时 by
    buyer_without_cause "所依据的假定：…解除何时生效（termination_effective）…"; the summary lists "可主张的救济 1 项：…
    ¥349,000.00" and "以上结论所依据的假定：甲方“无故”中途解除的含义（buyer_termination_cause）" — nothing else.  Right:
    the summary's readings include termination_effective (the ¥349,000.00 stands or falls with it)."""
    out = _text(BUYER_OTHER, Z("2025-10-01"), tmp_path)
    summary = out[out.index("一、概要"):out.index("二、逐条")]
    assert "¥349,000.00" in summary
    (line,) = [x for x in summary.splitlines() if "以上结论所依据的假定" in x]
    assert "termination_effective" in line


# ------------------------------------------------------------------ 4. organize_acceptance and acceptance_application
PREMATURE = [SIGN, GUARANTEE, f("ap", "acceptance_applied", T("2026-06-01"))]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (10:01–): a rule rests on the readings of the deemed events its exceptions read (plans: excuse_reads))
def test_organize_acceptance_names_the_reading_of_a_premature_application(seed):
    """DEFECT (a breach of 2.2(4) held against 甲方 on a reading the row does not show; medium-high confidence).  SIGN;
    乙方 applies for acceptance Mon 2026-06-01 10:00, before the service year ends (24:00 Sat 06-27); nothing more.
    Default acceptance_application = "after the service period": the application starts no review
    (premature_acceptance_application), no deemed acceptance, and 甲方, not having organized the acceptance within 30
    days of the year's end (due 2026-07-28T00:00), is in breach of 2.2(4).  On "any time" the same application starts the
    review (06-02 .. 06-05, 06-08 .. 06-12, 06-15 — 10 working days, 端午 2026 falling on Fri 06-19 after it → due
    06-16T00:00), its miss deems the project accepted, and organize_acceptance is `excused` (guard below).  The row's
    assumptions: ['failed_review_organizes', 'acceptance_after_late_application'].  Right: acceptance_application too."""
    rep = run(seed, PREMATURE, T("2026-08-20"))
    o = row(rep, "organize_acceptance")
    assert (o["status"], o["due"]) == ("violated", Z("2026-07-28"))
    assert "acceptance_application" in o["assumptions"]


def test_passing_the_reading_of_a_premature_application_decides_the_breach(seed, any_time):
    """Guard for defect 4: default — premature_acceptance_application, no deemed acceptance, organize_acceptance
    `violated` (due 2026-07-28T00:00); on "any time" — review `violated` at 2026-06-16T00:00, deemed acceptance then,
    organize_acceptance `excused`."""
    import chinese_calendar as cc

    days = [date(2026, 6, d) for d in range(2, 16)]
    assert [d.day for d in days if cc.is_workday(d)] == [2, 3, 4, 5, 8, 9, 10, 11, 12, 15]
    rep = run(seed, PREMATURE, T("2026-08-20"))
    assert "premature_acceptance_application" in codes(rep) and events(rep, "deemed_acceptance") == []
    assert [x[1:3] for x in live(rep, "organize_acceptance")] == [("violated", Z("2026-07-28"))]
    rep = run(any_time, PREMATURE, T("2026-08-20"))
    assert [x[1:3] for x in live(rep, "acceptance_review")] == [("violated", Z("2026-06-16"))]
    assert events(rep, "deemed_acceptance") == [Z("2026-06-16")]
    assert [x[1] for x in live(rep, "organize_acceptance")] == ["excused"]


# ------------------------------------------------------------------ 5. a notice of termination that vanishes
# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (10:01–): the seed's finding termination_without_right for 乙方's notice on a ground it cannot end by, under 'as labelled')
def test_as_labelled_a_suppliers_notice_for_other_reasons_is_not_passed_over_in_silence(as_labelled):
    """DEFECT (silent; medium confidence — a non-default reading, but one the rule file offers legal staff).  PAY_1 and
    乙方's termination "for other reasons" Mon 2025-08-25 10:00 (its 8.3 power held since 08-20T00:00).  On "as
    labelled" the rule file says "乙方须写 late_payment": the notice is no exercise, the contract goes on (guard above).
    乙方 believes it has left the contract; 甲方 believes so too.  The report: no finding at all — the notice is matched by
    no ground's line, so the engine never hears of it.  Under the default reading a notice with no power behind it
    gives termination_without_right (guard below).  Right: termination_without_right (or a finding of its kind) here
    too."""
    rep = run(as_labelled, SUPPLIER_OTHER, T("2025-10-01"))
    assert rep["contract_life"]["ended"] is None
    # (the seed's own finding is termination_on_no_ground: a rule file's code may not be one the engine says itself —
    # tests/test_engine_is_generic.py)
    assert {"termination_without_right", "termination_on_no_ground"} & set(codes(rep))


def test_passing_a_notice_without_power_is_said_under_the_default_reading(seed):
    """Guard for defect 5: SIGN only (no payment owed, no power); 乙方's termination "for other reasons" 2025-09-10
    10:00 — not ended, termination_without_right."""
    rep = run(seed, [SIGN, f("t", "termination_notified", T("2025-09-10"), party="乙方", ground="other")],
              T("2025-10-01"))
    assert rep["contract_life"]["ended"] is None
    assert "termination_without_right" in codes(rep)


# ------------------------------------------------------------------ 6. one event recorded twice
TWICE = {
    # 8.4: 乙方's force majeure Wed 2025-09-10 10:00 recorded twice (fm1, fm2); 乙方's fax at 12:00 about fm1 →
    # within 2 days: 09-11, Fri 09-12 → due 2025-09-13T00:00, in time.
    "force_majeure": (
        [SIGN, fm("fm1", T("2025-09-10")), fm("fm2", T("2025-09-10")),
         fm_fax("n", T("2025-09-10", "12:00:00"), "乙方", ref="fm1")],
        T("2025-09-20"), ["force_majeure_notice"], Z("2025-09-13"), T("2025-09-10", "12:00:00")),
    # 附件2 三.5 / 三.4: a supplier leak found by 乙方 Wed 2025-09-24 10:00 recorded twice (d1, d2); 乙方's fax at 11:00
    # about d1 → "2 小时内" / "立即" (2 hours) → due 12:00, in time.
    "data_leak": (
        [SIGN, f("d1", "data_leak_discovered", T("2025-09-24"), cause="supplier"),
         f("d2", "data_leak_discovered", T("2025-09-24"), cause="supplier"),
         notice("n", T("2025-09-24", "11:00:00"), "乙方", "甲方", "data_leak", "fax", ref="d1")],
        T("2025-10-20"), ["breach_notice", "security_incident_notice"], T("2025-09-24", "12:00:00"),
        T("2025-09-24", "11:00:00")),
    # 附件2 三.4: an incident found by 乙方 Wed 2025-09-24 10:00 recorded twice (i1, i2); 乙方's fax at 11:00 about i1.
    "security_incident": (
        [SIGN, f("i1", "security_incident_found", T("2025-09-24")), f("i2", "security_incident_found", T("2025-09-24")),
         notice("n", T("2025-09-24", "11:00:00"), "乙方", "甲方", "security_incident", "fax", ref="i1")],
        T("2025-10-20"), ["security_incident_notice"], T("2025-09-24", "12:00:00"), T("2025-09-24", "11:00:00")),
}


@pytest.mark.xfail(strict=True, reason="8.4 / 附件2 三.4, 三.5 / 2.1(3): one force majeure, leak or incident recorded twice "
                                       "(same party or cause, same instant) gives two notice duties, and 乙方's notice in "
                                       "time about the one leaves the other 'violated' (a leak: also two bond deductions, "
                                       "two deduction_without_bond); right: one duty, fulfilled — the rule file's own "
                                       "convention for an address change (10.2), an outage (8.2) and a failed acceptance "
                                       "(2.1(3)) recorded twice")
@pytest.mark.parametrize("what", list(TWICE))
def test_one_event_recorded_twice_is_one_notice_duty(seed, what):
    """DEFECT (a breach for a notice in time; medium-high confidence for the leak — 附件2 三.5: "需在2小时内书面通知甲方，
    并承担全部法律责任及赔偿" — medium for the force majeure and the incident: two events at one second are not impossible,
    but the rule file's own reading, "同一…同一时刻…记录了两次，仍是一次" (once per a.party, a.at; once per s.subproject,
    s.at; once per h.at), is what every other clause does).  SIGN; the event is exported by two systems (two ids, same
    attributes, same instant); 乙方 notifies 甲方 by fax, in time, naming the first record.  The engine: the duty of the
    first record `fulfilled`, the duty of the second `violated` — 乙方 in breach for the very event it notified; for the
    leak also 2.1(3)'s deduction twice (and deduction_without_bond twice), for the force majeure two powers to terminate
    for each party.  Right: one duty per row name, fulfilled by the fax (dues counted by hand in TWICE)."""
    facts, as_of, names, due, at = TWICE[what]
    rep = run(seed, facts, as_of)
    for name in names:
        assert [(s, d, x) for _, s, d, x in live(rep, name)] == [("fulfilled", due, at)], name
    if what == "data_leak":
        assert len(rows(rep, "remedies", "bond_deduction")) == 1


def test_passing_one_event_recorded_once(seed):
    """Guard for defect 6: each stream of TWICE without its second record — one duty per row name, fulfilled by the fax;
    for the force majeure one power for each party; for the leak one deduction (no guarantee: deduction_without_bond
    once)."""
    for what, (facts, as_of, names, due, at) in TWICE.items():
        rep = run(seed, [x for x in facts if x["id"] not in ("fm2", "d2", "i2")], as_of)
        for name in names:
            assert [(s, d, x) for _, s, d, x in live(rep, name)] == [("fulfilled", due, at)], (what, name)
        if what == "force_majeure":
            assert sorted(r["holder"] for r in rows(rep, "remedies", "force_majeure_termination")) == ["乙方", "甲方"]
        if what == "data_leak":
            assert len(rows(rep, "remedies", "bond_deduction")) == 1
            assert codes(rep) == ["deduction_without_bond"]


# ======================================================================================================== what holds
# ------------------------------------------------------------------ the payment chain of 2.2(1) and 8.3
def test_passing_a_part_paid_before_the_invoice_and_the_rest_late(seed):
    """PAY_1 with ¥1,000,000.00 of installment 1 paid Thu 2025-07-03 09:00 — before the invoice (07-04 10:00) completed
    the conditions — and ¥2,490,000.00 on Thu 08-07 10:00.  The duty arises 07-04 10:00 (due 08-05T00:00); paid in full
    only 08-07: late 08-05, 06, 07 = 3 days × ¥6,980.00 = ¥20,940.00; the 15 days not passed: no power.  One
    payment_before_preconditions (the first part)."""
    facts = [*PAY_1[:3], pay("p1", T("2025-07-03", "09:00:00"), "1000000.00"), PAY_1[3], PAY_1[4],
             pay("p2", T("2025-08-07"), "2490000.00")]
    rep = run(seed, facts, T("2025-09-10"))
    assert live(rep, "pay_installment_1") == [("in", "violated", Z("2025-08-05"), T("2025-08-07"))]
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-08-05"), "20940.00")]
    assert rem(rep, "supplier_termination") == []
    assert codes(rep) == ["payment_before_preconditions"]


def test_passing_an_application_for_a_wrong_amount_corrected_later(seed):
    """An application for ¥3,400,000.00 (07-03) does not meet 2.2(1)'s "等额"; the corrected one Thu 2025-07-10 10:00
    completes the conditions: 30 days 07-11 .. Sat 08-09 (rest; Sun 08-10 rest) → Mon 08-11 → due 2025-08-12T00:00.
    At 08-13 10:00: 08-12, 08-13 = 2 days = ¥13,960.00."""
    facts = [*PAY_1[:3], f("ap0", "payment_application_received", T("2025-07-03"), installment=1, amount="3400000.00"),
             PAY_1[4], f("ap1", "payment_application_received", T("2025-07-10"), installment=1, amount="3490000.00")]
    rep = run(seed, facts, T("2025-08-13"))
    assert live(rep, "pay_installment_1") == [("ap1", "violated", Z("2025-08-12"), None)]
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-08-12"), "13960.00")]


def test_passing_a_payment_term_ending_on_the_new_years_make_up_sunday(seed):
    """The conditions complete Tue 2025-12-02 10:00 (the application): 30 days 12-03 .. Thu 2026-01-01 (holiday; 01-02,
    01-03 off) → the make-up working Sunday 01-04 → due 2026-01-05T00:00 (not Monday 01-05 24:00).  Paid Wed 01-07
    10:00: 01-05, 06, 07 = 3 days = ¥20,940.00 across the year end; within 15 days — no power."""
    facts = [*PAY_1[:3], f("ap", "payment_application_received", T("2025-12-02"), installment=1, amount="3490000.00"),
             PAY_1[4], pay("p", T("2026-01-07"), "3490000.00")]
    rep = run(seed, facts, T("2026-02-10"))
    assert live(rep, "pay_installment_1") == [("ap", "violated", Z("2026-01-05"), T("2026-01-07"))]
    assert rem(rep, "late_payment_damages") == [("held", Z("2026-01-05"), "20940.00")]
    assert rem(rep, "supplier_termination") == []


@pytest.mark.parametrize("paid, amount", [
    (Z("2025-08-10"), "41880.00"),                   # on Sun 08-10 (its first instant): 08-05 .. 08-10 = 6 days
    (T("2025-08-09", "23:59:59"), "34900.00"),       # on Sat 08-09: 08-05 .. 08-09 = 5 days
])
def test_passing_eight_three_counts_the_days_of_delay_by_the_payments_date(seed, paid, amount):
    """8.3 "每延期一天": PAY_1 due 2025-08-05T00:00; a payment is on the day it is recorded (a payment at 00:00 is on the
    new day, time-and-law.md: "an act recorded at 00:00 of the next day is on the next day"), and the days of delay run
    from 08-05 to that day inclusive — one second apart, one day (¥6,980.00) apart."""
    rep = run(seed, [*PAY_1, pay("p", paid, "3490000.00")], T("2025-09-10"))
    assert [a for _, _, a in rem(rep, "late_payment_damages")] == ([] if amount is None else [amount])


# ------------------------------------------------------------------ notices
def test_passing_a_fax_resent_after_an_express_letter_of_unknown_delivery(seed):
    """乙方's force majeure Wed 2025-09-10 10:00 → 8.4 notice due 2025-09-13T00:00 (09-11, Fri 09-12).  乙方 sends an
    express letter OUTSIDE the city at 12:00 (10.3 fixes no delivery; no receipt) and, later, a fax Mon 09-15 10:00
    (delivered then, late).  Whether the duty was met in time turns on when the letter arrived — unknown: `undetermined`
    (not `violated`), the late fax its performance at the latest, notice_delivery_undetermined."""
    facts = [SIGN, fm("fm", T("2025-09-10")),
             notice("n1", T("2025-09-10", "12:00:00"), "乙方", "甲方", "force_majeure", "express", ref="fm", local=False),
             notice("n2", T("2025-09-15"), "乙方", "甲方", "force_majeure", "fax", ref="fm")]
    rep = run(seed, facts, T("2025-09-20"))
    assert live(rep, "force_majeure_notice") == [("fm", "undetermined", Z("2025-09-13"), T("2025-09-15"))]
    assert "notice_delivery_undetermined" in codes(rep)


def test_passing_a_notice_by_a_method_ten_one_does_not_know_is_refused(seed, tmp_path):
    """10.1: "以（1）专人递送，（2）特快专递，（3）传真，或（4）挂号信件发出" — a notice by e-mail is no notice of the
    contract: the fact is refused (API: QiyueError naming method and the four methods; CLI `--format json`: exit 1,
    one error bad_attribute on line 2 of the file), not read as some other kind."""
    import subprocess
    import sys

    from engine.diagnostics import QiyueError

    bad = [SIGN, notice("n", T("2025-09-10"), "乙方", "甲方", "other", "email")]
    with pytest.raises(QiyueError) as exc:
        seed.evaluate(lines(bad), T("2025-09-20"))
    assert "method" in str(exc.value) and "registered_mail" in str(exc.value)
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(lines(bad)) + "\n", encoding="utf-8")
    run_ = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(RULES), "--facts", str(path),
                           "--as-of", T("2025-09-20"), "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert run_.returncode == 1
    (err,) = json.loads(run_.stdout)["errors"]
    assert (err["code"], err["line"], "method" in err["message"]) == ("bad_attribute", 2, True)


@pytest.mark.parametrize("found, due, words", [
    (T("2025-09-24", "10:20:30"), T("2025-09-24", "12:20:30"), "2025年9月24日12时20分30秒"),
    (T("2025-09-24", "23:00:00"), T("2025-09-25", "01:00:00"), "2025年9月25日1时"),
    (T("2025-09-24", "22:00:00"), Z("2025-09-25"), "2025年9月25日0时"),
])
def test_passing_an_hour_deadline_said_in_words_is_its_due(seed, found, due, words):
    """附件2 三.5 "2 小时内" from a leak found by 乙方: the due to the second, its words the same instant, the end instant
    in time (due_included, 第1259条) — across midnight too; and 三.4 (immediate_notice 2 hours) alike."""
    rep = run(seed, [SIGN, f("d", "data_leak_discovered", found, cause="supplier")], T("2025-10-20"))
    for name in ("breach_notice", "security_incident_notice"):
        o = row(rep, name)
        assert (o["status"], o["due"], o["due_cn"], o["due_included"]) == ("violated", due, words, True)


# ------------------------------------------------------------------ 1.4 / 5.2.1: the service year's last instant
@pytest.mark.parametrize("applied, review_due", [
    (Z("2026-06-28"), Z("2026-07-11")),          # the first instant after the year: counts
    ("2026-06-28", Z("2026-07-11")),             # Sunday 06-28 by its date alone: every hour of it after the year
    (T("2026-06-27", "23:59:59"), None),         # the year's last second: premature (5.2.1)
    ("2026-06-27", None),                        # Saturday 06-27 by its date alone: every hour of it in the year
])
def test_passing_an_application_at_the_service_years_edge(seed, applied, review_due):
    """1.4: the year ends 24:00 Sat 2026-06-27 (service_end 06-28T00:00).  5.2.1 (assumption acceptance_application): an
    application after it starts 5.2.3's ten working days — 06-29 .. 07-03, 07-06 .. 07-10 → due 2026-07-11T00:00, missed
    → deemed acceptance then, and 2.2(4) `excused`; one before it starts nothing (premature_acceptance_application) and
    2.2(4) is `violated` at 2026-07-28T00:00."""
    rep = run(seed, [SIGN, GUARANTEE, f("ap", "acceptance_applied", applied)], T("2026-08-20"))
    if review_due:
        assert [x[1:3] for x in live(rep, "acceptance_review")] == [("violated", review_due)]
        assert events(rep, "deemed_acceptance") == [review_due]
        assert [x[1] for x in live(rep, "organize_acceptance")] == ["excused"]
    else:
        assert live(rep, "acceptance_review") == [] and events(rep, "deemed_acceptance") == []
        assert "premature_acceptance_application" in codes(rep)
        assert [x[1:3] for x in live(rep, "organize_acceptance")] == [("violated", Z("2026-07-28"))]
