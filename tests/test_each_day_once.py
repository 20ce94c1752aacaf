"""`each day counted once`: a daily amount owed under several rows of one remedy at once (two
installments late on the same day) counts each calendar day once, by the earliest row; the
other rows count only their own days.  Counted by hand, and against a plain count of days."""
import textwrap
from datetime import date, timedelta

from hypothesis import given, strategies as st

from engine.api import compile_rules
from engine.run.state import days_covered
from seedfacts import lines

RULES = textwrap.dedent('''\
    contract "T-7" "测试合同" { calendar official }
    party 甲方 "买方" as buyer
    party 乙方 "卖方" as supplier
    event invoiced "收到发票" { n: int 1..9 "期次" }
    event paid "付款" { n: int 1..9 "期次" }
    clause "1" "付款" {
      obligation pay "付款" {
        debtor 甲方
        creditor 乙方
        for each invoiced i
        fulfilled by paid p where p.n == i.n
        within 10 days as term
      }
      remedy late "逾期违约金" {
        holder 乙方
        for each pay.violated o
        amount ¥100.00 按日
        每日只计一次
      }
    }
    ''')


def facts(*items):
    return lines([{"id": f"f{k}", "type": t, "at": at, "n": n} for k, (t, at, n) in enumerate(items)])


def amounts(report):
    return [(r["trigger"], r["amount"]) for r in report["remedies"]]


def test_overlapping_days_are_counted_by_the_earliest_row_only():
    rules = compile_rules(RULES, "t.qy")
    # invoice 1 on 03-01 → due 03-12 00:00 (10 days as a term: 03-02…03-11); invoice 2 on 03-05 → due
    # 03-16 00:00. Installment 1 paid 03-20: late 03-12…03-20 (9 days); installment 2 unpaid at 03-25:
    # late 03-16…03-25 (10 days), of which 03-16…03-20 (5) installment 1 already counted → 5 days
    report = rules.evaluate(facts(("invoiced", "2026-03-01T10:00:00+08:00", 1),
                                  ("invoiced", "2026-03-05T10:00:00+08:00", 2),
                                  ("paid", "2026-03-20T10:00:00+08:00", 1)), "2026-03-25T12:00:00+08:00")
    assert amounts(report) == [("pay#1.violated", "900.00"), ("pay#2.violated", "500.00")]


def test_rows_that_do_not_overlap_each_count_all_their_days():
    rules = compile_rules(RULES, "t.qy")
    report = rules.evaluate(facts(("invoiced", "2026-03-01T10:00:00+08:00", 1),
                                  ("paid", "2026-03-13T10:00:00+08:00", 1),  # late 03-12, 03-13: 2 days
                                  ("invoiced", "2026-03-10T10:00:00+08:00", 2)),  # due 03-21 00:00
                            "2026-03-22T12:00:00+08:00")  # late 03-21, 03-22: 2 days
    assert amounts(report) == [("pay#1.violated", "200.00"), ("pay#2.violated", "200.00")]


def test_the_keyword_needs_a_daily_amount():
    from engine.diagnostics import QiyueError
    try:
        compile_rules(RULES.replace("amount ¥100.00 按日", "amount ¥100.00"), "t.qy")
    except QiyueError as e:
        (d,) = e.diagnostics
        assert d.code == "each_day_once_not_per_day" and d.span.line == 18
    else:
        raise AssertionError("accepted")


DAY0 = date(2026, 1, 1)
span = st.tuples(st.integers(0, 60), st.integers(0, 30)).map(
    lambda t: (DAY0 + timedelta(t[0]), DAY0 + timedelta(t[0] + t[1])))


@given(st.lists(span, max_size=6), span)
def test_days_covered_is_the_plain_count_of_days_in_earlier_ranges(earlier, mine):
    def days(a, b):
        return {a + timedelta(k) for k in range(1, (b - a).days + 1)}
    ranges = [(a, b, f"r{k}") for k, (a, b) in enumerate(earlier)]
    covered, who = days_covered(*mine, ranges)
    union = set().union(*(days(a, b) for a, b in earlier)) if earlier else set()
    assert covered == len(days(*mine) & union)
    # (each day named by the row that counted it — the first whose range holds it —, not every row whose range touches
    # it: the fuzzer, round 38)
    assert set(who) == {next(r for a, b, r in ranges if d in days(a, b)) for d in days(*mine) & union}
