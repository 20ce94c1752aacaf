"""Fuzz round 36: the newest contracts (tests/contracts/commission.qy, factoring.qy, agency.qy) under generated fact
streams with facts at 00:00, 23:59:59, 16:00Z (= 24:00 of the day before, i.e. 00:00 +08:00) and known by their day
alone mixed with timed facts at one instant; `eval` against `evaluate_many`, the Session API and the command line;
the command line's option errors and files that are empty, a folder, a device, not UTF-8; `qiyue check` / `verify`
on odd rule files; the renderers on extreme reports.

What was run (scratch scripts outside the repository; every case seeded):

- `python bench/fuzz.py --seed 3636 --rules 1500 --facts 8000 --api 800 --jobs 1 --time-limit 1500`
  (QIYUE_NATIVE=off): 10,300 cases in 562 s, no traceback, no memory growth (531,154 → 531,022 live blocks; worker
  157 MB, peak 197 MB); one timeout, rules:414, a 1.1 MB rule file made by `repeat` (5.2 s alone: its size).
- The compiled modules of /work/main (11/12) against QIYUE_NATIVE=off on 200 generated streams of commission.qy and
  factoring.qy, `evaluate_many` at two instants: the same reports byte for byte.  A `Host` (one worker, max_live=1:
  every contract parked and rebuilt) fed 15 commission streams in interleaved batches = `evaluate` on each.
- Differential over generated streams of commission.qy (300) and factoring.qy (80): every fact's `at` drawn among
  its day alone, 00:00:00, 23:59:59, 16:00:00Z of the day before and office hours, several facts at one instant;
  `evaluate` at 00:00, a second before, a bare date, several days on = `evaluate_many` at those instants; the lines
  shuffled = in order; a live session fed in time order (facts of a day alone first, and again last in their day),
  each line given twice now and then, `changes()` asked at random, advanced = `evaluate`.  No difference.  The same
  streams through `qiyue eval --format json --as-of A,B --explain full|words|none --lang zh|en [--pretty]` (55): the
  API's reports, key for key.
- A fact given by its day alone set against the same fact at 00:00:00, 00:00:01, 09:00, 12:00, 17:00 and 23:59:59 of
  that day (commission 80 streams, factoring 80): where every timed version gives one verdict and the day alone
  another, or the timed versions differ and the day alone is certain.  Apart from one-second windows (a fact at
  exactly 23:59:59 sharing the instant of another), one shape: finding 2.
- Scaling (CPU time): commission.qy with N sales, each remitted and reported (finding 1), N remittances alone, N late
  remittances; factoring.qy with N payments to the seller each handed on; chains of 50 deemed events and duties (the
  chain limit), of 1,600 `when` deemed events, 10,000 clauses in `qiyue check`; amounts and conditions nested 90 deep
  in eleven shapes (`if … then … otherwise`, max/min, sums, `not`, parentheses, `and`/`or`, parameters).
- The command line: `check`/`eval`/`verify`/`watch` on an empty file, a file of a byte-order mark alone, blank lines,
  a comment alone, a folder, /dev/null, bytes no encoding reads; `--examples 0|-1`, `--max-facts 0`, `--seed abc`,
  `--only nosuch`, `--poll 0|-1|nan|inf`, `--until 2026-13-01`, `--explain words` with text, `--explain bogus`,
  `--as-of ''`, `--fail-on ''`, `--assume =`, `--assume` with 0 / -1 / 999999999 / 1e3 days and every unit at and
  past its limit.  Each an exit 1 or 2 with a message, none a traceback.
- `--as-of` in 17 spellings (no seconds, `,5`, `.000`, `T10`, a space, `+0800`, `z`, week and ordinal dates, an offset
  with seconds, second 60, 24:00): the same instant or refused saying why.

- Generated rule files (1,000: one duty with a random deadline — days, working days, hours, months, `due by` a
  calendar function or `day N after`, `as term`/`as act`, `after first( )` —, a random fulfilment — `by`, `or by`,
  `exclusively`, `counting earlier`, `when sum( )` —, `once`/`once per`, `suspended by … until … [counted by day]`,
  `extended by … for … [retroactively]` / `until`, `accelerated by`, `excused if … [retroactively]`, `caveat if`; a
  remedy by the day / hour / once / recomputed [at day end], capped, floored, lapsing, settled, each day counted
  once, a power with `exercise within` and its termination, a remedy reading `accrued( )`) on 3 random streams each
  (facts of a day alone, at 00:00 and 23:59:59, several at one instant): `evaluate_many` = `evaluate`s, shuffled =
  in order, a session fed in time order = `evaluate`.  No difference, no traceback (the refusals: settled_per_day,
  each_day_once_not_per_day).  `--explain words` = `full` without its steps and `none` = `full` without because and
  steps on 120 streams of commission.qy and factoring.qy in both languages.
- Constant lengths of 0 in every place a length is written (finding 4), `day N after` of 0 to 99999999999 (finding
  5), `working_day_of_next_month(0|30|31|99|o.days, …)`, `round_up( )` steps of 0, negative and read from a fact,
  rates in Chinese numerals (万分之〇点五, 万分之两, 万分之一百, 千分之十万), lengths in Chinese keywords (期限 3 个工作日,
  3个月, 1个星期, 30 分钟, 1.5 小时, 3 个自然日, 第3日 自 o; 三日, 十个工作日, 第三日, １０ 日, 3 個工作日 refused at their
  place).  Assumptions read by other assumptions and parameters (`fee = rate of ¥100.00`, `doubled = fee × 2`) with
  `--assume` on either: the amounts and the `assumptions` lists right.  Calendar files (finding 8).

Calendar (chinese_calendar, checked in test_passing_calendar_days_relied_on and where used): 2026-03-02 Mon, 03-03
Tue, 03-04 Wed, 08-03 Mon, 08-04 Tue, 08-05 Wed, 08-13 Thu, 08-14 Fri, 12-30 Wed, 12-31 Thu are working days (the
2027 days come from the test's own calendar file; factoring's fee counts calendar days).

Defects (each a strict xfail below):

1. Quadratic: commission.qy with N sales of one day (a second apart), each remitted an hour later and reported to
   甲方 by e-mail two hours later (3.1, 3.2 as the contract asks): 400 → 800 → 1,600 sales 1.31 → 5.23 → 20.7 s
   (×4 a doubling); the same without the reports: 0.14 → 0.26 → 0.52 s (linear).  3.2's `remit` waits on a
   `fulfilled when` that reads notice_delivered only through `exists(notice_delivered c where c.from == 甲方 …
   c.subject == "price_consent" …)`, and every delivered notice — a sale report, of another subject — wakes every
   open remittance duty (evaluator.py `reconsider_cond` → `cond_candidates`: notice_delivered is filed "loose", with
   no key), each recomputing its sum and that `exists`.  Right: linear — a notice the condition's constant filter
   (`subject == "price_consent"`, `from == 甲方`) refuses cannot change it: file the waiting duty under that constant
   key, as the keyed aggregates are.
2. A fact given by its day alone on the day the contract takes effect (signed at 10:00) "is taken as having come once
   it was in force, counted from then and said so" (docs/language.en.md §4.11) — and a duty `for each sold s` is so
   (due counted from 10:00, the reason says it).  But a deemed event `for each sold s where exists(in_force)` —
   commission.qy 3.1's `sale`, which 3.1's report and 3.2's remittance hang on — is not deemed: the `where` is tested
   at the day's 00:00, before the contract, and never again; the duties on it never arise, silently (no finding, no
   undetermined).  A sale "2026-08-03" under a contract both parties signed 2026-08-03 10:00: no report and no
   remittance owed, where the same sale at 11:00 owes both.  evaluator.py `fire` lets deemed events (`_FACT_LIKE`)
   through before the effect and `take_effect` re-asks only the rules held in `_bare_before_effect` (obligations,
   remedies, terminations): the same `where exists(in_force)` written on a duty or a remedy is asked again at the
   effect and holds (test_passing_a_duty_whose_where_reads_…), and 5.1's finding `for each expense_claimed e where
   exists(contract_effective)` on a claim of that day alone is asked at the day's end and made.  The durable backend
   gives the same wrong answer (as for findings 3 and 1's shape).  Right: the deemed event tested again when the
   contract takes effect that day, as the duties are — `sale` deemed, report due 08-06 00:00 (08-04, 08-05),
   remittance due 08-14 00:00 (08-04 … 08-13).
3. Text values compared as code points: a sale of contract number "C金1" (金 U+91D1), remitted in full and reported the
   next day under "C金1" written with U+F90A (NFC maps it to U+91D1; the two print alike): 3.1's report and 3.2's
   remittance are both violated (and 3.3's late fee follows, ¥2,400.00 × 0.05% = ¥1.20 a day, ¥36.00 for 09-01 …
   09-30, and 7.1's power to terminate), no word of why.  A fact's id so written is
   refused naming the code points (conflicting_id), a `one of` value too (bad_attribute); a free text that a rule
   compares with `==` (`r.contract_no == x.contract_no`) is not looked at.  Right: the same number (values compared
   under NFC, as names are), or the line refused saying U+F90A.  (facts.py reads text attributes as written;
   compiler's `==` compares str.)
4. `extended by ext x for 0 days` — a constant extension of 0 (also `0 working days`, `0 hours`, `0 months`,
   `(1 - 1) days`) — is accepted by `qiyue check`, where every other constant period of 0 (`within 0 days`,
   `exercise within 0 days`, `unless … within 0 days`, `passed(0 days …)`, `every 0 months`) is zero_period: a clause
   that extends by nothing is a slip of the pen.  checker.py: the extension's length goes through `infer` →
   `DurationValue` → `check_duration(zero_ok=True)` (the zero_ok meant for a value such as `f.at - r.at <= 0 hours`).
   Right: zero_period at the extension's line (a length read from a fact, `x.days days`, may still be 0: "0 days
   changes nothing", §4.7a).
5. `day 0 after o` is accepted (a `day N after` of 0): the event `at day 0 after o` is deemed at 00:00 of the order's
   day — ten hours before the order (10:00) that sets it off —, and a duty `due by day 0 after o` is due at 10:00 (so
   violated the instant it arises) while its reason says "该下单后第0日，即 2026年3月2日0时".  docs §7: `day N after
   TIME` is "00:00 of the N-th day after TIME's day" — there is no 0th day after (交寄之日后的第N日).  Right: refused
   by the check at its place, as `within 0 days` is (zero_period or a day number below 1).
6. `qiyue verify RULES --only p金` with U+F90A, the file declaring `property p金` (U+91D1): exit 2, "规则文件中没有名为
   p金 的性质；已有：p金、… 是否想写：p金" — the same name printed three times, nothing saying why (round 35's finding 9
   for `--assume`, here for `--only`).  Right: the property run (names compared under NFC, as the checker compares
   declared names) or the refusal naming the code points (U+F90A).  cli.py / verify: `--only` looked up as written.
7. Quadratic: factoring.qy with N payments of ¥100.00 by 丙方 into the factor's account, one a day: 100 → 200 → 400 →
   800 payments 0.04 → 0.10 → 0.33 → 1.21 s (×3.3, ×3.7).  5.4's `when … received > advanced + accrued(financing_fee)
   + accrued(late_repurchase)` is tested at each payment, and `accrued(financing_fee)` — one row, `recomputed daily
   at day end`, its amount of a day changed by each payment — counts its runs again from the advance each time
   (state.py `accrued_in_parts` → `day_amounts` over every change: 1,603 calls, 1.3 M list appends at 800).  Right:
   linear — the total of the runs before the last change kept on the row (`Accrued` keeps only settled rows).
8. A calendar file (`calendar file "2027.toml"`) listing a holiday twice — `holidays = ["2027-01-01", "2027-01-01"]` —
   is taken silently.  calendars/README.md: "Any mistake … stops evaluation with an error that names the file, the key
   and what was expected.  Nothing is silently skipped", and the loader refuses a date in both lists and a Monday–
   Friday make-up day ("the date is mistyped"); a date typed twice is the same kind of slip (the 2nd of January meant,
   say).  Right: bad_calendar_file naming `year.2027.holidays` and the item.  (Tried beside it: a folder, an empty
   file, bytes no encoding reads, an empty source, years 0, 02027, "2027" quoted and ２０２７, 9999, `2027-1-1`, a date
   in both lists, one year in two files, one file named twice (also as ./a.toml): each refused at the declaration's
   line and column, or read as meant.  A TOML date literal `[2027-01-01]` instead of a string is read — harmless.)

Noticed, not filed:
- Two sales of one contract number at one instant with different prices (3.1 `once per s.contract_no`): one is kept
  — the same one whatever the order of the lines (the one of the lower price, it seems) — silently; which was "the
  earliest" cannot be told.  Round 32 filed the like for a fact of the day alone (`once per b.month`).
- A per-hour (or any) remedy on a duty left undetermined by a performance of the deadline's day alone is listed as
  undetermined while that day lasts (day_alone_at_as_of) and is gone from 00:00 of the next day; the watch never
  names it.  Round 32's finding "what rests on an undetermined verdict is silently absent" (still a strict xfail).
- `working_day_of_month(N, T)` / `working_day_of_next_month(N, T)` take N up to 31 (no month has more than 23
  working days, 2004–2026) and give a month with fewer its last working day — said in the reason ("共 16 个"), not
  refused.  `day_of_month` does the same by 第202条; for working days no rule says so.
- A chain of 1,600 `when` deemed events each reading the one before: quadratic in the report (each event's id
  holds the whole chain: `d3:d2:d1:d0:o`) — the ids' own length.
- `qiyue check` on 2,500 → 10,000 one-duty clauses: 3.4 → 17.5 s (×5.2 for ×4), parsing and per-clause work.
- `rules:414` of the bench run: a 1.1 MB rule file made by `repeat`, 5.2 s — its size (rounds 27–35).
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules
from engine.diagnostics import QiyueError
from scaling import ratio  # (shared: the collector held off, CPU time, the best of three)

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "tests" / "contracts"
COMMISSION = compile_file(CONTRACTS / "commission.qy")


def line(fid, ftype, at, **attrs):
    return json.dumps({"id": fid, "type": ftype, "at": at, **attrs}, ensure_ascii=False)


def rows(report, name):
    return [o for o in report["obligations"] if o["name"] == name]


SIGNED = [line("s1", "contract_signed", "2026-08-03T10:00:00+08:00", party="甲方"),
          line("s2", "contract_signed", "2026-08-03T10:00:00+08:00", party="乙方")]


def test_passing_calendar_days_relied_on():
    import chinese_calendar as cc
    for d in ["2026-03-02", "2026-03-03", "2026-03-04", "2026-08-03", "2026-08-04", "2026-08-05", "2026-08-13",
              "2026-08-14", "2026-12-30", "2026-12-31"]:
        assert cc.is_workday(date.fromisoformat(d)), d


# ================================================================== 1. every notice wakes every remittance duty

def _sales(n, reports=True):
    from datetime import datetime, timedelta, timezone
    t0 = datetime(2026, 8, 4, 9, tzinfo=timezone(timedelta(hours=8)))
    out = list(SIGNED)
    for i in range(n):
        t = t0 + timedelta(seconds=i)
        out.append(line(f"x{i}", "sale_made", t.isoformat(), contract_no=f"C{i}", buyer="b", quantity=1,
                        unit_price="2000.00"))
        out.append(line(f"r{i}", "proceeds_remitted", (t + timedelta(hours=1)).isoformat(), contract_no=f"C{i}",
                        amount="2000.00"))
        if reports:
            out.append(line(f"n{i}", "notice_sent", (t + timedelta(hours=2)).isoformat(), **{
                "from": "乙方", "to": "甲方", "subject": "sale_report", "contract_no": f"C{i}", "method": "email"}))
    return out


def test_passing_sales_remitted_and_reported_are_each_performed():
    """3 sales of ¥2,000.00 (below the floor, no consent: ¥2,400.00 owed each, 2.2) remitted ¥2,000.00: each remittance
    short — violated 10 days on (08-04 + 10 days = 08-14, a working day → due 08-15 00:00); each report by e-mail two
    hours after the sale, in time."""
    report = COMMISSION.evaluate(_sales(3), "2026-08-20", explain="none")
    assert sorted(o["status"] for o in rows(report, "report_sale")) == ["fulfilled"] * 3
    assert sorted((o["status"], o["due"]) for o in rows(report, "remit")) == \
        [("violated", "2026-08-15T00:00:00+08:00")] * 3


def test_passing_sales_remitted_without_reports_take_linear_time():
    def run(n):
        COMMISSION.evaluate(_sales(n, reports=False), "2026-08-20", explain="none")
    assert ratio(run, 400, 1600) < 8  # linear ×4


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (20:30–): a text written in the rule is a plain key: duties waiting on exists(… n.subject == "…") are filed by it (compiler._read_off))
def test_sales_remitted_and_reported_take_linear_time():
    def run(n):
        COMMISSION.evaluate(_sales(n), "2026-08-20", explain="none")
    assert ratio(run, 80, 640) < 20  # linear ×8; measured ×30 and more (quadratic ×64)


# ============================================================ 2. a deemed event on a fact of the effect's day alone

DEEMED = '''contract "T" "生效日" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
event signed "签署"
event sold "销售"
event reported "报告"
clause "1" "生效" {
  effective in_force "生效" { when exists(signed) }
}
clause "2" "报告" {
  deemed sale "销售成交" {
    for each sold s where exists(in_force)
    at s
  }
  obligation report_direct "报告（直接）" {
    debtor 乙方
    creditor 甲方
    for each sold s
    fulfilled by reported r
    within 2 working days
  }
  obligation report_deemed "报告（经视为事件）" {
    debtor 乙方
    creditor 甲方
    for each sale x
    fulfilled by reported r
    within 2 working days
  }
}
'''


def _deemed(sold_at):
    rules = compile_rules(DEEMED, "deemed.qy")
    return rules.evaluate([line("c", "signed", "2026-03-02T10:00:00+08:00"), line("s", "sold", sold_at)],
                          "2026-03-31", explain="words")


@pytest.mark.parametrize("sold_at, deemed", [("2026-03-02T11:00:00+08:00", True), ("2026-03-02T09:00:00+08:00", False)])
def test_passing_a_timed_fact_before_or_after_the_effect(sold_at, deemed):
    """In force Mon 03-02 10:00.  A sale at 11:00: deemed, the report due in 2 working days (03-03, 03-04 → 03-05
    00:00), unreported: violated, by either rule.  At 09:00: before the contract (第502条), neither."""
    report = _deemed(sold_at)
    assert ("sale" in [e["name"] for e in report["events"]]) is deemed
    for name in ("report_direct", "report_deemed"):
        (o,) = rows(report, name)
        assert (o["status"], o["due"]) == (("violated", "2026-03-05T00:00:00+08:00") if deemed else ("inactive", None))


def test_passing_a_duty_on_a_fact_of_the_effects_day_alone_is_counted_from_the_effect():
    """docs/language.en.md §4.11: a fact of the effect's day alone is taken as having come once the contract was in
    force, counted from then (10:00): 03-03, 03-04 → due 03-05 00:00."""
    (o,) = rows(_deemed("2026-03-02"), "report_direct")
    assert (o["status"], o["due"]) == ("violated", "2026-03-05T00:00:00+08:00")


def test_passing_a_duty_whose_where_reads_the_effect_on_a_fact_of_the_effects_day_alone_is_taken():
    """The same `where exists(in_force)` written on the duty itself is asked again when the contract takes effect
    that day (evaluator.py `take_effect`): due 03-05 00:00, as the plain duty."""
    src = DEEMED.replace("    for each sold s\n    fulfilled by reported r",
                         "    for each sold s where exists(in_force)\n    fulfilled by reported r")
    assert src != DEEMED
    report = compile_rules(src, "where.qy").evaluate(
        [line("c", "signed", "2026-03-02T10:00:00+08:00"), line("s", "sold", "2026-03-02")], "2026-03-31")
    (o,) = rows(report, "report_direct")
    assert (o["status"], o["due"]) == ("violated", "2026-03-05T00:00:00+08:00")


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (20:30–): deemed once the contract binds, what it sets off taken from the effect (evaluator.bare_unmatched, fire))
def test_a_deemed_event_on_a_fact_of_the_effects_day_alone_is_deemed():
    report = _deemed("2026-03-02")
    assert "sale" in [e["name"] for e in report["events"]]
    (o,) = rows(report, "report_deemed")
    assert (o["status"], o["due"]) == ("violated", "2026-03-05T00:00:00+08:00")


def test_passing_commission_a_sale_at_11_00_of_the_effects_day_owes_its_report_and_remittance():
    """Both sign Mon 08-03 10:00; a sale of 1 unit at ¥2,400.00 at 11:00, nothing reported or remitted: the report due
    in 2 working days (08-04, 08-05 → 08-06 00:00), the remittance in 10 days (08-04 … 08-13, Thu, a working day →
    08-14 00:00); as of 08-31 both violated."""
    sale = line("x1", "sale_made", "2026-08-03T11:00:00+08:00", contract_no="C1", buyer="b", quantity=1,
                unit_price="2400.00")
    report = COMMISSION.evaluate(SIGNED + [sale], "2026-08-31", explain="none")
    assert [(o["status"], o["due"]) for o in rows(report, "report_sale")] == [("violated", "2026-08-06T00:00:00+08:00")]
    assert [(o["status"], o["due"]) for o in rows(report, "remit")] == [("violated", "2026-08-14T00:00:00+08:00")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (20:30–): as above)
def test_commission_a_sale_of_the_effects_day_alone_owes_its_report_and_remittance():
    sale = line("x1", "sale_made", "2026-08-03", contract_no="C1", buyer="b", quantity=1, unit_price="2400.00")
    report = COMMISSION.evaluate(SIGNED + [sale], "2026-08-31", explain="none")
    assert [(o["status"], o["due"]) for o in rows(report, "report_sale")] == [("violated", "2026-08-06T00:00:00+08:00")]
    assert [(o["status"], o["due"]) for o in rows(report, "remit")] == [("violated", "2026-08-14T00:00:00+08:00")]


# ================================================================== 3. text compared without regard to Unicode forms

def _remitted_as(number_on_remittance):
    """A sale of 1 unit at ¥2,400.00 on Fri 08-21 10:00, contract number "C金1" (金 U+91D1); remitted in full and
    reported by e-mail on 08-22 10:00 naming the contract number written ``number_on_remittance``."""
    sale = line("x", "sale_made", "2026-08-21T10:00:00+08:00", contract_no="C\u91d11", buyer="b", quantity=1,
                unit_price="2400.00")
    paid = line("r", "proceeds_remitted", "2026-08-22T10:00:00+08:00", contract_no=number_on_remittance,
                amount="2400.00")
    told = line("n", "notice_sent", "2026-08-22T10:00:00+08:00", **{
        "from": "乙方", "to": "甲方", "subject": "sale_report", "contract_no": number_on_remittance,
        "method": "email"})
    return SIGNED + [sale, paid, told]


def test_passing_a_remittance_naming_the_contract_number_as_written_performs():
    """3.1: reported the next day by e-mail (in 2 working days); 3.2: ¥2,400.00 = 1 × ¥2,400.00 remitted in 10 days."""
    report = COMMISSION.evaluate(_remitted_as("C\u91d11"), "2026-09-30", explain="none")
    assert [o["status"] for o in rows(report, "remit")] == ["fulfilled"]
    assert [o["status"] for o in rows(report, "report_sale")] == ["fulfilled"]


def test_passing_an_id_in_another_unicode_form_is_refused_saying_which_code_points():
    lines = SIGNED + [line("x\u91d1", "goods_delivered", "2026-08-04T10:00:00+08:00", quantity=1),
                      line("x\uf90a", "goods_delivered", "2026-08-04T10:00:00+08:00", quantity=1)]
    with pytest.raises(QiyueError) as err:
        COMMISSION.evaluate(lines, "2026-09-30")
    assert "U+F90A" in str(err.value.diagnostics[0].message)


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (20:30–): a text value written with other code points than an earlier line's is refused naming them (facts._text_written_otherwise, value_form))
def test_a_contract_number_in_another_unicode_form_is_the_same_number_or_refused():
    try:
        report = COMMISSION.evaluate(_remitted_as("C\uf90a1"), "2026-09-30", explain="none")
    except QiyueError as err:
        assert "U+F90A" in " ".join(d.message for d in err.diagnostics)
        return
    assert [o["status"] for o in rows(report, "remit")] == ["fulfilled"]
    assert [o["status"] for o in rows(report, "report_sale")] == ["fulfilled"]


# ================================================================== 4. an extension of a constant 0

EXTENDED = '''contract "T" "t" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
event ordered "下单"
event paid "付款"
event ext "延期"
clause "1" "c" {
  obligation pay "付款" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by paid p
    within LENGTH
    extended by ext x for EXTRA
  }
}
'''


@pytest.mark.parametrize("length", ["0 days", "0 working days", "0 hours"])
def test_passing_a_period_of_a_constant_0_is_refused(length):
    with pytest.raises(QiyueError) as err:
        compile_rules(EXTENDED.replace("LENGTH", length).replace("EXTRA", "1 days"), "zero.qy")
    (d,) = err.value.diagnostics
    assert (d.code, d.span.line) == ("zero_period", 13)


def test_passing_an_extension_of_one_day_compiles():
    compile_rules(EXTENDED.replace("LENGTH", "3 days").replace("EXTRA", "1 days"), "one.qy")


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (20:30–): a constant extension of 0 is zero_period (checker._zero_length))
@pytest.mark.parametrize("extra", ["0 days", "0 working days", "0 hours", "0 months", "(1 - 1) days"])
def test_an_extension_of_a_constant_0_is_refused(extra):
    with pytest.raises(QiyueError) as err:
        compile_rules(EXTENDED.replace("LENGTH", "3 days").replace("EXTRA", extra), "zero.qy")
    assert [(d.code, d.span.line) for d in err.value.diagnostics] == [("zero_period", 14)]


# ================================================================== 5. `day 0 after`

DAY_N = '''contract "T" "t" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
event ordered "下单"
event paid "付款"
clause "1" "c" {
  deemed arrived "视为送达" {
    for each ordered o
    at day N after o
  }
  obligation pay "付款" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by paid p
    due by day N after o
  }
}
'''


def test_passing_day_3_after_is_00_00_of_the_third_day():
    """docs/language.en.md §7: `day N after TIME` is 00:00 of the N-th day after TIME's day: an order Mon 03-02 10:00,
    day 3 = Thu 03-05, 00:00 — the deemed event then, the duty due then (unpaid: violated)."""
    report = compile_rules(DAY_N.replace("N", "3"), "d3.qy").evaluate(
        [line("o", "ordered", "2026-03-02T10:00:00+08:00")], "2026-04-01", explain="none")
    assert [(e["name"], e["at"]) for e in report["events"]] == [("arrived", "2026-03-05T00:00:00+08:00")]
    assert [(o["status"], o["due"]) for o in report["obligations"]] == [("violated", "2026-03-05T00:00:00+08:00")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (20:30–): day_zero (checker))
def test_day_0_after_is_refused_by_the_check():
    with pytest.raises(QiyueError) as err:
        compile_rules(DAY_N.replace("N", "0"), "d0.qy")
    assert 9 in [d.span.line for d in err.value.diagnostics]


# ================================================================== 6. `verify --only` a name in another Unicode form

VERIFIED = '''contract "T" "t" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
event ordered "下单"
event paid "付款"
clause "1" "c" {
  obligation pay "付款" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by paid p
    within 10 days
  }
}
property p\u91d1 "付款有期限" {
  for each pay.triggered t
  holds present(t.due)
}
'''


def _verify(tmp_path, only):
    import subprocess
    import sys
    rules = tmp_path / "verified.qy"
    rules.write_text(VERIFIED, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "engine.cli", "verify", str(rules), "--only", only, "--examples", "3",
                           "--seed", "1"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_passing_verify_only_the_name_as_written_runs_it(tmp_path):
    done = _verify(tmp_path, "p\u91d1")
    assert done.returncode == 0, done.stderr
    assert "p\u91d1" in done.stdout


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (20:30–): --only is looked up as Unicode reads it (cli._verify, checker._nfc))
def test_verify_only_a_name_in_another_unicode_form_runs_it_or_says_why(tmp_path):
    done = _verify(tmp_path, "p\uf90a")
    if done.returncode == 0:
        assert "p\u91d1" in done.stdout
    else:
        assert "U+F90A" in done.stderr + done.stdout


# ================================================================== 7. accrued( ) of a fee recomputed at each payment

FACTORING = compile_file(CONTRACTS / "factoring.qy")


def _collected(n):
    """factoring.qy: in force Fri 2025-01-03 10:00 (signed without a party: all at once), the receipt handed at 11:00,
    ¥1,600,000.00 advanced Sat 01-04 11:00; 丙方 then pays ¥100.00 into the factor's account each day from Sun 01-05
    09:00 (a second later each day)."""
    from datetime import datetime, timedelta, timezone
    t0 = datetime(2025, 1, 5, 9, tzinfo=timezone(timedelta(hours=8)))
    out = [line("s1", "contract_signed", "2025-01-03T10:00:00+08:00"),
           line("h", "receipt_handed", "2025-01-03T11:00:00+08:00"),
           line("d", "disbursed", "2025-01-04T11:00:00+08:00", amount="1600000.00")]
    for i in range(n):
        out.append(line(f"p{i}", "debtor_paid", (t0 + timedelta(days=i, seconds=i)).isoformat(), amount="100.00",
                        payee="甲方"))
    return out, (t0 + timedelta(days=n + 1)).isoformat()


def test_passing_the_financing_fee_on_what_is_still_outstanding_is_counted_by_hand():
    """4.1: 万分之三 a day of the principal outstanding at each day's end, the day of advance counted (算头).  Payments of
    ¥100.00 on 01-05 and 01-06 (principal first: the assumption allocation).  As of Tue 01-07 12:00: 01-04 ¥1,600,000.00
    × 0.03% = ¥480.00; 01-05 ¥1,599,900.00 → ¥479.97; 01-06 and 01-07 ¥1,599,800.00 → ¥479.94 each: ¥1,919.85."""
    lines, _ = _collected(2)
    report = FACTORING.evaluate(lines, "2025-01-07T12:00:00+08:00", explain="none")
    assert [(x["name"], x["amount"]) for x in report["remedies"]] == [("financing_fee", "1919.85")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (20:30–): the runs a daily amount's changes closed are kept between reads (state.day_amounts, accrued_in_parts))
def test_many_payments_of_the_receivable_take_linear_time():
    def run(n):
        lines, as_of = _collected(n)
        FACTORING.evaluate(lines, as_of, explain="none")
    assert ratio(run, 150, 1200) < 16  # linear ×8; measured ×30 and more (quadratic ×64)


# ================================================================== 8. a calendar file listing a day twice

CALENDAR_RULES = '''contract "T" "t" { calendar official
  calendar file "2027.toml" }
party 甲方 "甲"
party 乙方 "乙"
event ordered "下单"
event paid "付款"
clause "1" "c" {
  obligation pay "付款" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by paid p
    within 3 working days
  }
}
'''


def _calendar(tmp_path, holidays, workdays="[]"):
    (tmp_path / "2027.toml").write_text(f'[year.2027]\nsource = "国务院办公厅关于2027年部分节假日安排的通知（试）"\n'
                                        f'holidays = {holidays}\nworkdays = {workdays}\n', encoding="utf-8")
    (tmp_path / "rules.qy").write_text(CALENDAR_RULES, encoding="utf-8")
    rules = compile_file(tmp_path / "rules.qy")
    return rules.evaluate([line("o", "ordered", "2026-12-30T10:00:00+08:00")], "2027-01-20", explain="none")


def test_passing_a_calendar_file_for_the_next_year_counts_its_holidays(tmp_path):
    """An order Wed 2026-12-30 10:00, 3 working days: Thu 12-31 (a working day, checked), Fri 2027-01-01 a holiday in
    the file, Sat 01-02 and Sun 01-03 rest days, Mon 01-04, Tue 01-05 → due 2027-01-06 00:00; unpaid: violated."""
    import chinese_calendar as cc
    assert cc.is_workday(date(2026, 12, 31))
    report = _calendar(tmp_path, '["2027-01-01"]')
    assert [(o["status"], o["due"]) for o in report["obligations"]] == [("violated", "2027-01-06T00:00:00+08:00")]


def test_passing_a_calendar_file_with_a_day_in_both_lists_is_refused(tmp_path):
    """calendars/README.md: "no date may be in both lists … Any mistake … stops evaluation with an error that names the
    file, the key and what was expected.  Nothing is silently skipped." — Sat 2027-01-02 as a holiday and a make-up
    working day."""
    with pytest.raises(QiyueError) as err:
        _calendar(tmp_path, '["2027-01-01", "2027-01-02"]', '["2027-01-02"]')
    assert err.value.diagnostics[0].code == "bad_calendar_file"


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (20:30–): a date twice in a list is refused (timecalc._parse_days, calendar_file.twice))
def test_a_calendar_file_listing_a_day_twice_is_refused(tmp_path):
    with pytest.raises(QiyueError) as err:
        _calendar(tmp_path, '["2027-01-01", "2027-01-01"]')
    assert err.value.diagnostics[0].code == "bad_calendar_file"
    assert "holidays" in err.value.diagnostics[0].message
