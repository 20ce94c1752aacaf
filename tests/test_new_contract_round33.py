"""What a legal engineer writing a 房屋租赁合同 (an office lease, 民法典 第703–734条; tests/contracts/houselease.txt and
houselease.qy) found. 甲方 (landlord) lets 乙方 (tenant) an office for two years from 2025-10-01 to 2027-09-30 at ¥8,000.00 a
month paid in advance by the 5th (a rest day or holiday → the next working day, 3.2); 万分之五 a day late, to the day of
payment (3.3); a ¥16,000.00 deposit paid within 5 days of signing (4.1) and returned within 15 days of the handover at the
end less unpaid rent and damages (4.2); the landlord repairs within 3 days of the tenant's notice, else the tenant repairs
and deducts (5.2–5.3, 第712–713条); sub-letting only with written consent, the landlord's silence for six months after he
knows is consent (6.1–6.2, 第716、718条); more than 30 days' arrears and a written demand giving 7 days → the landlord may
terminate (7.1, 第722条); danger to safety → the tenant may terminate at any time (7.2, 第731条); premises returned within
10 days of the end (7.4); a renewal request a month before expiry and the tenant's priority (8.1–8.2, 第734条第2款);
force majeure (9.2–9.3); EMS deemed delivered on the 3rd day after posting, e-mail on entering the system (10.2).
Each verdict below is counted by hand from the contract and the law (第201–204条), on both backends (the durable report
must equal the reference).

Calendar (chinese-calendar 1.11.0, each day checked with is_workday): 2025 — Sat 09-20 a rest day, Thu 09-25 working;
National Day / Mid-Autumn Wed 10-01 … Wed 10-08 holidays (Sun 10-05, Mon 10-06 included), Thu 10-09 working, Sat 10-11 a
make-up working day, Sun 10-12 a rest day; Wed 11-05 working, Sun 11-16 a rest day, Mon 11-17 working, Sun 11-30 a rest
day, Mon 12-01 working, Fri 12-05 working, Sat 12-13 and Sun 12-14 rest days, Mon 12-15 working. 2026 — Thu 01-01 a holiday,
Sun 01-04 a make-up working day, Mon 01-05 working; Thu 02-05, Wed 02-11, Thu 02-12, Fri 02-13 working, Sat 02-14 a make-up
working day, Spring Festival Sun 02-15 … Mon 02-23 holidays, Tue 02-24 working, Sat 02-28 a make-up working day; Thu 03-05
working; Qingming Sat 04-04 … Mon 04-06 holidays, Tue 04-07 working, Sun 04-12 a rest day, Mon 04-13 working; Labour Day
Fri 05-01 … Tue 05-05 holidays, Wed 05-06 working, Sat 05-09 a make-up working day; Fri 06-05 working; Sun 06-14 a rest day,
Wed 06-17 working; Dragon Boat Fri 06-19 … Sun 06-21, Sun 06-28 a rest day, Mon 06-29 working; Sun 07-05 a rest day, Mon
07-06 working; Wed 08-05 working; Sat 09-05 a rest day, Mon 09-07 working; National Day Thu 10-01 … Wed 10-07 (Mon 10-05
a holiday), Thu 10-08 working, Sat 10-10 a make-up working day; Thu 11-05 working; Sat 12-05 a rest day, Mon 12-07 working.

Conventions: both sign Sat 2025-09-20 10:00 (in force then, 12.1); the deposit is paid 09-22 and the premises handed over
10-01 09:00. Hand counts:
- deposit (4.1): 5 days from 09-20 → 09-21 … Thu 09-25, working → due 09-26 00:00; delivery (2.2) on the agreed day
  10-01, a holiday, not moved → due 10-02 00:00;
- rent (3.2), the 5th or the next working day, due at its 24:00: 2025-10 → the 5th to 8th are holidays → Thu 10-09 (due
  10-10 00:00); 11 → 11-06; 12 → 12-06; 2026-01 → 01-06; 02 → 02-06; 03 → 03-06; 04 → Sun 04-05 (Qingming) → Tue 04-07
  (04-08); 05 → Tue 05-05 (Labour Day) → Wed 05-06 (05-07); 06 → 06-06; 07 → Sun 07-05 → Mon 07-06 (07-07); 08 → 08-06;
  09 → Sat 09-05 → Mon 09-07 (09-08); 10 → Mon 10-05 (National Day) → Thu 10-08 (10-09); 11 → 11-06; 12 → Sat 12-05 → Mon
  12-07 (12-08);
- damages (3.3) ¥8,000.00 × 0.05% = ¥4.00 a day from the first day overdue to the day of payment, both counted: October's
  rent paid 10-20 → 10-10 … 10-20 = 11 days = ¥44.00; paid at 10-10 00:00 → 1 day ¥4.00; ¥5,000.00 on 10-15 and
  ¥3,000.00 on 10-20 → 6 × ¥4.00 + 5 × ¥1.50 = ¥31.50; paid 11-17 → 22 + 17 = 39 days = ¥156.00; unpaid to 12-10 →
  22 + 30 + 10 = 62 days = ¥248.00;
- 7.1: October's last day 10-09; "more than 30 days" (assumption thirty_days) = after 10-10 … 11-08 24:00; an EMS demand
  posted 11-05 is delivered 11-08 00:00 (no right), posted 11-06 → 11-09 00:00 (counts); an e-mail entering 11-08 23:59
  no, 11-09 00:00 yes; 7 days from 11-09 → 11-10 … Sun 11-16 → Mon 11-17 → the right arises 11-18 00:00 if October (and
  every month overdue at the demand, assumption overdue_rent_meaning) is still unpaid; paid 11-17 23:00 → no right, at
  11-18 00:00 → the right; April 2026: last day 04-07, 30 days 04-08 … 05-07: EMS posted 05-04 → 05-07 00:00 (no right),
  posted 05-05 → 05-08 00:00 → 7 days 05-09 (make-up Saturday) … Fri 05-15 → right at 05-16 00:00;
- termination delivered 11-20 10:00 → return within 10 days (7.4): 11-21 … Sun 11-30 → Mon 12-01 → due 12-02 00:00;
  handover 11-28 10:00 → deposit within 15 days: 11-29 … Sat 12-13 → Mon 12-15 → due 12-16 00:00; balance: October paid at
  the handover → 16,000.00 − 50 days × ¥4.00 = ¥15,800.00; October never paid → 16,000.00 − 8,000.00 − 50 × ¥4.00 =
  ¥7,800.00; handover at the very instant of termination (or before it) → from 11-20: 11-21 … Fri 12-05 → due 12-06 00:00,
  balance 16,000.00 − 8,000.00 − 42 × ¥4.00 = ¥7,832.00;
- repair (5.2) within 3 days of delivery of the notice: 2026-02-11 → 02-12, 02-13, Sat 02-14 (make-up working) → due 02-15
  00:00; 02-12 → 02-15 (Spring Festival) → 02-24 → due 02-25 00:00 (an EMS notice posted Mon 02-09 is delivered 02-12 00:00:
  the same); 2025-10-06 → Thu 10-09 → due 10-10 00:00; 10-08 → Sat 10-11 make-up → due 10-12 00:00; with 甲方's force
  majeure from 06-10 10:00 to 06-13 22:00 a notice delivered 06-11 10:00 is suspended 2 days 12 hours → 3 days added to its
  own last day Sun 06-14 → Wed 06-17 → due 06-18 00:00;
- 6.2 / 第718条: 甲方 learns of the sub-letting Thu 2026-03-05: six months (a period to object, moved) → Sat 09-05 → Mon 09-07
  → deemed consent 09-08 00:00, the termination right lapses then; 
- 7.2: tenant terminates by e-mail 2026-04-02 10:00 → return 04-03 … Sun 04-12 → Mon 04-13 → due 04-14 00:00;
  9.3: 甲方's EMS posted 06-15 → delivered and terminated 06-18 00:00 → return 06-19 … Sun 06-28 → Mon 06-29 → due 06-30 00:00;
- 10.3: an address changed Thu 2026-02-12 → 02-13, 02-14 (make-up), 02-15 (Spring Festival) → 02-24 → due 02-25 00:00;
- 9.1: 乙方's force majeure 2026-09-28 … 10-12 touches October's rent (due 10-09 00:00): violated, with a caveat;
- 2027 (no official calendar): January's rent is surely in time if paid on Tue 01-05 (due_not_before 01-06 00:00),
  undetermined after; December 2026's damages 12-08 … 01-20 = 24 + 20 = 44 days = ¥176.00;
- 8.1: "届满前一个月" = by 2027-08-30 24:00 (09-30 less one month): EMS posted 08-27 → 08-30 in time; posted 08-28 →
  08-31 00:00 late; e-mail 08-30 23:59 in time, 08-31 00:00 late.

Defects found (strict xfails below):
- a moment held in a parameter (`param renewal_cutoff = day_end(…)`) compares as a bare instant: a renewal request
  delivered at 08-31 00:00 is taken as in time (inline `day_end(…)` in the condition gives the right answer) — the same
  root as round 32's `guaranty_from`;
- a remedy's trigger condition reads facts of the same day as a trigger known by its date alone (a demand e-mail recorded
  "2025-11-09", October's rent paid 11-09 10:00): whether October was unpaid at the demand is unknown, yet the right to
  terminate is reported held with no word (a silent guess; should be undetermined);
- `qiyue watch` prints the termination as "依据 notice_delivered:tn" (an engine key) where eval says "依据 tn";
- `qiyue watch` reports the lapse of the sub-letting right by deemed consent (`lapses when`, 6.2 / 第718条) as
  "因合同终止而失效" while the lease is in force;
- the eval text report explains that lapse with "（最后满足的是 sublet_deemed_consent:sk）", an engine key;
- a duplicate alias is reported only at its second binding ("别名 “x” 在此处已经使用过"), with no pointer to the first
  binding and no hint;
- a per-day amount that must stop at a fact and stay owed (5.3 / 第713条第2款: rent reduced by rent ÷ 30 a day from the
  repair notice to the repair, 03-02 … 03-04 = 3 days = ¥800.00) can only be stopped by `lapses when`, which makes the row
  'lapsed' and drops the ¥800.00 from the claimable rights;
- the language cannot say that the lease ended at expiry when only a later fact (the handover within the return period,
  第734条第1款) shows it was not continued: `termination … at lease_end` on that later fact ends it at the fact instead.

Written into the rules rather than reported: 第731条's "随时解除" is `exercise until lease_end` (otherwise 第564条第2款's year
silently ends the tenant's right a year after the danger is found); the deposit's 15 days run from the later of handover
and termination (a trigger `premises_returned h where present(ended)` misses a handover at the very instant of the end,
as §4.3 documents); the self-repair cost only after the landlord is late (`s.at >= o.at`)."""
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules

ROOT = Path(__file__).resolve().parent.parent
QY = ROOT / "tests" / "contracts" / "houselease.qy"
SRC = QY.read_text(encoding="utf-8")
RULES = compile_file(QY)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def t(s):
    """'2026-05-20 15:00' or '… 15:00:01' → an ISO instant in Beijing time; a bare date stays a bare date."""
    if " " not in s:
        return s
    d, h = s.split()
    return f"{d}T{h}:00+08:00" if len(h) == 5 else f"{d}T{h}+08:00"


def mail(fid, at, frm, to, subject, entered=None, **attrs):
    return f(fid, "notice_sent", t(at), **{"from": frm, "to": to, "subject": subject, "method": "email",
                                           "entered_at": t(entered or at)}, **attrs)


def ems(fid, at, frm, to, subject, **attrs):
    return f(fid, "notice_sent", t(at), **{"from": frm, "to": to, "subject": subject, "method": "ems"}, **attrs)


def rent(fid, at, month, amount="8000.00"):
    return f(fid, "rent_paid", t(at), month=month, amount=amount)


SIGNED = [f("s1", "contract_signed", t("2025-09-20 10:00")), f("dp", "deposit_paid", t("2025-09-22 10:00"), amount="16000.00"),
          f("hd", "premises_delivered", t("2025-10-01 09:00"))]
NOV_PAID = rent("r11", "2025-11-03 10:00", "2025-11")
DEMAND = mail("d1", "2025-11-09 10:00", "甲方", "乙方", "rent_demand")
TERMINATE = mail("tn", "2025-11-20 10:00", "甲方", "乙方", "termination", ground="rent")


def lines(facts):
    return [json.dumps(x, ensure_ascii=False) for x in SIGNED + facts]


def run(facts, as_of, rules=RULES):
    """The report on the reference backend, checked equal to the durable backend's."""
    ls = lines(facts)
    ref = rules.evaluate(ls, t(as_of))
    assert rules.evaluate(ls, t(as_of), backend="durable") == ref
    return ref


def ob(report, name):
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in report["obligations"]
            if o["name"] == name and o["status"] != "inactive"]


def st(report, name):
    return [(s, d) for _, s, d, _ in ob(report, name)]


def rem(report, name):
    return [(r["holder"], r["status"], r["amount"]) for r in report["remedies"] if r["name"] == name]


def since(report, name):
    return [(r["status"], r["since"]) for r in report["remedies"] if r["name"] == name]


def evs(report, name):
    return [e["at"] for e in report["events"] if e["name"] == name]


def codes(report):
    return [x["code"] for x in report["findings"] if x["code"] not in ("open_point", "unused_assumption")]


def ended(report):
    return report["contract_life"].get("ended")


def cli(*args, tmp_path=None, facts=None):
    argv = [sys.executable, "-m", "engine.cli", *args]
    if facts is not None:
        path = tmp_path / "facts.jsonl"
        path.write_text("\n".join(lines(facts)) + "\n", encoding="utf-8")
        argv += ["--facts", str(path)]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")


# ------------------------------------------------------------------ the rule file itself
def test_passing_rule_file_checks_clean():
    """¥8,000.00 × 2 = ¥16,000.00 (壹万陆仟元整): no stated_amount_mismatch, no amount_words_mismatch; 2025-10-01 + 2 years − 1
    day = 2027-09-30: no contract_inconsistency; the two assumptions are the two open points."""
    out = cli("check", str(QY), "--format", "json")
    assert out.returncode == 0, out.stdout + out.stderr
    assert sorted(x["code"] for x in json.loads(out.stdout)["findings"]) == ["open_point"] * 2
    assert cli("check", "--backend", "durable", str(QY)).returncode == 0


# ------------------------------------------------------------------ 4.1, 2.2, 3.2 dues
def test_passing_deposit_delivery_and_every_rent_due():
    r = run([], "2026-12-10 12:00")
    assert st(r, "pay_deposit") == [("fulfilled", "2025-09-26T00:00:00+08:00")]
    assert st(r, "deliver") == [("fulfilled", "2025-10-02T00:00:00+08:00")]
    dues = ["2025-10-10", "2025-11-06", "2025-12-06", "2026-01-06", "2026-02-06", "2026-03-06", "2026-04-08",
            "2026-05-07", "2026-06-06", "2026-07-07", "2026-08-06", "2026-09-08", "2026-10-09", "2026-11-06",
            "2026-12-08"]
    assert [(trig, d) for trig, _, d, _ in ob(r, "pay_rent")] == list(zip(
        ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07",
         "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"], [d + "T00:00:00+08:00" for d in dues]))
    assert {s for _, s, _, _ in ob(r, "pay_rent")} == {"violated"}
    assert codes(r) == []


@pytest.mark.parametrize("paid, status", [("2025-10-09 23:59:59", "fulfilled"), ("2025-10-10 00:00", "violated"),
                                          ("2025-09-25 10:00", "fulfilled")])
def test_passing_october_rent_by_24_00_on_10_09(paid, status):
    """Paid in advance before the lease starts: fulfilled when the month begins (10-01 00:00)."""
    r = run([rent("r", paid, "2025-10")], "2025-10-20 12:00")
    assert st(r, "pay_rent")[0] == (status, "2025-10-10T00:00:00+08:00")
    assert ob(r, "pay_rent")[0][3] == (t(paid) if paid > "2025-10" else "2025-10-01T00:00:00+08:00")


# ------------------------------------------------------------------ 3.3 damages
@pytest.mark.parametrize("facts, amount", [
    ([rent("r", "2025-10-20 10:00", "2025-10")], "44.00"),
    ([rent("r", "2025-10-20", "2025-10")], "44.00"),
    ([rent("r", "2025-10-10 00:00", "2025-10")], "4.00"),
    ([rent("a", "2025-10-15 10:00", "2025-10", "5000.00"), rent("b", "2025-10-20 10:00", "2025-10", "3000.00")], "31.50"),
    ([rent("a", "2025-10-15", "2025-10", "5000.00"), rent("b", "2025-10-20", "2025-10", "3000.00")], "31.50"),
])
def test_passing_late_rent_damages_to_the_day_of_payment(facts, amount):
    r = run(facts, "2025-11-01 12:00")
    assert rem(r, "late_fee") == [("甲方", "held", amount)]


# ------------------------------------------------------------------ 7.1 / 第722条
@pytest.mark.parametrize("demand, delivered, right", [
    (ems("d1", "2025-11-05 10:00", "甲方", "乙方", "rent_demand"), "2025-11-08T00:00:00+08:00", False),
    (ems("d1", "2025-11-06 10:00", "甲方", "乙方", "rent_demand"), "2025-11-09T00:00:00+08:00", True),
    (mail("d1", "2025-11-08 23:59", "甲方", "乙方", "rent_demand"), "2025-11-08T23:59:00+08:00", False),
    (mail("d1", "2025-11-09 00:00", "甲方", "乙方", "rent_demand"), "2025-11-09T00:00:00+08:00", True)])
def test_passing_demand_only_after_more_than_thirty_days(demand, delivered, right):
    r = run([NOV_PAID, demand], "2025-11-25 12:00")
    assert evs(r, "notice_delivered") == [delivered]
    assert since(r, "rent_power") == ([("held", "2025-11-18T00:00:00+08:00")] if right else [])


@pytest.mark.parametrize("extra, as_of, right", [
    ([], "2025-11-17 23:59:59", False), ([], "2025-11-18 00:00", True),
    ([rent("r10", "2025-11-17 23:00", "2025-10")], "2025-11-25 12:00", False),
    ([rent("r10", "2025-11-18 00:00", "2025-10")], "2025-11-25 12:00", True)])
def test_passing_seven_days_to_pay_moved_off_sunday(extra, as_of, right):
    r = run([NOV_PAID, DEMAND] + extra, as_of)
    assert rem(r, "rent_power") == ([("甲方", "held", None)] if right else [])


def test_passing_demand_reaches_every_month_overdue_at_the_demand():
    """October paid within the 7 days, November (overdue since 11-06) not: still 'not paid' (overdue_rent_meaning)."""
    r = run([DEMAND, rent("r10", "2025-11-17 23:00", "2025-10")], "2025-11-20 00:00")
    assert rem(r, "rent_power") == [("甲方", "held", None)]
    assert rem(r, "late_fee") == [("甲方", "held", "156.00"), ("甲方", "held", "60.00")]


@pytest.mark.parametrize("order", list(itertools.permutations([0, 1])))
@pytest.mark.parametrize("demand, paid", [
    (DEMAND, "2025-11-09 10:00"), (mail("d1", "2025-11-09 00:00", "甲方", "乙方", "rent_demand"), "2025-11-09 00:00"),
    (ems("d1", "2025-11-06 10:00", "甲方", "乙方", "rent_demand"), "2025-11-09 00:00")])
def test_passing_payment_at_the_demand_instant_in_either_order(order, demand, paid):
    """October paid at the very instant the demand is delivered (also when the delivery is deemed at 11-09 00:00 from an
    EMS posted 11-06): not unpaid at the demand → no right; 10-10 … 11-09 = 31 days = ¥124.00."""
    same = [demand, rent("r10", paid, "2025-10")]
    r = run([same[i] for i in order] + [NOV_PAID], "2025-11-25 12:00")
    assert rem(r, "rent_power") == [] and rem(r, "late_fee") == [("甲方", "held", "124.00")]


@pytest.mark.parametrize("posted, as_of, right", [
    ("2026-05-04 10:00", "2026-05-25 12:00", False), ("2026-05-05 10:00", "2026-05-15 23:59:59", False),
    ("2026-05-05 10:00", "2026-05-16 00:00", True)])
def test_passing_april_2026_thirty_days_from_the_moved_due(posted, as_of, right):
    pays = [rent(f"p{m}", f"{m}-01 10:00", m) for m in
            ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-05"]]
    r = run(pays + [ems("d", posted, "甲方", "乙方", "rent_demand")], as_of)
    assert since(r, "rent_power") == ([("held", "2026-05-16T00:00:00+08:00")] if right else [])


def test_passing_termination_return_and_deposit():
    r = run([NOV_PAID, DEMAND, TERMINATE], "2025-12-10 12:00")
    assert ended(r) == "2025-11-20T10:00:00+08:00" and r["contract_life"]["ended_by"] == "rent_termination"
    assert rem(r, "rent_power") == [("甲方", "exercised", None)]
    assert st(r, "return_premises") == [("violated", "2025-12-02T00:00:00+08:00")]
    assert st(r, "pay_rent") == [("violated", "2025-10-10T00:00:00+08:00"), ("fulfilled", "2025-11-06T00:00:00+08:00")]
    assert rem(r, "late_fee") == [("甲方", "held", "248.00")]
    r = run([NOV_PAID, DEMAND, TERMINATE, f("rt", "premises_returned", t("2025-11-28 10:00")),
             rent("r10", "2025-11-28 10:00", "2025-10")], "2025-12-20 12:00")
    assert st(r, "return_premises") == [("fulfilled", "2025-12-02T00:00:00+08:00")]
    assert rem(r, "deposit_balance") == [("乙方", "held", "15800.00")]
    assert st(r, "return_deposit") == [("violated", "2025-12-16T00:00:00+08:00")]
    r = run([NOV_PAID, DEMAND, TERMINATE, f("rt", "premises_returned", t("2025-11-28 10:00")),
             f("rf", "deposit_refunded", t("2025-12-15 16:00"), amount="7800.00")], "2025-12-20 12:00")
    assert rem(r, "deposit_balance") == [("乙方", "held", "7800.00")]
    assert st(r, "return_deposit") == [("fulfilled", "2025-12-16T00:00:00+08:00")]


@pytest.mark.parametrize("returned", ["2025-11-20 10:00", "2025-11-15 10:00"])
@pytest.mark.parametrize("first", [0, 1])
def test_passing_handover_at_or_before_termination_runs_deposit_from_termination(returned, first):
    pair = [TERMINATE, f("rt", "premises_returned", t(returned))]
    r = run([NOV_PAID, DEMAND, pair[first], pair[1 - first]], "2025-12-20 12:00")
    assert st(r, "return_deposit") == [("violated", "2025-12-06T00:00:00+08:00")]
    assert rem(r, "deposit_balance") == [("乙方", "held", "7832.00")]


@pytest.mark.parametrize("notice, end", [
    (ems("tn", "2025-11-15 10:00", "甲方", "乙方", "termination", ground="rent"), "2025-11-18T00:00:00+08:00"),
    (mail("tn", "2025-11-18 00:00", "甲方", "乙方", "termination", ground="rent"), "2025-11-18T00:00:00+08:00"),
    (mail("tn", "2025-11-17 23:59:59", "甲方", "乙方", "termination", ground="rent"), None)])
def test_passing_termination_delivered_at_the_instant_the_right_arises(notice, end):
    """The right arises at 11-17 24:00; a notice delivered at 11-18 00:00 (EMS posted 11-15, day 3) terminates; one
    delivered a second earlier does not (7.3: effective on delivery)."""
    r = run([NOV_PAID, DEMAND, notice], "2025-12-20 12:00")
    assert ended(r) == end and codes(r) == ([] if end else ["termination_without_right"])


@pytest.mark.parametrize("demands, right_from", [
    ([mail("d0", "2025-11-05 10:00", "甲方", "乙方", "rent_demand"), mail("d2", "2025-11-12 10:00", "甲方", "乙方", "rent_demand")],
     "2025-11-20T00:00:00+08:00")])
def test_passing_an_early_demand_does_not_count_a_later_one_does(demands, right_from):
    """11-05 is before the 30 days (no right); 11-12 → 11-13 … Wed 11-19 → right 11-20 00:00."""
    r = run([NOV_PAID] + demands, "2025-12-20 12:00")
    assert since(r, "rent_power") == [("held", right_from)]


def test_passing_termination_without_the_right_is_void():
    r = run([NOV_PAID, mail("d1", "2025-11-08 23:59", "甲方", "乙方", "rent_demand"), TERMINATE], "2025-12-10 12:00")
    assert ended(r) is None and codes(r) == ["termination_without_right"]


# ------------------------------------------------------------------ 5.2–5.3 repair
@pytest.mark.parametrize("notice, due", [
    (mail("n1", "2026-02-11 10:00", "乙方", "甲方", "repair"), "2026-02-15T00:00:00+08:00"),
    (mail("n1", "2026-02-12 10:00", "乙方", "甲方", "repair"), "2026-02-25T00:00:00+08:00"),
    (ems("n1", "2026-02-09 10:00", "乙方", "甲方", "repair"), "2026-02-25T00:00:00+08:00"),
    (mail("n1", "2025-10-06 10:00", "乙方", "甲方", "repair"), "2025-10-10T00:00:00+08:00"),
    (mail("n1", "2025-10-08 10:00", "乙方", "甲方", "repair"), "2025-10-12T00:00:00+08:00")])
def test_passing_repair_within_three_days_moved_off_holidays(notice, due):
    r = run([notice], "2026-03-01 12:00")
    assert st(r, "repair") == [("violated", due)]


def test_passing_repair_suspended_by_landlords_force_majeure():
    r = run([f("fm", "force_majeure_occurred", t("2026-06-10 10:00"), party="甲方"),
             mail("n1", "2026-06-11 10:00", "乙方", "甲方", "repair"),
             f("fe", "force_majeure_ended", t("2026-06-13 22:00"), ref="fm")], "2026-07-01 00:00")
    assert st(r, "repair") == [("violated", "2026-06-18T00:00:00+08:00")]
    assert st(r, "force_majeure_notice") == [("violated", "2026-06-16T00:00:00+08:00")]


def test_passing_self_repair_cost_deducted_from_rent():
    r = run([mail("n1", "2026-02-12 10:00", "乙方", "甲方", "repair"),
             f("sr", "self_repaired", t("2026-02-26 10:00"), ref="n1", cost="1200.00"),
             rent("r3", "2026-03-04 10:00", "2026-03", "6800.00"),
             f("of", "rent_offset", t("2026-03-04 10:00"), month="2026-03", amount="1200.00")], "2026-03-10 12:00")
    assert rem(r, "self_repair_cost") == [("乙方", "held", "1200.00")]
    assert ("2026-03", "fulfilled", "2026-03-06T00:00:00+08:00", "2026-03-04T10:00:00+08:00") in ob(r, "pay_rent")
    assert "offset_without_ground" not in codes(r)
    r = run([f("of", "rent_offset", t("2026-03-04 10:00"), month="2026-03", amount="1200.00")], "2026-03-10 12:00")
    assert "offset_without_ground" in codes(r)


# ------------------------------------------------------------------ 6.2 sub-letting
SUBLET = [f("sl", "sublet", t("2026-03-01 10:00"), part="part"), f("sk", "sublet_known", t("2026-03-05 10:00"), ref="sl")]


@pytest.mark.parametrize("as_of, consent, status", [("2026-09-07 23:59:59", [], "held"),
                                                     ("2026-09-08 00:00", ["2026-09-08T00:00:00+08:00"], "lapsed")])
def test_passing_six_months_silence_is_consent(as_of, consent, status):
    r = run(SUBLET, as_of)
    assert evs(r, "sublet_deemed_consent") == consent and rem(r, "sublet_power") == [("甲方", status, None)]


@pytest.mark.parametrize("objected", ["2026-05-01 10:00", "2026-09-07 23:00"])
def test_passing_objection_within_six_months_keeps_the_right(objected):
    r = run(SUBLET + [mail("ob", objected, "甲方", "乙方", "sublet_objection", ref="sl")], "2026-10-01 00:00")
    assert evs(r, "sublet_deemed_consent") == [] and rem(r, "sublet_power") == [("甲方", "held", None)]


def test_passing_objection_entering_the_system_at_00_00_of_09_08_is_late():
    """Sent 09-07 23:00 but entering 甲方→乙方's system 09-08 00:00 (10.2): after 09-07 24:00, consent is deemed."""
    r = run(SUBLET + [mail("ob", "2026-09-07 23:00", "甲方", "乙方", "sublet_objection", entered="2026-09-08 00:00", ref="sl")],
            "2026-10-01 00:00")
    assert evs(r, "sublet_deemed_consent") == ["2026-09-08T00:00:00+08:00"]
    assert rem(r, "sublet_power") == [("甲方", "lapsed", None)]


@pytest.mark.parametrize("at, end", [("2026-09-07 10:00", "2026-09-07T10:00:00+08:00"), ("2026-09-08 10:00", None)])
def test_passing_termination_for_subletting_only_before_deemed_consent(at, end):
    r = run(SUBLET + [mail("tn", at, "甲方", "乙方", "termination", ground="sublet")], "2026-10-01 00:00")
    assert ended(r) == end and codes(r) == ([] if end else ["termination_without_right"])


def test_passing_consented_sublet_gives_no_right():
    r = run([mail("c", "2026-02-20 10:00", "甲方", "乙方", "sublet_consent"), SUBLET[0]], "2026-03-10 12:00")
    assert rem(r, "sublet_power") == []


# ------------------------------------------------------------------ 7.2, 9.3 terminations
def test_passing_tenant_terminates_for_danger_to_safety():
    r = run([f("hz", "hazard_found", t("2026-04-01 10:00")), rent("r4", "2026-04-01 10:00", "2026-04"),
             mail("tn", "2026-04-02 10:00", "乙方", "甲方", "termination", ground="safety")], "2026-05-01 00:00")
    assert ended(r) == "2026-04-02T10:00:00+08:00"
    assert st(r, "return_premises") == [("violated", "2026-04-14T00:00:00+08:00")]
    r = run([mail("tn", "2026-04-02 10:00", "乙方", "甲方", "termination", ground="safety")], "2026-05-01 00:00")
    assert ended(r) is None and codes(r) == ["termination_without_right"]


def test_passing_either_party_terminates_when_premises_destroyed():
    r = run([f("pd", "premises_destroyed", t("2026-06-10 10:00")),
             ems("tn", "2026-06-15 10:00", "甲方", "乙方", "termination", ground="force_majeure")], "2026-07-01 00:00")
    assert ended(r) == "2026-06-18T00:00:00+08:00"
    assert rem(r, "destroyed_power") == [("甲方", "exercised", None), ("乙方", "lapsed", None)]
    assert st(r, "return_premises") == [("violated", "2026-06-30T00:00:00+08:00")]


def test_passing_safety_termination_any_time_not_lapsed_after_a_year():
    """第731条 "随时解除": the danger found 2025-10-15; a notice 2026-11-02 still terminates (exercise until lease_end, not
    第564条第2款's year, which would have ended 2026-10-15 24:00)."""
    r = run([f("hz", "hazard_found", t("2025-10-15 10:00")),
             mail("tn", "2026-11-02 10:00", "乙方", "甲方", "termination", ground="safety")], "2026-11-10 12:00")
    assert ended(r) == "2026-11-02T10:00:00+08:00" and codes(r) == []


def test_passing_termination_at_the_first_instant_of_a_month_opens_no_rent_period():
    """Terminated by EMS posted 11-28 → delivered 12-01 00:00, the instant December begins: no December rent."""
    r = run([NOV_PAID, DEMAND, ems("tn", "2025-11-28 10:00", "甲方", "乙方", "termination", ground="rent")],
            "2025-12-20 12:00")
    assert ended(r) == "2025-12-01T00:00:00+08:00"
    assert [(trig, s) for trig, s, _, _ in ob(r, "pay_rent")] == [("2025-10", "violated"), ("2025-11", "fulfilled")]


def test_passing_self_repair_before_the_landlord_is_late_costs_him_nothing():
    r = run([mail("n1", "2026-02-12 10:00", "乙方", "甲方", "repair"),
             f("sr", "self_repaired", t("2026-02-20 10:00"), ref="n1", cost="1200.00")], "2026-03-10 12:00")
    assert st(r, "repair") == [("violated", "2026-02-25T00:00:00+08:00")] and rem(r, "self_repair_cost") == []


def test_passing_rent_clauses_in_chinese_keywords_give_the_same_report():
    a = SRC.index('  obligation pay_rent "支付当月租金" {')
    b = SRC.index('clause "4.1"')
    zh = """  义务 pay_rent "支付当月租金" {
    债务人 乙方
    债权人 甲方
    每 月 p 起自 lease_start 直至 lease_end
    履行条件 合计(x.amount 每当 rent_paid x 满足 x.month == p.label)
      + 合计(d.amount 每当 rent_offset d 满足 d.month == p.label) >= rent
    最迟于 顺延至工作日(当月日(5, p.start))
  }
}

条款 "3.3" "逾期付租违约金" {
  原文 "乙方逾期支付租金的，每逾期一日，按逾期未付租金的万分之五（0.05%）向甲方支付违约金，计至实际支付之日止。"
  救济 late_fee "逾期付租违约金（每日万分之五）" {
    权利人 甲方
    每当 pay_rent.违约 o
    金额 late_rate 之 最大值(¥0.00, rent - 合计(x.amount 每当 rent_paid x 满足 x.month == o.p.label)
      - 合计(d.amount 每当 rent_offset d 满足 d.month == o.p.label)) 按日
    逐日计算
    终止后存续
  }
}

"""
    zh_rules = compile_rules(SRC[:a] + zh + SRC[b:], path=QY)
    facts = [rent("a", "2025-10-15 00:00", "2025-10", "5000.00"), rent("b", "2025-10-20 10:00", "2025-10", "3000.00")]
    r1, r2 = run(facts, "2026-12-10 12:00"), run(facts, "2026-12-10 12:00", rules=zh_rules)
    assert ob(r1, "pay_rent") == ob(r2, "pay_rent") and rem(r1, "late_fee") == rem(r2, "late_fee")
    assert rem(r2, "late_fee")[:2] == [("甲方", "held", "31.50"), ("甲方", "held", "1600.00")]


def test_passing_force_majeure_caveat_on_the_month_it_touches():
    """9.1: 乙方's force majeure 2026-09-28 … 10-12: September's rent (late since 09-08, before it) carries no caveat;
    October's (due 10-09 00:00, during it) is still violated, with the caveat, which its damages repeat."""
    r = run([f("fm", "force_majeure_occurred", t("2026-09-28 10:00"), party="乙方"),
             f("fe", "force_majeure_ended", t("2026-10-12 10:00"), ref="fm")], "2026-10-20 12:00")
    months = {o["trigger"]: o for o in r["obligations"] if o["name"] == "pay_rent"}
    assert months["2026-09"]["status"] == months["2026-10"]["status"] == "violated"
    assert not any("不可抗力" in b for b in months["2026-09"]["because"])
    assert any("须注意" in b and "第9.1条" in b for b in months["2026-10"]["because"])
    fees = [x for x in r["remedies"] if x["name"] == "late_fee"]
    assert [any("第9.1条" in b for b in x["because"]) for x in fees] == [False] * 12 + [True]


@pytest.mark.parametrize("notice, status", [([], "violated"),
                                            ([ems("an", "2026-02-13 10:00", "甲方", "乙方", "address_change")], "fulfilled")])
def test_passing_address_change_notice_within_three_days(notice, status):
    """Changed Thu 02-12 → 02-13, 02-14 (make-up), 02-15 (Spring Festival) → 02-24 → due 02-25 00:00; EMS posted 02-13 is
    delivered 02-16 00:00, in time."""
    r = run([f("ac", "address_changed", t("2026-02-12 10:00"), party="甲方")] + notice, "2026-03-01 12:00")
    assert st(r, "address_notice") == [(status, "2026-02-25T00:00:00+08:00")]


def test_passing_properties_hold():
    out = cli("verify", str(QY), "--examples", "30", "--seed", "7")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "全部 3 项性质成立" in out.stdout


def test_passing_tenant_may_also_terminate_when_premises_destroyed():
    """乙方's e-mail 06-15 10:00 ends the lease; 甲方's right lapses with it; return 06-16 … Thu 06-25 → due 06-26 00:00."""
    r = run([f("pd", "premises_destroyed", t("2026-06-10 10:00")),
             mail("tn", "2026-06-15 10:00", "乙方", "甲方", "termination", ground="force_majeure")], "2026-07-01 00:00")
    assert ended(r) == "2026-06-15T10:00:00+08:00"
    assert rem(r, "destroyed_power") == [("甲方", "lapsed", None), ("乙方", "exercised", None)]
    assert st(r, "return_premises") == [("violated", "2026-06-26T00:00:00+08:00")]


# ------------------------------------------------------------------ 8.1–8.2 priority right (2027: no official calendar)
@pytest.mark.parametrize("notice, right", [
    (ems("rn", "2027-08-27 10:00", "乙方", "甲方", "renewal"), True),
    (mail("rn", "2027-08-30 23:59", "乙方", "甲方", "renewal"), True)])
def test_passing_renewal_request_in_time_gives_priority(notice, right):
    r = run([notice], "2027-10-02 12:00")
    assert evs(r, "lease_expired") == ["2027-10-01T00:00:00+08:00"] and ended(r) == "2027-10-01T00:00:00+08:00"
    assert rem(r, "priority_right") == ([("乙方", "held", None)] if right else [])


@pytest.mark.parametrize("paid, status", [("2027-01-05 10:00", "fulfilled"), ("2027-01-06 10:00", "undetermined"),
                                          (None, "undetermined")])
def test_passing_2027_rent_is_undetermined_without_a_calendar(paid, status):
    """2027 is in no calendar (calendar fallback undetermined): January's rent (the 5th, a Tuesday) is surely in time
    when paid on the 5th (due_not_before 01-06 00:00), undetermined after; December 2026's damages run on (12-08 … 01-20 =
    44 days = ¥176.00)."""
    r = run([rent("p", paid, "2027-01")] if paid else [], "2027-01-20 12:00")
    jan = [(o["status"], o["due"], o["due_not_before"]) for o in r["obligations"]
           if o["name"] == "pay_rent" and o["trigger"] == "2027-01"]
    assert jan == [(status, None, "2027-01-06T00:00:00+08:00")]
    assert [x for x in rem(r, "late_fee") if x[1] == "held"][-1] == ("甲方", "held", "176.00")
    # (January's fee rests on a breach undetermined: undetermined too, not absent — contract round 41)
    assert [x[1] for x in rem(r, "late_fee") if x[1] != "held"] == ([] if status == "fulfilled" else ["undetermined"])


# ------------------------------------------------------------------ defects
# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (06:46–): as round 32's)
@pytest.mark.parametrize("notice", [ems("rn", "2027-08-28 10:00", "乙方", "甲方", "renewal"),
                                    mail("rn", "2027-08-31 00:00", "乙方", "甲方", "renewal")])
def test_defect_renewal_cutoff_param_compares_as_instant(notice):
    inline = compile_rules(SRC.replace("and n.at <= renewal_cutoff)", "and n.at <= day_end(lease_last_day - 1 months))"),
                           path=QY)
    assert rem(run([notice], "2027-10-02 12:00", rules=inline), "priority_right") == []
    assert rem(run([notice], "2027-10-02 12:00"), "priority_right") == []


@pytest.mark.xfail(strict=True, reason=(
    "7.1: the demand is known only by its date (2025-11-09) and October's rent was paid 11-09 10:00; if the demand came "
    "first, October was unpaid at the demand and the right arises at 11-18 00:00 (November still unpaid); if after, no "
    "month was 30 days overdue and there is no right. The engine silently takes the demand as before the payment and "
    "reports the right held; it should be undetermined (as §4.8 does for same-day facts), saying which hour decides."))
@pytest.mark.parametrize("first", [0, 1])
def test_defect_date_only_demand_same_day_payment_is_a_silent_guess(first):
    demand = f("d1", "notice_sent", "2025-11-09", **{"from": "甲方", "to": "乙方", "subject": "rent_demand",
                                                     "method": "email", "entered_at": "2025-11-09"})
    pair = [demand, rent("r10", "2025-11-09 10:00", "2025-10")]
    r = run([pair[first], pair[1 - first]], "2025-11-25 12:00")
    assert [s for s, _ in since(r, "rent_power")] == ["undetermined"]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (06:46–): watch names the end's fact (root_id) and a row's own lapse by its condition)
def test_defect_watch_names_termination_by_engine_key(tmp_path):
    out = cli("watch", str(QY), "--once", "--until", t("2025-12-10 12:00"), tmp_path=tmp_path,
              facts=[NOV_PAID, DEMAND, TERMINATE])
    assert out.returncode == 0, out.stderr
    line = [x for x in out.stdout.splitlines() if "合同终止" in x]
    assert line and "甲方因逾期付租解除合同" in line[0]
    assert "notice_delivered:" not in out.stdout


@pytest.mark.xfail(strict=True, reason=(
    "§11 / §12: a duplicate alias (the trigger binds x, `sum(x.amount for each deposit_refunded x)` binds it again) is "
    "reported only at the second binding as '别名 “x” 在此处已经使用过' with no hint: it does not say where x is already "
    "bound (three lines above, `for each premises_returned h, expiry x`) nor how to fix it (use another name)."))
def test_defect_duplicate_alias_does_not_point_to_the_first_binding(tmp_path):
    bad = SRC.replace("""    for each premises_returned h, expiry e
    for each premises_returned h, rent_termination e
    for each premises_returned h, sublet_termination e
    for each premises_returned h, safety_termination e
    for each premises_returned h, destroyed_termination e
    once
    fulfilled when""", """    for each premises_returned h, expiry x
    for each premises_returned h, rent_termination x
    once
    fulfilled when""")
    assert bad != SRC
    first = bad.splitlines().index("    for each premises_returned h, expiry x") + 1
    p = tmp_path / "bad.qy"
    p.write_text(bad, encoding="utf-8")
    out = cli("check", str(p), "--format", "json")
    assert out.returncode == 1
    errs = json.loads(out.stdout)["errors"]
    assert [e["code"] for e in errs] == ["duplicate_alias"] and errs[0]["line"] == first + 3
    said = errs[0]["message"] + (errs[0].get("hint") or "")
    assert f"第 {first} 行" in said or f"{first}" in said
    assert errs[0].get("hint")


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (06:46–): watch names the end's fact (root_id) and a row's own lapse by its condition)
def test_defect_watch_says_lapsed_by_termination_for_a_lapses_when(tmp_path):
    out = cli("watch", str(QY), "--once", "--until", t("2026-09-20 12:00"), tmp_path=tmp_path, facts=SUBLET)
    assert out.returncode == 0, out.stderr
    line = [x for x in out.stdout.splitlines() if "sublet_power" in x and "2026年9月8日0时" in x]
    assert line and "合同终止" not in line[0] and "视为甲方同意转租" in line[0]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (06:46–): a lapse cites the event it held with (args.by), not its id)
def test_defect_text_report_names_deemed_event_by_key(tmp_path):
    out = cli("eval", str(QY), "--as-of", t("2026-09-20 12:00"), "--format", "text", tmp_path=tmp_path, facts=SUBLET)
    assert out.returncode == 0, out.stderr
    assert "消灭" in out.stdout and "视为甲方同意转租" in out.stdout
    assert "sublet_deemed_consent:" not in out.stdout


@pytest.mark.xfail(strict=True, reason=(
    "8.3 / 第734条第1款: whether the lease ended at expiry (2027-09-30 24:00) or went on as 不定期 is known only from "
    "later conduct (the tenant hands back the premises 10-03 within the 10 days of 7.4, no continued use). The language "
    "cannot say 'ended at lease_end' on that later fact: `termination … at lease_end` on the handover ends the lease at "
    "the handover (10-03 10:00) and opens an October 2027 rent period. Right: ended 2027-10-01 00:00, no 2027-10 period."))
def test_defect_lease_end_known_only_from_later_handover():
    rules = compile_rules(SRC.replace("""  termination expiry "租赁期限届满，合同终止" {
    for each lease_expired x
""", """  termination expiry "租赁期限届满，合同终止" {
    for each premises_returned r where exists(lease_expired) and not exists(continued_use)
    at lease_end
""").replace("every month p from lease_start until lease_end", "every month p from lease_start until ended"), path=QY)
    r = run([f("rt", "premises_returned", t("2027-10-03 10:00"))], "2027-10-20 12:00", rules=rules)
    assert ended(r) == "2027-10-01T00:00:00+08:00"
    assert [trig for trig, *_ in ob(r, "pay_rent") if trig >= "2027-10"] == []


REPAIR_CUT = """
clause "5.3b" "维修期间减少租金" {
  quote "因维修该房屋影响乙方使用的，应当相应减少租金或者延长租期。"
  remedy repair_rent_cut "维修影响使用，相应减少租金" {
    holder 乙方
    for each notice_delivered n where n.from == 乙方 and n.to == 甲方 and n.subject == "repair"
    amount rent ÷ 30 per day
    lapses when exists(repaired r where r.ref == n.source)
    survives
  }
}
"""


@pytest.mark.xfail(strict=True, reason=(
    "5.3 / 第713条第2款 '因维修影响使用的，应当相应减少租金': a per-day reduction (rent ÷ 30) from the repair notice "
    "(Mon 2026-03-02 10:00) until the repair (03-04 15:00) = 3 days = ¥800.00, owed after the repair. The only way to "
    "stop a per-day amount at a fact other than an obligation's late performance is `lapses when`, which marks the row "
    "'lapsed' and drops the ¥800.00 from the claimable rights in the summary (although accrued() still counts it). "
    "Right: held ¥800.00, listed as claimable — a per-day amount needs an 'until FACT' that keeps what accrued."))
def test_defect_per_day_rent_reduction_until_repair_is_dropped(tmp_path):
    rules = compile_rules(SRC + REPAIR_CUT, path=QY)
    facts = [mail("n1", "2026-03-02 10:00", "乙方", "甲方", "repair"), f("rp", "repaired", t("2026-03-04 15:00"), ref="n1")]
    r = run(facts, "2026-03-20 12:00", rules=rules)
    assert [(x["status"], x["amount"]) for x in r["remedies"] if x["name"] == "repair_rent_cut"] == [("held", "800.00")]

