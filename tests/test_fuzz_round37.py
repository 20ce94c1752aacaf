"""Fuzz round 37: the newest contract (tests/contracts/partnership.qy) and generated rule files at scale.

What was run (scratch scripts outside the repository; every case seeded):

- `python bench/fuzz.py --seed 3737 --rules 2000 --facts 10000 --api 1000 --jobs 1 --time-limit 1800`
  (QIYUE_NATIVE=off): 13,000 cases in 1,271 s, no traceback, no memory growth (533,748 → 531,702 live blocks; worker
  137 MB, peak 165 MB); two timeouts of one kind, rules:1008 and rules:779, 1.1–1.5 MB rule files made by `repeat`
  (5.1 s alone: their size, as rounds 27–36 triaged).
- partnership.qy: 60 generated streams of 150 facts of every declared type mixed (signatures, contributions of
  ¥0.01 … ¥250,000.00, accounts for 2026–2027 quarters, confirmations with equal and unequal profits, profit paid,
  consents, matters executed with and without consent, courier and e-mail notices of every subject, deaths,
  incapacity, settlements, liquidation, dissolution; a sixth of them known by their day alone, a third at the
  instant of the fact before): `evaluate` at three instants = `evaluate_many`, the lines shuffled = in order, a
  Session fed in time order with lines repeated and `changes()` asked now and then = `evaluate`.  No difference.
  `qiyue watch --once --format json` on five such streams: no traceback.  `qiyue verify` on the contract with five
  properties added (10 working days for contributions, 30 days for 退伙结算, one end, exclusion only with consent,
  each partner leaves once): all hold at 60 examples.
- partnership.qy scaled (CPU time, N = 100 … 3,200): quarters confirmed at one instant (N × 2 distribute duties and
  rows due at one instant), unilateral matters, payments of ¥10.00, cure demands, consents, profit payments,
  accounts, withdrawal notices: linear but the consents of 3.3 (finding 7) and one shape noted below; ten years of quarterly accounts
  (2026-Q3 … 2036-Q2, every deadline after 2026 on `calendar fallback undetermined`): right and fast.
- Generated rule files (900): deemed events reading deemed events (`at day N after`, `at end of PARAM after`,
  `where exists(d1 y …)`), duties set off by either, `once per`, `counting earlier`, `exclusively`, `or by`,
  lengths from parameters and assumptions (`within term_len as term`), `excused if … [retroactively]`, `suspended by
  … [counted by day]`, `caveat if`, remedies per day / per hour / once with `each at least`, `each at most`,
  `total at most`, `lapses when`, `settled by`, a second remedy reading `accrued( )` of the first (`recomputed
  daily`, min/max) — each on 3 random streams (facts of a day alone, at 00:00, several at one instant):
  `evaluate_many` = `evaluate`s, shuffled = in order, a Session (instants' facts shuffled, lines repeated,
  `changes(lang=zh|en)`) = `evaluate`, `--assume` = the file edited.  No difference.  Then the facts' ids renamed
  so that their order at one instant reverses (f0 … f9 → Z0010 … Z0001): reports differ, all of them where a
  remedy reads `accrued( )` of rows arising at the same instant (round 33's open xfails, not repeated) — and one
  of another construct: finding 1.
- Renderers: amounts of ¥999,999,999,999,999.99 and ¥0.01, dates from 1900-01-02 to 2099-12-31 (with `calendar
  fallback weekdays` / `undetermined`) through `--format json|text|html`: right (a total past 10^15 is refused at
  the remedy's line: amount_out_of_range, no traceback).  The summary of the text report across the year end:
  finding 3.
- Fact lines: 100 malformed amounts, instants and keys (thousands separators misplaced, full-width digits, 1.5e5,
  NaN, -0.00, `+08`, `,5` seconds, week and ordinal dates, years 0001 / 1899 / 9999 with offsets pushing them
  out of range, `24:00`, second 60, NUL, U+2010 and U+2212 for hyphen and minus, duplicate keys also written with
  `\\u` escapes): each refused at its line and column, or read as ISO 8601 reads it.

Calendar (chinese_calendar, checked in test_passing_calendar_days_relied_on): 2026 — Mon 03-02 … Fri 03-06, Fri 09-18,
Sun 09-20 (make-up), Thu 12-24, Fri 12-25, Mon 12-28 … Thu 12-31 working; Sat 12-26, Sun 12-27 rest.

Defects (each a strict xfail below):

1. `lapses when accrued(r) >= ¥1.00` with two rows arising at one instant: orders o1 (¥100.00) and o2 (¥50.00) at
   Mon 03-02 10:00, each due in 3 days (03-03, 03-04, 03-05 → 03-06 00:00), neither delivered; r = 1% of the amount
   a day.  At 03-06 00:00 both duties are violated together and the first day's rows are ¥1.00 and ¥0.50 (together
   ¥1.50 ≥ ¥1.00): the remedy lapses at that instant, both rows lapsed.  The engine makes o1's row, finds the
   condition met and never makes o2's: one row, ¥1.00.  Rename o2 to a2 (it then sorts first) and both rows are
   there (¥0.50 + ¥1.00).  The ids decide the verdict; facts of one instant happened together (time-and-law.md).
2. The same remedy, o1 alone, delivered late on Mon 03-09 10:00: the row lapsed at 03-06 00:00 (its first day,
   ¥1.00 ≥ ¥1.00), and its reason says "累计：自 2026年3月5日24时 起至逾期履行之日 2026年3月6日（星期五）（d1）" —
   that d1 performed late on 03-06.  d1 came on 03-09; the count ended because the remedy lapsed on 03-06, which
   the report as of 03-08 says ("至本项消灭之日 2026年3月6日…（于 2026年3月6日0时 消灭…）").  Also with a lapse on a
   fact (`lapses when exists(waived x)`, waived 03-07 10:00, d1 03-09: "至逾期履行之日 2026年3月7日（d1）") and with
   `recomputed daily [at day end]`; by the hour the words are right ("至 2026年3月7日10时（本项消灭之时…）").
3. Text report summary across the year end (partnership.qy, 2027 unknown, `calendar fallback undetermined`):
   all three partners confirm the Q3 accounts on Thu 12-24 10:00; the profit is owed to 乙方 and 丙方 within 10
   working days (4.2): 12-25, 12-28 … 12-31 (5 in 2026), five more in 2027.  As of Mon 12-28 00:00 the next 10
   working days are 12-29, 12-30, 12-31 and seven in 2027.  Counting the same number of working days from an
   earlier start never ends later, whatever 2027 holds: both duties fall due within the window.  The summary says
   "10个工作日内到期 0 项".
4. `each day counted once` with two rows arising at one instant (o1 ¥1.00 a day, o2 ¥0.50, both late from 03-06
   00:00): the days are counted by the row whose fact's id sorts first — as of 03-10 00:00 (03-06 … 03-10, 5 days
   begun) ¥5.00 with ids o1/o2, ¥2.50 with o1/a2.  language.md §5: "counted once, by the row that arose first" —
   neither arose first; the holder's claim must not depend on how the facts are named.
5. Cubic: `each day counted once` over n late rows (orders 7 hours apart from 2020-03-02, none delivered, reported
   at 2026-12-31): 150 → 300 → 450 rows 0.16 → 1.11 → 3.73 s (×23 for ×3).  state.days_covered keeps the rows whose
   days it met in a list (`who not in who_all`, a dataclass `==` each): 2.3 million comparisons at 240 rows.
6. qiyue watch (Session.changes): the profit owed to 乙方 and to 丙方 (4.2: one rule, one confirmation) violated
   together at 10-23 00:00 are two identical lines, "违约：分配季度利润（distribute）（2026年10月9日15时 季度账目经全体
   合伙人确认（源自 c2））期限 2026年10月22日24时 已过，甲方 未履行" — in English alike.  The summary and the timeline
   name the parties of such duties since round 37's session (build.shared_triggers); the watch's words do not.
7. Quadratic: `exists(consent g where g.party == 乙方 and g.proposal == m.proposal and g.at <= m.at)` — the form
   partnership.qy writes in 2.4 and 3.3 — for n matters each with its own consent: 400 → 800 → 1,600 matters
   0.12 → 0.46 → 1.73 s; the same condition with the constant written last (`g.proposal == m.proposal and g.at <=
   m.at and g.party == 乙方`), or without the time, is keyed: 1,000 → 4,000 in 0.03 → 0.14 s.  (partnership.qy at
   1,000 → 8,000 consents and matters: 0.25 → 11.3 s.)
8. A fact line's key written with a JSON escape (`"p\\u0061rty":"丁方"`, `"note\\u0032":"1"`): refused rightly, but
   said at column 1 of the line; written plainly, at the key's own column (71, 105).

Noticed, not filed:
- partnership.qy 5.1: n withdrawal notices each from one partner to the same other partner (never to the third):
  400 → 3,200 notices 0.23 → 9.8 s (quadratic) — `exists(notice_delivered m where … m.to != n.to …)` scans the
  sender's notices, all failing `!=`; with notices to both others it is linear.  No contract sends thousands.
- A remedy reading `accrued( )` of rows arising at different instants (n orders 7 hours apart, r2 = accrued(r) ×
  1%): 250 → 1,000 rows 0.38 → 5.0 s — round 33's open xfail (`accrue_unordered`), at one instant there.
- The ids renamed so that their order at one instant reverses change every report where a row reads `accrued( )`
  of rows of its own instant, or a `once per` / `exclusively` / `total at most` tie is broken — round 33's and
  round 36's "verdicts of one instant", not repeated; findings 1 and 4 are the constructs they did not cover.
- `calendar_year_unknown` is listed for 2027 … 2036 where ten years of quarterly accounts were all submitted on time
  (every verdict certain, before the earliest possible deadline): the finding says conclusions needing the year
  are undetermined, and none is.
- Instants written ` 2026-10-09`, `2026-10-09\\n`, `2026-10-09T10:00:00 ` (spaces, a newline) are read, where an
  amount with a space is refused; `+08` and `+0800` offsets and `,5` seconds are read (ISO 8601 allows them).
"""
from __future__ import annotations

import json
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules
from engine.report.build import render

ROOT = Path(__file__).resolve().parent.parent
PARTNERSHIP = compile_file(ROOT / "tests" / "contracts" / "partnership.qy")


def line(fid, ftype, at, **attrs):
    return json.dumps({"id": fid, "type": ftype, "at": at, **attrs}, ensure_ascii=False)


def test_passing_calendar_days_relied_on():
    import chinese_calendar as cc
    working = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-09-18", "2026-09-20",
               "2026-10-09", "2026-10-10", "2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15", "2026-10-16",
               "2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22", "2026-12-24", "2026-12-25", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"]
    resting = ["2026-10-11", "2026-10-17", "2026-10-18", "2026-12-26", "2026-12-27"]
    assert all(cc.is_workday(date.fromisoformat(d)) for d in working)
    assert not any(cc.is_workday(date.fromisoformat(d)) for d in resting)


# ================================================================== 1, 2. a remedy's lapse on its own accrued( )

LAPSE = '''contract "L" "消灭" { calendar official }
party 甲方 "甲" as buyer
party 乙方 "乙" as supplier
event signed "签署"
event order "订单" { n: int 1..5 "号"  amount: money "金额" }
event deliver "交付" { n: int 1..5 "号" }
clause "1" "生效" { effective eff "生效" { when exists(signed) } }
clause "2" "交付" {
  obligation ob "交付" {
    debtor 乙方
    creditor 甲方
    for each order o
    fulfilled by deliver d where d.n == o.n
    within 3 days
  }
  remedy r "违约金" {
    holder 甲方
    for each ob.violated v
    amount 1% of v.o.amount per day
    lapses when accrued(r) >= ¥1.00
  }
}
'''
LAPSE_RULES = compile_rules(LAPSE, "lapse.qy")
SIGNED = line("s", "signed", "2026-03-02T09:00:00+08:00")


def _order(fid, n, amount):
    return line(fid, "order", "2026-03-02T10:00:00+08:00", n=n, amount=amount)


def _rows(lines, as_of="2026-04-30"):
    report = LAPSE_RULES.evaluate(lines, as_of, explain="words")
    return sorted((r["status"], r["amount"], r["since"]) for r in report["remedies"])


def test_passing_one_row_lapses_on_its_own_first_day():
    """o1 alone (¥100.00 → ¥1.00 a day from 03-06 00:00): accrued ¥1.00 ≥ ¥1.00 at once — lapsed, ¥1.00."""
    assert _rows([SIGNED, _order("o1", 1, "100.00")]) == [("lapsed", "1.00", "2026-03-06T00:00:00+08:00")]


def test_passing_two_rows_of_one_instant_both_lapse_when_the_lower_id_is_the_smaller_row():
    """Ids a2 (¥50.00) and o1 (¥100.00): both rows, ¥0.50 and ¥1.00, lapsed at 03-06 00:00."""
    assert _rows([SIGNED, _order("o1", 1, "100.00"), _order("a2", 2, "50.00")]) == [
        ("lapsed", "0.50", "2026-03-06T00:00:00+08:00"), ("lapsed", "1.00", "2026-03-06T00:00:00+08:00")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): grant_remedy: the rows of the instant a remedy's `lapses when` came to hold still arise, and lapse with it)
def test_two_rows_of_one_instant_both_lapse_whatever_their_ids():
    want = [("lapsed", "0.50", "2026-03-06T00:00:00+08:00"), ("lapsed", "1.00", "2026-03-06T00:00:00+08:00")]
    assert _rows([SIGNED, _order("o1", 1, "100.00"), _order("o2", 2, "50.00")]) == want
    assert _rows([SIGNED, _order("o2", 2, "50.00"), _order("o1", 1, "100.00")]) == want


def _accrual_line(as_of, lang="zh"):
    lines = [SIGNED, _order("o1", 1, "100.00"), line("d1", "deliver", "2026-03-09T10:00:00+08:00", n=1)]
    (row,) = LAPSE_RULES.evaluate(lines, as_of, explain="words", lang=lang)["remedies"]
    assert (row["status"], row["amount"]) == ("lapsed", "1.00")
    return row["because"][-1]


def test_passing_a_lapsed_rows_count_ends_at_its_lapse_before_the_late_performance():
    """As of 03-08 (d1 not yet come): the count runs 03-06 only, to the lapse."""
    said = _accrual_line("2026-03-08")
    assert "本项消灭之日 2026年3月6日" in said and "逾期履行" not in said


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): Remedy._accrued: a row that lapsed before its duty's late performance is counted to the lapse and said so (accrued_to_lapse))
def test_a_lapsed_rows_count_is_said_to_end_at_its_lapse_after_the_late_performance():
    said = _accrual_line("2026-04-30")
    assert "本项消灭之日 2026年3月6日" in said and "逾期履行" not in said
    said_en = _accrual_line("2026-04-30", "en")
    assert "late performance" not in said_en


# ================================================================== 3. the summary's "due soon" across the year end

def _partners_confirmed(at):
    s = [line("s1", "contract_signed", "2026-09-17T15:00:00+08:00", party="甲方"),
         line("s2", "contract_signed", "2026-09-18T09:00:00+08:00", party="乙方"),
         line("s3", "contract_signed", "2026-09-18T10:00:00+08:00", party="丙方"),
         line("p1", "contribution_paid", "2026-09-20T10:00:00+08:00", party="甲方", amount="250000.00"),
         line("p2", "contribution_paid", "2026-09-20T10:00:00+08:00", party="乙方", amount="150000.00"),
         line("p3", "contribution_paid", "2026-09-20T10:00:00+08:00", party="丙方", amount="100000.00"),
         line("a3", "accounts_submitted", "2026-10-10T10:00:00+08:00", quarter="2026-Q3")]
    return s + [line(f"c{i}", "accounts_confirmed", at, party=p, quarter="2026-Q3", profit="100000.00")
                for i, p in enumerate(["甲方", "乙方", "丙方"])]


def _summary(lines, as_of):
    text = render(PARTNERSHIP.evaluate(lines, as_of), "zh")
    return next(x for x in text.splitlines() if "10个工作日内到期" in x)


def test_passing_the_summary_lists_profit_due_within_the_known_year():
    """Confirmed Thu 12-10 10:00: 12-11, 12-14 … 12-18, 12-21 … 12-24 → due 12-24 24:00; as of Sun 12-20 the
    next 10 working days run to 01-0x: both distribute duties listed."""
    said = _summary(_partners_confirmed("2026-12-10T10:00:00+08:00"), "2026-12-20")
    assert said.startswith("  10个工作日内到期 2 项")


@pytest.mark.xfail(strict=True, reason="text summary: profit due 10 working days after 12-24 (5 in 2026, 5 in 2027) "
                   "is due within the 10 working days after 12-28 whatever 2027's calendar holds; the summary says 0 "
                   "(build.render's due_soon takes only duties whose `due` is known, not `due_not_before`)")
def test_the_summary_lists_profit_due_across_the_year_end():
    lines = _partners_confirmed("2026-12-24T10:00:00+08:00")
    report = PARTNERSHIP.evaluate(lines, "2026-12-28")
    owed = [o for o in report["obligations"] if o["name"] == "distribute"]
    assert sorted((o["creditor"], o["status"], o["due_not_before"]) for o in owed) == [
        ("丙方", "active", "2027-01-06T00:00:00+08:00"), ("乙方", "active", "2027-01-06T00:00:00+08:00")]
    assert _summary(lines, "2026-12-28").startswith("  10个工作日内到期 2 项")


# ================================================================== 4, 5. `each day counted once`

ONCE_RULES = compile_rules(LAPSE.replace("    lapses when accrued(r) >= ¥1.00\n", "    each day counted once\n"), "once.qy")


def _once_total(ids, as_of="2026-03-10"):
    lines = [SIGNED, _order(ids[0], 1, "100.00"), _order(ids[1], 2, "50.00")]
    totals = []
    for given in (lines, lines[::-1]):
        report = ONCE_RULES.evaluate(given, as_of, explain="none")
        totals.append(sum(float(r["amount"]) for r in report["remedies"]))
    return totals


def test_passing_each_day_counted_once_of_rows_of_one_instant_counts_a_day_once():
    """o1 (¥1.00 a day) and a2 (¥0.50 a day) both late from 03-06 00:00; as of 03-10 00:00 the days 03-06 … 03-10
    (5 days begun) are counted once, by one row — rows of one instant in the order of what set them off, not of the
    ids (evaluator._in_order_of_arising: o1's order sorts first by its attributes): ¥5.00, whatever the order of the
    lines.  (Before the session of 2026-12-07 the ids decided: ¥2.50 here.)"""
    assert _once_total(("o1", "a2")) == [5.0, 5.0]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): evaluator._in_order_of_arising: rows of one instant ordered by what set them off (_content), never by the facts' ids)
def test_each_day_counted_once_of_rows_of_one_instant_does_not_depend_on_the_ids():
    assert _once_total(("o1", "o2")) == _once_total(("o1", "a2"))


TZ = timezone(timedelta(hours=8))


def _late_orders(n):
    """n orders of ¥100.00, 7 hours apart from 2020-03-02 10:00, none delivered: n rows of ¥1.00 a day running
    to the report (2026-12-31), every day counted once."""
    t0 = datetime(2020, 3, 2, 10, tzinfo=TZ)
    return [line("s", "signed", "2020-03-02T09:00:00+08:00")] + [
        line(f"o{i}", "order", (t0 + timedelta(hours=7 * i)).isoformat(), n=i % 5 + 1, amount="100.00")
        for i in range(n)]


def _cpu(n):
    lines = _late_orders(n)
    best = None
    for _ in range(2):
        start = time.process_time()
        ONCE_RULES.evaluate(lines, "2026-12-31", explain="none")
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    return best


def test_passing_each_day_counted_once_of_late_rows_is_counted():
    """Three orders 7 hours apart from Mon 2020-03-02 10:00 (10:00, 17:00, Tue 00:00): due 03-05 24:00, 03-05 24:00,
    03-06 24:00 (3 days from the next day); as of 03-10 00:00 the first row counts 03-06 … 03-10 (5 days, ¥5.00), the
    second none of its own (the same days), the third none (03-07 … 03-10 are counted): ¥5.00."""
    report = ONCE_RULES.evaluate(_late_orders(3)[:4], "2020-03-10", explain="none")
    assert sorted(r["amount"] for r in report["remedies"]) == ["0.00", "0.00", "5.00"]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): state.days_covered names each row once by a set of the rows' identities, not a list compared field by field)
def test_each_day_counted_once_of_many_late_rows_takes_linear_time():
    _cpu(60)  # (warm)
    small, big = _cpu(150), _cpu(450)
    assert big / max(small, 1e-3) < 12  # linear ×3; quadratic ×9 would pass, cubic ×27 fails


# ================================================================== 6. the watch's words for two duties of one fact

def _watched_distribution(lang):
    """Q3 accounts confirmed by all three Fri 10-09 15:00 (profit ¥100,000.00): 甲方 owes ¥30,000.00 to 乙方 and
    ¥20,000.00 to 丙方 within 10 working days — 10-10 (make-up Saturday), 10-12 … 10-16, 10-19 … 10-22 → due
    10-22 24:00; nothing paid: both violated at 10-23 00:00."""
    session = PARTNERSHIP.session()
    for x in sorted(_partners_confirmed("2026-10-09T15:00:00+08:00"), key=lambda x: json.loads(x)["at"]):
        session.add(x)
    session.advance("2026-10-31")
    return [c for c in session.changes(lang=lang) if c["code"].startswith("obligation_violated")
            and c["args"]["name"]["name"] == "distribute"]


def test_passing_the_watch_says_both_distributions_violated_at_10_23():
    changes = _watched_distribution("zh")
    assert sorted((c["at"], c["args"]["creditor"]) for c in changes) == [
        ("2026-10-23T00:00:00+08:00", "丙方"), ("2026-10-23T00:00:00+08:00", "乙方")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): Session.word: two duties of one rule set off by one fact at one instant (the session's _nth of their key) name their parties)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_watch_tells_apart_two_duties_of_one_fact(lang):
    changes = _watched_distribution(lang)
    assert len({c["text"] for c in changes}) == 2
    for c in changes:
        other = "丙方" if c["args"]["creditor"] == "乙方" else "乙方"
        assert c["args"]["creditor"] in c["text"] and other not in c["text"]


# ================================================================== 7. a constant filter written first loses the key

CONSENT = '''contract "K" "同意" { calendar official }
party 甲方 "甲" as partner
party 乙方 "乙" as partner
event signed "签署"
event consent "书面同意" { party: party "同意方"  proposal: text "事项编号" }
event act "执行事项" { by: party "执行方"  proposal: text "事项编号" }
clause "1" "生效" { effective eff "生效" { when exists(signed) } }
clause "2" "擅自执行" {
  remedy unilateral "擅自执行的违约金" {
    holder 乙方
    for each act m where not exists(consent g where @WHERE@)
    amount ¥1.00
  }
}
'''
CONSTANT_FIRST = compile_rules(CONSENT.replace("@WHERE@", "g.party == 乙方 and g.proposal == m.proposal and g.at <= m.at"),
                               "first.qy")
CONSTANT_LAST = compile_rules(CONSENT.replace("@WHERE@", "g.proposal == m.proposal and g.at <= m.at and g.party == 乙方"),
                              "last.qy")


def _acts(n, consented=True):
    """n matters executed by 甲方 three minutes apart from Mon 2026-01-05 10:00, each with 乙方's written consent to
    its own proposal given at the same instant (prior consent: 与执行同一时刻的同意视为事先同意) — or, with
    ``consented`` False, every other one without it."""
    t0 = datetime(2026, 1, 5, 10, tzinfo=TZ)
    out = [line("s", "signed", "2026-01-05T09:00:00+08:00")]
    for i in range(n):
        at = (t0 + timedelta(minutes=3 * i)).isoformat()
        if consented or i % 2 == 0:
            out.append(line(f"g{i}", "consent", at, party="乙方", proposal=f"J{i}"))
        out.append(line(f"m{i}", "act", at, by="甲方", proposal=f"J{i}"))
    return out


def test_passing_a_consent_condition_in_either_order_gives_one_report():
    """Six matters, the odd ones (m1, m3, m5) without 乙方's consent: three rows of ¥1.00, either way written."""
    for rules in (CONSTANT_FIRST, CONSTANT_LAST):
        report = rules.evaluate(_acts(6, consented=False), "2026-01-31", explain="none")
        assert sorted((r["trigger"], r["amount"]) for r in report["remedies"]) == [
            ("m1", "1.00"), ("m3", "1.00"), ("m5", "1.00")]


def _consent_cpu(rules, n):
    lines = _acts(n)
    best = None
    for _ in range(2):
        start = time.process_time()
        rules.evaluate(lines, "2026-12-31", explain="none")
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    return best


def test_passing_a_consent_condition_with_the_constant_last_takes_linear_time():
    _consent_cpu(CONSTANT_LAST, 200)  # (warm)
    assert _consent_cpu(CONSTANT_LAST, 12800) / max(_consent_cpu(CONSTANT_LAST, 3200), 1e-3) < 8  # linear ×4


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): compiler._aggregate: a part read from the fact alone written before the line's key no longer sends the aggregate to _prefiltered; looked up under the key per binding (_per_binding))
def test_a_consent_condition_with_the_constant_first_takes_linear_time():
    _consent_cpu(CONSTANT_FIRST, 200)  # (warm)
    assert _consent_cpu(CONSTANT_FIRST, 1600) / max(_consent_cpu(CONSTANT_FIRST, 400), 1e-3) < 8  # linear ×4


# ================================================================== 8. the column of a key written with a \u escape

from engine.diagnostics import QiyueError  # noqa: E402

PAID = '{"id":"p","type":"contribution_paid","at":"2026-10-09T10:00:00+08:00",'


def _refused(raw):
    with pytest.raises(QiyueError) as exc:
        PARTNERSHIP.evaluate([raw], "2026-12-31")
    (d,) = exc.value.diagnostics
    return d.code, d.span.line, d.span.column


@pytest.mark.parametrize("raw, code, key", [
    (PAID + '"party":"丁方","amount":"150000.00"}', "bad_attribute", '"party"'),
    (PAID + '"party":"乙方","amount":"150000.00","note2":"1"}', "unknown_attribute", '"note2"'),
])
def test_passing_a_bad_key_is_named_at_its_column(raw, code, key):
    """丁方 is no party of the contract; note2 no attribute of contribution_paid: refused at the key (columns 71 and
    105 of line 1, counted by `raw.index(key) + 1`)."""
    assert _refused(raw) == (code, 1, raw.index(key) + 1)


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): facts._key_as_written: a key written with other JSON escapes is found among the line's keys, at its own column)
@pytest.mark.parametrize("raw, code, key", [
    (PAID + '"p\\u0061rty":"丁方","amount":"150000.00"}', "bad_attribute", '"p\\u0061rty"'),
    (PAID + '"party":"乙方","amount":"150000.00","note\\u0032":"1"}', "unknown_attribute", '"note\\u0032"'),
])
def test_a_bad_key_written_with_an_escape_is_named_at_its_column(raw, code, key):
    assert _refused(raw) == (code, 1, raw.index(key) + 1)
