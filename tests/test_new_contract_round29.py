"""What a legal engineer writing a 培训服务合同 (a training school, 甲方, sells an adult student, 乙方, a prepaid course of 72
lessons over the term 2026-03-02 … 09-01; 民法典 合同编通则, 第563–566条; 消费者权益保护法 第53条; tests/contracts/training.txt
and training.qy) found: each verdict counted by hand from the contract and the law, on both backends (the durable report must
equal the reference) and, for the text report, through `python -m engine.cli eval … --format text`.

Calendar (chinese-calendar 1.11.0, checked with is_workday): 2026 — Spring Festival 02-15 … 02-23 (Sat 02-14 and Sat 02-28
make-up working days), Qingming 04-04 … 04-06, Labour Day 05-01 … 05-05 (Sat 05-09 a make-up working day), Dragon Boat
06-19 … 06-21, Mid-Autumn 09-25 … 09-27 (Sun 09-20 a make-up working day), National Day 10-01 … 10-07 (Sat 10-10 a make-up
working day).

Conventions: 甲方 seals Tue 2026-02-10 10:00, 乙方 signs 14:00 (in force then, 14.1). Fee 72 × ¥300.00 = ¥21,600.00, two
instalments of ¥10,800.00 (first paid 02-11, second 04-30 unless said otherwise). Hand counts:
- first instalment within 5 working days (2.2): 02-11, 12, 13, Sat 02-14 (make-up), [02-15 … 23 Spring Festival], 02-24 →
  due 24:00 02-24; second by 24:00 05-29 (a fixed date);
- cooling-off 7 days (3.1): 02-11 … 02-17, a Spring Festival day → moved to Tue 02-24 (assumption cooling_off_counting), the
  right lapses at 02-25 00:00:00; a notice posted by EMS on 02-24 is delivered 02-27 00:00 and ends the contract then
  (assumption cooling_off_exercise: given within the period suffices);
- refunds within 15 working days of the day of delivery (3.1, 4.2): from 02-12 → 03-11 (02-13, 14, 24 … 28, 03-02 … 06,
  09, 10, 11); from 02-24 → 03-16; from 02-27 → 03-19; from 05-11 → 06-01; from 03-06 → 03-27; from 10-09 → 10-29 (10-10
  make-up … 10-29); 0.05% a day of the unpaid refund, each day begun from the due instant counted, the payment day too;
- make-up within 10 days of a cancelled lesson's day (5.1): Fri 04-24 → 05-04 (Labour Day) → moved to Wed 05-06
  (assumption makeup_counting), due 05-07 00:00; else refund ¥300.00 within 15 working days of 05-06: 05-07, 08, Sat 05-09
  (make-up), 05-11 … 15, 18 … 22, 25, 26 → due 05-27 00:00 (5.2); 0.05% of ¥300.00 = ¥0.15 a day;
- 休学 (6.2–6.3): counted in days from the start day to the day before resumption, at most 60 days in all; the term moves
  day for day, its last day not moved again (assumption term_end_counting): 20 days → 24:00 09-21; 60 days → 24:00 10-31;
- force majeure 04-20 09:00 … 05-30 09:00 = 40 days → term to 24:00 10-11; it lasts "more than 30 days" from 05-21 00:00
  (30 days as term from 04-20: 04-21 … 05-20);
- warning delivered Thu 09-24 (8.1): 7 days → 10-01, National Day → Thu 10-08 (assumption warning_counting), the school's
  power from 10-09 00:00;
- certificate within 20 working days of the final exam (10.1): exam 09-01 → 09-29 (Sun 09-20 counted) → due 09-30 00:00;
  exam 09-18 → 10-22 (Mid-Autumn and National Day skipped, 09-20 and 10-10 counted) → due 10-23 00:00.

Defects found (strict xfails below): a 休学 is counted in 24-hour blocks, not in the days the contract counts; `unless …
within` takes no length computed from facts, so the 60-day cap across two 休学 is overrun; a `due by end of N days after X`
says neither how the holiday moved the last day nor whether it moves at all (both readings of makeup_counting read the same)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.api import compile_file
from engine.diagnostics import QiyueError

ROOT = Path(__file__).resolve().parent.parent
QY = ROOT / "tests" / "contracts" / "training.qy"
RULES = compile_file(QY)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def t(s):
    """'2026-05-20 15:00' or '… 15:00:01' → an ISO instant in Beijing time; a bare date stays a bare date."""
    if " " not in s:
        return s
    d, h = s.split()
    return f"{d}T{h}:00+08:00" if len(h) == 5 else f"{d}T{h}+08:00"


def notice(fid, at, frm, to, subject, method="personal", **attrs):
    if method == "personal":
        attrs.setdefault("signed_at", at)
    return f(fid, "notice_sent", t(at), **{"from": frm, "to": to, "subject": subject, "method": method}, **attrs)


def lesson(no, at, status="attended", **attrs):
    return f(f"l{no}", "lesson", t(at), no=no, status=status, **attrs)


def mwf(n, first=1, start="2026-03-02", status=None):
    """n lessons on Mon/Wed/Fri at 19:00 from `start`, numbered from `first` (the school teaches on holidays too)."""
    import datetime as dt
    out, d, k = [], dt.date.fromisoformat(start), first
    while len(out) < n:
        if d.weekday() in (0, 2, 4):
            out.append(lesson(k, f"{d.isoformat()} 19:00", (status or {}).get(k, "attended")))
            k += 1
        d += dt.timedelta(days=1)
    return out


SIGNED = [f("s1", "contract_signed", t("2026-02-10 10:00"), party="甲方"),
          f("s2", "contract_signed", t("2026-02-10 14:00"), party="乙方")]
P1 = f("p1", "fee_paid", t("2026-02-11 10:00"), instalment=1, amount="10800.00")
P2 = f("p2", "fee_paid", t("2026-04-30 10:00"), instalment=2, amount="10800.00")
BASE = SIGNED + [P1, P2]


def lines(facts, base=BASE):
    return [json.dumps(x, ensure_ascii=False) for x in base + facts]


def run(facts, as_of, base=BASE, rules=RULES):
    """The report on the reference backend, checked equal to the durable backend's."""
    ls = lines(facts, base)
    ref = rules.evaluate(ls, t(as_of))
    assert rules.evaluate(ls, t(as_of), backend="durable") == ref
    return ref


def ob(report, name):
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in report["obligations"]
            if o["name"] == name and o["status"] != "inactive"]


def st(report, name):
    return [(s, d) for _, s, d, _ in ob(report, name)]


def rem(report, name):
    return [(r["holder"], r["status"], r["amount"], r["since"]) for r in report["remedies"] if r["name"] == name]


def evs(report, name):
    return [e["at"] for e in report["events"] if e["name"] == name]


def codes(report):
    return [x["code"] for x in report["findings"] if x["code"] not in ("open_point", "calendar_year_unknown")]


def life(report):
    return report["contract_life"]["ended"], report["contract_life"]["ended_by"]


# ------------------------------------------------------------------ the rule file itself
def test_rule_file_checks_clean_and_its_numbers_agree():
    """72 × ¥300.00 = ¥21,600.00 (贰万壹仟陆佰元整) = 2 × ¥10,800.00 (壹万零捌佰元整); 03-02 + 6 months − 1 day = 09-01.
    No warning; the seven assumptions are seven open points; the durable check is clean too."""
    out = subprocess.run([sys.executable, "-m", "engine.cli", "check", str(QY), "--format", "json"], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8")
    assert out.returncode == 0, out.stdout + out.stderr
    assert [x["code"] for x in json.loads(out.stdout)["findings"]] == ["open_point"] * 7
    from engine.cli import main
    assert main(["check", "--backend", "durable", str(QY)]) == 0
    r = run([], "2026-02-12 12:00", base=SIGNED)
    assert evs(r, "contract_effective") == ["2026-02-10T14:00:00+08:00"]
    assert codes(r) == []


# ------------------------------------------------------------------ 2.2 the first instalment over Spring Festival
@pytest.mark.parametrize("at, status", [
    ("2026-02-24 23:59:59", "fulfilled"),     # the 5th working day, its last second
    ("2026-02-25 00:00:00", "violated"),      # the due instant
    ("2026-02-14 10:00", "fulfilled"),        # the make-up Saturday
])
def test_first_instalment_due_over_spring_festival(at, status):
    r = run([f("p1", "fee_paid", t(at), instalment=1, amount="10800.00")], "2026-03-01 12:00", base=SIGNED)
    assert st(r, "pay_first") == [(status, "2026-02-25T00:00:00+08:00")]
    assert st(r, "pay_second") == [("active", "2026-05-30T00:00:00+08:00")]


def test_facts_before_signing():
    """Paid 02-09 (before the contract): counts (2.2 reads every payment), fulfilled at the effect 02-10 14:00. A trial lesson
    on 02-08 is no lesson consumed. A cooling-off notice handed over at 12:00, before 乙方 signed at 14:00, has no effect
    (termination_before_effective) and the contract goes on."""
    fs = [f("p0", "fee_paid", t("2026-02-09 15:00"), instalment=1, amount="10800.00"),
          lesson(1, "2026-02-08 15:00"), notice("n0", "2026-02-10 12:00", "乙方", "甲方", "cooling_off")]
    r = run(fs, "2026-02-26 12:00", base=SIGNED)
    assert ob(r, "pay_first") == [("s2", "fulfilled", "2026-02-25T00:00:00+08:00", "2026-02-10T14:00:00+08:00")]
    assert evs(r, "lesson_consumed") == []
    assert life(r) == (None, None)
    assert codes(r) == ["termination_before_effective"]


# ------------------------------------------------------------------ 3 cooling-off
@pytest.mark.parametrize("at, ended, due, late", [
    ("2026-02-12 10:00", "2026-02-12T10:00:00+08:00", "2026-03-12T00:00:00+08:00", "102.60"),  # 03-12 … 03-30: 19 days
    ("2026-02-17 10:00", "2026-02-17T10:00:00+08:00", "2026-03-14T00:00:00+08:00", "91.80"),   # 7th day, a holiday
    ("2026-02-24 23:59:59", "2026-02-24T23:59:59+08:00", "2026-03-17T00:00:00+08:00", "75.60"),  # moved last day, last second
])
def test_cooling_off_full_refund_and_late_refund(at, ended, due, late):
    """Full refund of ¥10,800.00 within 15 working days; unpaid → ¥5.40 a day from the due instant to 03-30."""
    r = run([notice("n1", at, "乙方", "甲方", "cooling_off")], "2026-03-30 12:00", base=SIGNED + [P1])
    assert life(r) == (ended, "cooling_off")
    assert st(r, "refund_all") == [("violated", due)]
    assert rem(r, "late_refund_all") == [("乙方", "held", late, due)]
    assert [s for _, s, _, _ in rem(r, "cooling_power")] == ["exercised"]
    assert st(r, "pay_second") == [("discharged", "2026-05-30T00:00:00+08:00")]


def test_cooling_off_lapses_at_the_first_instant_after_the_moved_day():
    r = run([notice("n1", "2026-02-25 00:00:00", "乙方", "甲方", "cooling_off")], "2026-03-30 12:00", base=SIGNED + [P1])
    assert life(r) == (None, None)
    assert codes(r) == ["termination_without_right"]
    assert [s for _, s, _, _ in rem(r, "cooling_power")] == ["lapsed"]


def test_cooling_off_as_term_ends_on_the_holiday():
    """Reading “not moved”: the right ends 24:00 02-17; a notice of 02-18 10:00 has no effect."""
    rules = compile_file(QY, assume={"cooling_off_counting": "not moved"})
    r = run([notice("n1", "2026-02-18 10:00", "乙方", "甲方", "cooling_off")], "2026-03-01 12:00", base=SIGNED + [P1],
            rules=rules)
    assert life(r) == (None, None) and codes(r) == ["termination_without_right"]


def test_cooling_off_by_ems_posted_on_the_last_day():
    """Posted Tue 02-24 10:00 → delivered Fri 02-27 00:00: the contract ends then (3.2); refund from 02-27 → 03-19,
    due 03-20 00:00, unpaid to 03-30: 11 days × ¥5.40 = ¥59.40. Reading “delivered within the period”: no effect."""
    n = notice("n1", "2026-02-24 10:00", "乙方", "甲方", "cooling_off", method="ems")
    r = run([n], "2026-03-30 12:00", base=SIGNED + [P1])
    assert life(r) == ("2026-02-27T00:00:00+08:00", "cooling_off")
    assert st(r, "refund_all") == [("violated", "2026-03-20T00:00:00+08:00")]
    assert rem(r, "late_refund_all") == [("乙方", "held", "59.40", "2026-03-20T00:00:00+08:00")]
    assert "termination_deferred" in codes(r)
    rules = compile_file(QY, assume={"cooling_off_exercise": "notice delivered within the period"})
    r = run([n], "2026-03-30 12:00", base=SIGNED + [P1], rules=rules)
    assert life(r) == (None, None) and codes(r) == ["termination_without_right"]


# ------------------------------------------------------------------ 4 withdrawal mid-way, pro-rata refund
MID = mwf(30, status={12: "leave", 20: "absent"})       # 30 sessions 03-02 … 05-08: 28 attended, 1 leave, 1 absent


def test_withdrawal_mid_way_refunds_the_unused_lessons():
    """Consumed 29 (the unexcused absence counts, the leave does not, 4.3): ¥21,600.00 − 29 × ¥300.00 = ¥12,900.00. Notice
    handed over Mon 05-11 10:00 → due 06-02 00:00; unpaid to 06-10: 9 days × ¥6.45 = ¥58.05. The course is discharged."""
    r = run(MID + [notice("w1", "2026-05-11 10:00", "乙方", "甲方", "withdrawal")], "2026-06-10 12:00")
    assert life(r) == ("2026-05-11T10:00:00+08:00", "student_withdraws")
    assert len(evs(r, "lesson_consumed")) == 29
    assert st(r, "refund_pro_rata") == [("violated", "2026-06-02T00:00:00+08:00")]
    assert rem(r, "late_refund_pro_rata") == [("乙方", "held", "58.05", "2026-06-02T00:00:00+08:00")]
    assert st(r, "deliver_course") == [("discharged", "2026-09-02T00:00:00+08:00")]


def test_a_late_refund_in_two_parts_bears_interest_on_the_balance():
    """¥10,000.00 on 06-03, ¥2,900.00 on 06-05: 06-02 and 06-03 at ¥6.45 (the payment day counted), 06-04 and 06-05 at
    ¥2,900.00 × 0.05% = ¥1.45 → ¥15.80; the refund is performed late at 06-05 10:00."""
    fs = MID + [notice("w1", "2026-05-11 10:00", "乙方", "甲方", "withdrawal"),
                f("r1", "refund_paid", t("2026-06-03 10:00"), amount="10000.00"),
                f("r2", "refund_paid", t("2026-06-05 10:00"), amount="2900.00")]
    r = run(fs, "2026-06-10 12:00")
    assert ob(r, "refund_pro_rata")[0][1:] == ("violated", "2026-06-02T00:00:00+08:00", "2026-06-05T10:00:00+08:00")
    assert rem(r, "late_refund_pro_rata") == [("乙方", "held", "15.80", "2026-06-02T00:00:00+08:00")]


@pytest.mark.parametrize("first", ["lesson", "notice"])
def test_a_lesson_at_the_instant_of_withdrawal_is_consumed_in_either_order(first):
    """Third lesson Fri 03-06 19:00 and the notice handed over at that instant: 3 consumed; only the first instalment was
    paid by then (the second, 04-30, comes after): ¥10,800.00 − ¥900.00 = ¥9,900.00, due 03-28 00:00; to 04-10:
    14 days × ¥4.95 = ¥69.30."""
    ls, w = mwf(3), notice("w1", "2026-03-06 19:00", "乙方", "甲方", "withdrawal")
    r = run(ls[:2] + ([ls[2], w] if first == "lesson" else [w, ls[2]]), "2026-04-10 12:00")
    assert st(r, "refund_pro_rata") == [("violated", "2026-03-28T00:00:00+08:00")]
    assert rem(r, "late_refund_pro_rata") == [("乙方", "held", "69.30", "2026-03-28T00:00:00+08:00")]


def test_the_same_lesson_recorded_twice_is_consumed_once():
    """Five sessions, the fifth under two ids: 5 consumed; ¥21,600.00 − ¥1,500.00 = ¥20,100.00 refunded at the very instant
    of the notice → fulfilled, no interest. The same payment line twice counts once: ¥10,800.00 paid, not ¥21,600.00."""
    ls = mwf(5)
    w = notice("w1", "2026-03-13 10:00", "乙方", "甲方", "withdrawal")
    r = run(ls + [dict(ls[4], id="l5b"), w, f("rf", "refund_paid", t("2026-03-13 10:00"), amount="20100.00")],
            "2026-04-20 12:00")
    assert len(evs(r, "lesson_consumed")) == 5
    assert ob(r, "refund_pro_rata")[0][1:] == ("fulfilled", "2026-04-04T00:00:00+08:00", "2026-03-13T10:00:00+08:00")
    assert rem(r, "late_refund_pro_rata") == []
    r = run(ls + [w], "2026-04-20 12:00", base=SIGNED + [P1, P1])
    # ¥10,800.00 − ¥1,500.00 = ¥9,300.00, due 04-04 00:00 → 04-04 … 04-20: 17 days × ¥4.65 = ¥79.05
    assert rem(r, "late_refund_pro_rata") == [("乙方", "held", "79.05", "2026-04-04T00:00:00+08:00")]


def test_the_same_id_with_other_content_is_refused_in_chinese():
    with pytest.raises(QiyueError) as e:
        run([dict(P2, amount="1.00")], "2026-05-20 12:00")
    assert "已在第" in str(e.value)


# ------------------------------------------------------------------ 5 cancelled lessons
CANCEL = f("c1", "lesson_cancelled", t("2026-04-20 10:00"), no=24, scheduled=t("2026-04-24 19:00"))


@pytest.mark.parametrize("at, status", [
    ("2026-05-06 23:59:59", "fulfilled"),          # the moved last day, last second
    ("2026-05-07 00:00:00", "violated"),           # the due instant
    ("2026-05-02 10:00", "fulfilled"),             # on a Labour Day holiday: the school may teach
])
def test_make_up_within_ten_days_over_labour_day(at, status):
    r = run([CANCEL, lesson(24, at, makeup_of="c1")], "2026-06-10 12:00")
    assert st(r, "make_up") == [(status, "2026-05-07T00:00:00+08:00")]
    assert st(r, "refund_lesson") == ([] if status == "fulfilled" else [("violated", "2026-05-27T00:00:00+08:00")])
    assert codes(r) == []


def test_no_make_up_means_a_refund_of_the_lesson_and_interest():
    """Not made up by 24:00 05-06: ¥300.00 due by 24:00 05-26; unpaid to 06-10: 05-27 … 06-10 = 15 days × ¥0.15 = ¥2.25.
    Reading “not moved”: due 24:00 05-04."""
    r = run([CANCEL], "2026-06-10 12:00")
    assert rem(r, "late_refund_lesson") == [("乙方", "held", "2.25", "2026-05-27T00:00:00+08:00")]
    rules = compile_file(QY, assume={"makeup_counting": "not moved"})
    assert st(run([CANCEL], "2026-05-06 12:00", rules=rules), "make_up") == [("violated", "2026-05-05T00:00:00+08:00")]


def test_a_cancellation_less_than_24_hours_ahead_is_flagged():
    r = run([f("c1", "lesson_cancelled", t("2026-04-23 19:00:01"), no=24, scheduled=t("2026-04-24 19:00"))],
            "2026-04-25 12:00")
    assert codes(r) == ["late_cancellation"]
    r = run([f("c1", "lesson_cancelled", t("2026-04-23 19:00"), no=24, scheduled=t("2026-04-24 19:00"))],
            "2026-04-25 12:00")
    assert codes(r) == []


@pytest.mark.xfail(strict=True, reason="report wording (5.1, §4.5 due by): the make-up due is `due by if makeup_counting == "
                   "\"moved\" then end of 10 days after c.scheduled otherwise end of 10 days as term after c.scheduled`; the "
                   "explanation renders both cases as the same words “原定上课时间后10日届满之时” (the 不顺延 of the second is "
                   "lost) and gives only the result 2026年5月6日24时 — never that the 10th day 05-04 is a Labour Day holiday "
                   "moved to 05-06 under 民法典第203条, as a `within` explanation does day by day. It should say how the last "
                   "day was reached and that the other reading does not move it")
def test_a_due_by_end_of_days_explains_the_holiday_move():
    r = run([CANCEL], "2026-05-06 12:00")
    text = "\n".join(b for b in [o for o in r["obligations"] if o["name"] == "make_up"][0]["because"] if isinstance(b, str))
    assert "不顺延" in text and "劳动节" in text and "2026年5月4日" in text, text


# ------------------------------------------------------------------ 6 休学: the term moves
S1 = f("su1", "suspension_started", t("2026-04-13 00:00"))


def test_a_suspension_of_twenty_days_moves_the_term():
    """04-13 … 05-02 = 20 days → 09-01 + 20 = Mon 09-21, due 09-22 00:00."""
    r = run([S1, f("re1", "resumed", t("2026-05-03 00:00"), ref="su1")], "2026-06-01 12:00")
    assert st(r, "deliver_course") == [("active", "2026-09-22T00:00:00+08:00")]


def test_sixty_days_without_resumption_are_deemed_a_resumption():
    """休学 from 06-01, never resumed: 06-01 … 07-30 = 60 days, deemed resumed 07-31 00:00 (6.3); term → 10-31 (Sat, not
    moved: assumption term_end_counting), due 11-01 00:00."""
    r = run([f("su2", "suspension_started", t("2026-06-01 00:00"))], "2026-08-20 12:00")
    assert evs(r, "suspension_ended") == ["2026-07-31T00:00:00+08:00"]
    assert st(r, "deliver_course") == [("active", "2026-11-01T00:00:00+08:00")]


@pytest.mark.parametrize("first", ["start", "end"])
def test_a_suspension_started_and_ended_at_one_instant_moves_nothing(first):
    s, e = f("su1", "suspension_started", t("2026-04-13 10:00")), f("re1", "resumed", t("2026-04-13 10:00"), ref="su1")
    r = run([s, e] if first == "start" else [e, s], "2026-06-01 12:00")
    assert st(r, "deliver_course") == [("active", "2026-09-02T00:00:00+08:00")]


# FIXED (was a strict xfail: fixed: counted by day)
def test_suspension_days_are_counted_by_calendar_day():
    r = run([S1, f("re1", "resumed", t("2026-05-03 10:00"), ref="su1")], "2026-06-01 12:00")
    assert st(r, "deliver_course") == [("active", "2026-09-22T00:00:00+08:00")]


# FIXED (was a strict xfail: `unless … within (EXPR) days` takes a length computed from facts)
def test_a_second_suspension_ends_when_sixty_days_are_used():
    fs = [S1, f("re1", "resumed", t("2026-05-03 00:00"), ref="su1"), f("su3", "suspension_started", t("2026-07-01 00:00"))]
    assert [s for s, _ in st(run(fs, "2026-08-15 12:00"), "deliver_course")] == ["active"]
    r = run(fs + [f("re3", "resumed", t("2026-08-20 00:00"), ref="su3")], "2026-09-15 12:00")
    assert st(r, "deliver_course") == [("active", "2026-11-01T00:00:00+08:00")]


# ------------------------------------------------------------------ 8 the school's termination after absences
def _absences(leave_between=False):
    st_ = ["absent", "leave", "absent", "absent"] if leave_between else ["absent", "absent", "absent"]
    days = ["2026-09-14", "2026-09-16", "2026-09-18", "2026-09-21"]
    return [lesson(57, "2026-09-11 19:00")] + [lesson(58 + i, days[i] + " 19:00", s) for i, s in enumerate(st_)]


WARN = notice("wn", "2026-09-24 10:00", "甲方", "乙方", "warning")


def test_power_after_warning_and_seven_days_over_national_day():
    """Sessions 58–60 missed without leave; warning handed over Thu 09-24: 7 days → 10-01 → Thu 10-08; power 10-09 00:00.
    Terminated by a notice handed over 10-09 10:00: 57 attended + 3 absences = 60 lessons consumed (the absences count,
    4.3), ¥21,600.00 − 60 × ¥300.00 = ¥3,600.00 within 15 working days → 10-29, due 10-30 00:00; unpaid to 11-10:
    12 × ¥1.80 = ¥21.60."""
    fs = mwf(56) + _absences() + [WARN]
    assert rem(run(fs, "2026-10-08 23:00"), "absence_power") == []
    assert rem(run(fs, "2026-10-09 00:00"), "absence_power") == [("甲方", "held", None, "2026-10-09T00:00:00+08:00")]
    r = run(fs + [notice("tn", "2026-10-09 10:00", "甲方", "乙方", "termination", ground="absence")], "2026-11-10 12:00")
    assert life(r) == ("2026-10-09T10:00:00+08:00", "school_terminates")
    assert len(evs(r, "lesson_consumed")) == 60
    assert st(r, "refund_pro_rata") == [("violated", "2026-10-30T00:00:00+08:00")]
    assert rem(r, "late_refund_pro_rata") == [("乙方", "held", "21.60", "2026-10-30T00:00:00+08:00")]


def test_attending_within_seven_days_keeps_the_contract():
    """Attends Thu 10-08 19:00 (the moved last day): no power; the termination notice has no effect."""
    fs = mwf(56) + _absences() + [WARN, lesson(61, "2026-10-08 19:00"),
                                  notice("tn", "2026-10-09 10:00", "甲方", "乙方", "termination", ground="absence")]
    r = run(fs, "2026-10-12 12:00")
    assert rem(r, "absence_power") == [] and life(r) == (None, None)
    assert codes(r) == ["termination_without_right"]


def test_a_leave_between_the_absences_breaks_the_run_or_not_by_the_reading():
    fs = mwf(56) + _absences(leave_between=True) + [WARN]
    assert rem(run(fs, "2026-10-12 12:00"), "absence_power") == []
    rules = compile_file(QY, assume={"consecutive_absence": "leave skipped"})
    assert [s for _, s, _, _ in rem(run(fs, "2026-10-12 12:00", rules=rules), "absence_power")] == ["held"]


# ------------------------------------------------------------------ 9 force majeure
FM = f("fm", "force_majeure", t("2026-04-20 09:00"))


def test_force_majeure_moves_the_term_and_gives_a_power_after_thirty_days():
    fs = [FM, notice("fn", "2026-04-22 10:00", "甲方", "乙方", "force_majeure", method="email")]
    assert rem(run(fs, "2026-05-20 23:59"), "fm_power") == []
    assert [(h, s) for h, s, _, _ in rem(run(fs, "2026-05-21 00:00"), "fm_power")] == [("甲方", "held"), ("乙方", "held")]
    r = run(fs + [f("fe", "force_majeure_ended", t("2026-05-30 09:00"), ref="fm")], "2026-06-01 12:00")
    assert st(r, "deliver_course") == [("active", "2026-10-12T00:00:00+08:00")]
    assert st(r, "force_majeure_notice") == [("fulfilled", "2026-04-24T00:00:00+08:00")]


def test_force_majeure_notice_by_ems_arrives_too_late():
    """Posted 04-21 → delivered 04-24 00:00, the first late instant of the 3 days (04-21 … 04-23)."""
    r = run([FM, notice("fn", "2026-04-21 10:00", "甲方", "乙方", "force_majeure", method="ems")], "2026-05-01 12:00")
    assert ob(r, "force_majeure_notice") == [("fm", "violated", "2026-04-24T00:00:00+08:00", "2026-04-24T00:00:00+08:00")]


def test_termination_for_force_majeure_with_online_lessons_counted():
    """20 lessons (the last 4 online) before 乙方 ends the contract by e-mail on 05-25 10:00: ¥21,600.00 − ¥6,000.00 =
    ¥15,600.00 within 15 working days → 06-15, due 06-16 00:00; 甲方's own power lapses with the exercise."""
    ls = mwf(20)
    for x in ls[-4:]:
        x["mode"] = "online"
    fs = ls + [FM, notice("tn", "2026-05-25 10:00", "乙方", "甲方", "termination", method="email", ground="force_majeure"),
               f("rf", "refund_paid", t("2026-06-15 16:00"), amount="15600.00")]
    r = run(fs, "2026-06-20 12:00")
    assert life(r) == ("2026-05-25T10:00:00+08:00", "fm_terminates")
    assert ob(r, "refund_pro_rata")[0][1:] == ("fulfilled", "2026-06-16T00:00:00+08:00", "2026-06-15T16:00:00+08:00")
    assert [(h, s) for h, s, _, _ in rem(r, "fm_power")] == [("甲方", "lapsed"), ("乙方", "exercised")]


# ------------------------------------------------------------------ 10 certificate
@pytest.mark.parametrize("exam, due", [("2026-09-01 10:00", "2026-09-30T00:00:00+08:00"),
                                       ("2026-09-18 10:00", "2026-10-23T00:00:00+08:00")])
def test_certificate_within_twenty_working_days(exam, due):
    e = f("ex", "final_exam", t(exam), passed=True)
    r = run([e, dict(e, id="ex2")], "2026-11-01 12:00")        # the exam recorded twice: one duty
    assert st(r, "certificate") == [("violated", due)]
    d = due[:10]
    import datetime as dt
    last = (dt.date.fromisoformat(d) - dt.timedelta(days=1)).isoformat()
    r = run([e, f("ce", "certificate_issued", t(last + " 23:59:59"))], "2026-11-01 12:00")
    assert st(r, "certificate") == [("fulfilled", due)]


def test_a_failed_exam_calls_for_no_certificate():
    assert st(run([f("ex", "final_exam", t("2026-09-01 10:00"), passed=False)], "2026-11-01 12:00"), "certificate") == []


# ------------------------------------------------------------------ the text report speaks Chinese
MIDWAY = MID + [S1, f("re1", "resumed", t("2026-05-03 00:00"), ref="su1"), CANCEL,
                notice("w1", "2026-06-15 10:00", "乙方", "甲方", "withdrawal", method="ems")]


def test_text_report_speaks_chinese_and_counts(tmp_path):
    """Withdrawal posted by EMS Mon 06-15 → delivered Thu 06-18; refund ¥12,900.00 within 15 working days (Dragon Boat
    06-19 … 21 skipped) → Fri 07-10; to 07-20: 10 days × ¥6.45 = ¥64.50; the cancelled lesson unrefunded since 05-27:
    55 days × ¥0.15 = ¥8.25; the term had been moved 20 days when the contract ended."""
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(lines(MIDWAY)) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(QY), "--facts", str(path), "--as-of",
                          t("2026-07-20 12:00"), "--format", "text"], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "终止：乙方退学" in text
    assert "在培训期内提供全部72课时（deliver_course） 甲方 → 乙方：终止履行" in text
    assert "中止 20日，按日计算（中止开始之日计入，恢复之日不计入），期限顺延 20 日：由 2026年9月1日24时 改为 2026年9月21日24时" \
        in text
    assert "第3日 2026年5月9日（星期六，调休上班日（劳动节调休））" in text
    assert "2026年6月19日（星期五，法定节假日（端午节））" in text
    assert "迟延按比例退费违约金（每日0.05%）（late_refund_pro_rata）乙方 ¥64.50" in text
    assert "迟延退还课次费用违约金（每日0.05%）（late_refund_lesson）乙方 ¥8.25" in text
    assert "条件要求 ≥ ¥12,900.00" in text
    for word in ("discharged", "fulfilled", "lapsed", "held", "undetermined"):   # "violated": see the xfail below
        assert word not in text, word
    r = run(MIDWAY, "2026-07-20 12:00")
    cli = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(QY), "--facts", str(path), "--as-of",
                          t("2026-07-20 12:00"), "--format", "json"], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8")
    out_json = json.loads(cli.stdout)
    for key in ("contract_life", "obligations", "remedies", "events"):
        assert out_json[key] == r[key], key


# FIXED (was a strict xfail: _stage_root)
def test_a_stage_of_a_stage_is_named_by_its_fact():
    r = run([CANCEL], "2026-06-10 12:00")
    row = [x for x in r["remedies"] if x["name"] == "late_refund_lesson"][0]
    text = "\n".join(b for b in row["because"] if isinstance(b, str))
    assert "make_up#1" not in text and "源自 c1" in text.splitlines()[0], text
