"""Every message `qiyue check` (and the loading of facts, files, calendars, --as-of, --assume) can give
is in the catalogue in Chinese and in English, and each is triggered here by a rule file, a fact line
or an argument that is wrong in exactly that way."""
import ast
import re
import textwrap
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from engine.api import as_of_instant, compile_file, compile_rules, evaluate, parse_as_of, read_text
from engine.diagnostics import QiyueError, diag
from engine.messages import CATALOGUE, Choice, Msg, fields, render
from engine.lang.parser import MAX_RULE_CHARS
from engine.live import unavailable

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")

BASE = textwrap.dedent('''\
    contract "T-1" "测试合同" { calendar official }
    party 甲方 "买方" as buyer
    party 乙方 "卖方" as supplier
    param price "价款" = ¥1,000.00
    event delivered "交付" { qty: int 1..10 "数量" }
    event paid "付款" { amount: money }
    clause "1" "付款" {
      obligation pay "付款义务" {
        debtor 甲方
        creditor 乙方
        for each delivered d
        fulfilled by paid p where p.amount >= price
        within 5 days
      }
    }
    ''')
TABLE = textwrap.dedent('''\
    table fees "费用" (item: text, cost: money) {
      1: "a", ¥1.00
      1: "b", ¥2.00
      2: "c"
      3: ¥3.00, ¥4.00
      total ¥9.00
    }
    ''')
PERIOD = 'period term "服务期" = 30 days after 2026-01-01\n'
CLEAN_TABLE = 'table costs "费用" (item: text, cost: money) {\n  1: "a", ¥1.00\n  2: "b", ¥2.00\n}\n'


def edit(old, new, base=BASE):
    assert old in base, old
    return base.replace(old, new, 1)


def clause2(body):
    return BASE + 'clause "2" "其他" {\n' + textwrap.dedent(body) + "}\n"


FULFIL = "    fulfilled by paid p where p.amount >= price\n"

# (message key, rule text that gives it)
RULE_CASES = [
    ("missing_contract", BASE.split("\n", 1)[1]),
    ("duplicate_contract", 'contract "T-0" { }\n' + BASE),
    ("duplicate_clause", BASE + 'clause "1" "again" { quote "x" }\n'),
    ("duplicate_name", BASE + 'event paid "again" { amount: money }\n'),
    ("duplicate_part", edit("    within 5 days\n", "    within 5 days\n    within 6 days\n")),
    ("duplicate_part.or_by", edit(FULFIL, "    or by paid p\n")),
    ("duplicate_part.effective", BASE + 'effective e1 "生效" { when exists(delivered d) }\n'
                                        'effective e2 "生效" { when exists(paid p) }\n'),
    ("duplicate_part.exercises", clause2('''\
        remedy cancel_right "解除权" { holder 甲方 for each pay.violated v }
        termination cancel "解除" { for each paid p exercises cancel_right held by 甲方 exercises cancel_right }
        ''')),
    ("untriggered_rule", BASE + 'effective e0 "生效" { }\n'),
    ("unsupported.effective_when", BASE + 'effective e0 "生效" { for each delivered d }\n'),
    ("unsupported.exercises", BASE + 'effective e0 "生效" { when exists(paid p) exercises pay }\n'),
    ("unsupported.effective_at", BASE + 'effective e0 "生效" { when exists(paid p) at 2026-01-01 }\n'),
    ("unsupported.termination_lapses", BASE + 'termination t0 "解除" { for each paid p lapses when exists(paid) }\n'),
    ("unknown_name.remedy", BASE + 'termination t0 "解除" { for each paid p exercises nothing_here }\n'),
    ("unsupported.ends_only", BASE + 'effective e0 "生效" { when exists(paid p) ends only pay }\n'),
    ("unsupported.ends_only_at", BASE + 'termination t0 "解除" { for each paid p ends only pay at 2026-01-01 }\n'),
    ("unknown_name.ends_only", BASE + 'termination t0 "解除" { for each paid p ends only pya }\n'),
    ("duplicate_name.ends_only", BASE + 'termination t0 "解除" { for each paid p ends only pay, pay }\n'),
    ("ends_only_where_alias", BASE + 'termination t0 "解除" { for each paid p ends only pay where p.amount > ¥0.00 }\n'),
    ("unsupported.ends_only_life", BASE + 'termination t0 "解除" { for each paid p ends only t0 }\n'),
    ("unsupported.ends_only_where", clause2('remedy r0 "r" { holder 乙方 for each paid p amount ¥1.00 }\n')
     + 'termination t0 "解除" { for each paid p ends only r0 x where p.amount > ¥0.00 }\n'),
    ("untriggered_obligation", edit("    for each delivered d\n", "")),
    ("untriggered_remedy", clause2('remedy r "r" { holder 乙方 amount ¥1.00 }\n')),
    ("untriggered_event", clause2('deemed dd "d" { at 2026-01-01 }\n')),
    ("missing_deadline", edit("    within 5 days\n", "")),
    ("missing_deadline.continuing", edit(FULFIL, "    violated by paid p\n")),
    ("unfulfillable_obligation", edit(FULFIL, "")),
    ("unfulfillable_obligation.self", edit("fulfilled by paid p where p.amount >= price", "fulfilled by pay x")),
    ("missing_time", clause2('deemed dd "d" { for each paid p }\n')),
    ("missing_party", edit("    debtor 甲方\n", "")),
    ("ambiguous_other", edit("debtor 甲方", "debtor other(乙方)",
                             edit('as supplier\n', 'as supplier\nparty 丙方 "第三方"\n'))),
    ("deemed_cycle", clause2('''\
        deemed a_done "甲" { for each b_done x at x }
        deemed b_done "乙" { for each a_done y at y }
        ''')),
    ("param_cycle", BASE + "param a1 = b1\nparam b1 = a1\n"),
    ("bad_severity", clause2('finding f1 fatal "说明" { for each paid p }\n')),
    ("not_constant", BASE + 'verify exists(paid p) "有付款"\n'),
    ("not_constant.switch", edit(FULFIL, FULFIL + "    survives only if exists(paid p)\n")),
    ("division_by_zero", BASE + "param third = price ÷ 0\n"),
    ("type_mismatch.share", BASE + "param x = price of price\n"),
    ("cap_without_amount", clause2('remedy r "r" { holder 乙方 for each pay.violated o total at most ¥5.00 }\n')),
    ("suspension_one_fact", edit("    within 5 days\n", "    within 5 days\n    suspended by paid p, paid q until "
                                                       "delivered e\n")),
    ("suspension_one_fact.extension", edit("    within 5 days\n", "    within 5 days\n    extended by paid p, delivered e "
                                                                 "for 3 days\n")),
    ("suspension_one_fact.settled", clause2('remedy r "r" { holder 乙方 for each pay.violated o amount ¥5.00 '
                                            'settled by paid p, delivered e }\n')),
    ("suspension_continuing", edit("    within 5 days\n", "    until first(paid).at\n    suspended by paid p until "
                                                         "delivered e\n")),
    ("every_alone", edit("for each delivered d", "for each delivered d\n    every month p from first(delivered).at "
                                                 "until first(paid).at")),
    ("every_once", edit("for each delivered d", "every month p from first(delivered).at until first(paid).at")
     .replace("    within 5 days\n", "    within 5 days\n    once\n")),
    ("unbounded_recurrence", edit("for each delivered d", "every month p from first(delivered).at")),
    ("every_not_here", clause2('remedy r "r" { holder 乙方 every month p from first(delivered).at until '
                               'first(paid).at amount ¥1.00 }\n')),
    ("wrong_arguments.calendar", edit("within 5 days", "due by month_end(d, d)")),
    ("calendar_day_number", edit("within 5 days", "due by day_of_next_month(32, d)")),
    ("not_fixed_duration", edit("fulfilled by paid p where p.amount >= price",
                                "fulfilled by paid p where p.at - d.at <= 1 months")),
    ("type_mismatch.duration_count", edit("    within 5 days\n", "    within 5 days\n    extended by delivered "
                                          "e for price days\n")),
    ("type_mismatch.extension_length", edit("    within 5 days\n", "    within 5 days\n    extended by delivered "
                                            "e for e.qty\n")),
    ("type_mismatch.cases", BASE + "param x = if price > ¥1.00 then price otherwise 3\n"),
    ("wrong_arguments.extreme", BASE + "param cap = min(price)\n"),
    ("type_mismatch.extreme", BASE + "param cap = max(price, 2025-01-01)\n"),
    ("type_mismatch.extreme_mixed", BASE + "param cap = min(price, 3)\n"),
    ("wrong_arguments.rounding", BASE + "param r = round(price, ¥1.00, ¥1.00)\n"),
    ("type_mismatch.rounding", BASE + 'param r = round_up("x", 1)\n'),
    ("type_mismatch.rounding_step", BASE + "param r = round_down(price, 1)\n"),
    ("rounding_step", BASE + "param r = round_up(3.5, 0)\n"),
    ("unknown_remedy.call", clause2('remedy r "r" { holder 乙方 for each pay.violated o amount price - accrued(pay) }\n')),
    ("accrued_without_amount", clause2('remedy q "q" { holder 乙方 for each pay.violated o }\n'
                                       'remedy r "r" { holder 乙方 for each pay.violated o amount price - accrued(q) }\n')),
    ("accrued_cycle", clause2('remedy r "r" { holder 乙方 for each pay.violated o amount price - accrued(r) }\n')),
    ("accrued_cycle.cap", clause2('remedy r "r" { holder 乙方 for each pay.violated o amount ¥5.00 '
                                  'total at most accrued(r) }\n')),
    ("accrued_cycle.floor", clause2('remedy r "r" { holder 乙方 for each pay.violated o amount ¥5.00 '
                                    'each at least accrued(r) }\n')),
    ("type_mismatch.consecutive", clause2('remedy r "r" { holder 乙方 when consecutive(month, p.amount for each '
                                          'paid p) >= 3 }\n')),
    ("rating_not_counted", clause2('remedy r "r" { holder 乙方 for each pay.violated o amount "不合格" per day }\n')),
    ("property_trigger", clause2('property p1 "p" { when exists(paid p) holds true }\n')),
    ("property_empty", clause2('property p1 "p" { for each paid p }\n')),
    ("recomputed_without_amount",
     clause2('remedy r "r" { holder 乙方 for each pay.violated o recomputed daily }\n')),
    ("accrues_from_performance",
     clause2('remedy r "r" { holder 乙方 for each pay.performed_late o amount ¥300.00 per hour }\n')),
    ("recomputed_per_hour",
     clause2('remedy r "r" { holder 乙方 for each pay.violated o amount ¥300.00 per hour recomputed daily }\n')),
    ("accrued_per_hour_condition",
     clause2('remedy r "r" { holder 乙方 for each pay.violated o amount ¥300.00 per hour }\n'
             'remedy q "q" { holder 乙方 when accrued(r) >= ¥900.00 }\n')),
    ("alternative_to_itself", clause2('remedy r "r" { holder 乙方 for each pay.violated o alternative to r }\n')),
    ("unused_assumption", BASE + 'assumption unread "无人读取" = 5 days\n  "合同未写明"\n'),
    ("unknown_event.remedy", clause2('remedy r "r" { holder 乙方 for each pay.violated o }\n'
                                     'property p1 "p" { never r x }\n')),
    ("unknown_name.alternative", clause2('remedy r "r" { holder 乙方 for each pay.violated o alternative to rr }\n')),
    ("each_day_once_not_per_day",
     clause2('remedy r "r" { holder 乙方 for each pay.violated o amount ¥1.00 each day counted once }\n')),
    ("assumption_choice", BASE + 'assumption basis "计法" = "daily" one of ("once", "per day")\n  "合同未写明"\n'),
    ("assumption_choice.not_text", BASE + 'assumption basis "计法" = 3 days one of ("3 days", "5 days")\n  "合同未写明"\n'),
    ("unknown_reading", edit(FULFIL, FULFIL + '    survives only if basis == "per dya"\n')
                        + 'assumption basis "计法" = "once" one of ("once", "per day")\n  "合同未写明"\n'),
    ("duplicate_reading", BASE + 'assumption basis "计法" = "once" one of ("once" "一次", "once" "再次")\n  "合同未写明"\n'),
    ("reading_words.empty", BASE + 'assumption basis "计法" = "once" one of ("once" "", "per day")\n  "合同未写明"\n'),
    ("reading_words.same", BASE + 'assumption basis "计法" = "once" one of ("once" "同", "per day" "同")\n  "合同未写明"\n'),
    ("reading_words.other", BASE + 'assumption basis "计法" = "once" one of ("once" "per day", "per day")\n  "合同未写明"\n'),
    ("duplicate_attribute", edit("{ amount: money }", "{ amount: money amount: money }")),
    ("reserved_attribute", edit("{ amount: money }", "{ amount: money at: date }")),
    ("duplicate_value", edit("{ amount: money }", "{ amount: money kind: one of (a, a) }")),
    ("duplicate_row", BASE + TABLE),
    ("duplicate_column", BASE + CLEAN_TABLE.replace("(item: text, cost: money)", "(item: text, item: money)")),
    ("value_words.same", edit("{ amount: money }", '{ amount: money kind: one of (a "同", b "同") }')),
    ("row_width", BASE + TABLE),
    ("type_mismatch.cell", BASE + TABLE),
    ("duplicate_alias", edit("for each delivered d", "for each delivered d, paid d")),
    ("zero_period", edit("within 5 days", "within 0 days")),
    ("day_zero", edit("within 5 days", "due by day 0 after d")),
    ("unknown_name", edit("p.amount >= price", "p.amount >= prize")),
    ("unknown_name.once", edit("    within 5 days\n", "    within 5 days\n    once per q\n")),
    ("unknown_event", edit("for each delivered d", "for each deliverd d")),
    ("unknown_event.stage", clause2('remedy r "r" { holder 乙方 for each pay.finished o amount ¥1.00 }\n')),
    ("unknown_obligation", clause2('remedy r "r" { holder 乙方 for each nope.violated o amount ¥1.00 }\n')),
    ("unknown_obligation.call", edit("for each delivered d", "when triggered(price)")),
    ("unknown_attribute.event", edit("p.amount >= price", "p.amout >= price")),
    ("unknown_attribute.period", edit("within 5 days", "within 5 days after term.middle") + PERIOD),
    ("unknown_attribute.column", BASE + TABLE + 'verify fees[1].nope == ¥1.00 "x"\n'),
    ("unknown_parameter", edit("within 5 days", "within term_x")),
    ("unknown_function", edit("p.amount >= price", "foo(p)")),
    ("wrong_arguments", edit("p.amount >= price", "present(p, p)")),
    ("unknown_value", edit("{ amount: money }", "{ amount: money kind: one of (cash, wire) }")
     .replace("p.amount >= price", 'p.kind == "cheque"')),
    ("type_mismatch.default", edit("{ amount: money }", '{ amount: money n: int default "x" }')),
    ("default_out_of_range", edit("{ amount: money }", '{ amount: money n: int 1..10 default 99 }')),
    ("ahead_not_ref", edit("{ amount: money }", '{ amount: money ahead }')),
    ("owed_to_itself", edit("creditor 乙方", "creditor 甲方")),
    ("accelerated_continuing", clause2('obligation keep "保密" { debtor 乙方 creditor 甲方 for each delivered d '
                                       'violated by paid p without end accelerated by paid q }\n')),
    ("accelerated_later_not_series", clause2('obligation pay2 "付款" { debtor 甲方 creditor 乙方 for each delivered d '
                                             'fulfilled by paid p within 10 days accelerated by paid q with later periods }\n')),
    ("type_mismatch.cap_kind", clause2('remedy late "迟延" { holder 乙方 for each delivered d amount 3 '
                                       'total at most ¥10.00 }\n')),
    ("type_mismatch.floor_kind", clause2('remedy late "迟延" { holder 乙方 for each delivered d amount 3 '
                                         'each at least ¥1.00 }\n')),
    ("type_mismatch.floor_percent", clause2('remedy late "迟延" { holder 乙方 for each delivered d amount ¥3.00 '
                                            'each at least 10% }\n')),
    ("floor_without_amount", clause2('remedy r "r" { holder 乙方 for each pay.violated o each at least ¥5.00 }\n')),
    ("type_mismatch.cap_percent", clause2('remedy late "迟延" { holder 乙方 for each delivered d amount ¥3.00 '
                                          'total at most 10% }\n')),
    ("unreachable_case", clause2('deemed done "完成" { for each delivered d at end of 1 day after d '
                                 'at end of 5 days after d }\n')),
    ("settled_per_day", clause2('remedy late "迟延" { holder 乙方 for each delivered d amount ¥1.00 per day '
                                'settled by paid p }\n')),
    ("exercise_not_power", clause2('remedy late "迟延" { holder 乙方 for each delivered d exercise within 30 days }\n')),
    ("contract_header_twice", edit("calendar official", "calendar official calendar fallback weekdays "
                                                        "calendar fallback undetermined")),
    ("unknown_party.number", edit("calendar official", 'number 丙方 "A-1" calendar official')),
    ("type_mismatch.not_duration", edit("within 5 days", "within price")),
    ("type_mismatch.party", edit("debtor 甲方", "debtor price")),
    ("type_mismatch.party_joined", clause2('remedy r "r" { holder 甲方 and 乙方 for each pay.violated o }\n')),
    ("once_unbound", clause2('remedy r "r" { holder 乙方 for each pay.violated o for each paid q once per o.at, q.at }\n')),
    ("once_unbound.nothing", clause2('remedy r "r" { holder 乙方 for each paid q once per q.at once per 1 }\n')),
    ("once_unbound.taken", clause2('remedy r "r" { holder 乙方 for each paid q once per q.at once per q.amount }\n')),
    ("type_mismatch.remedy_amount", clause2('remedy r "r" { holder 乙方 for each pay.violated o amount 5 days }\n')),
    ("type_mismatch.condition", edit("for each delivered d", "when price")),
    ("type_mismatch.moment", edit("within 5 days", "within 5 days after price")),
    ("type_mismatch.table_key", BASE + TABLE + 'verify fees["x"].cost == ¥1.00 "x"\n'),
    ("type_mismatch.index", BASE + 'verify price[1] == ¥1.00 "x"\n'),
    ("type_mismatch.percent", BASE + "param pct = 5% of 甲方\n"),
    ("type_mismatch.moment_minus", edit("within 5 days", "within 5 days after d.at - 3 days")),
    ("type_mismatch.hours_on_date", edit("within 5 days", "within 5 days after d.at.day - 2 hours")),
    ("type_mismatch.arith", BASE + "param bad = price + 甲方\n"),
    ("type_mismatch.sum", BASE + "param s = sum(甲方 for each paid p)\n"),
    ("type_mismatch.attribute", edit("p.amount >= price", "price.foo == 1")),
    ("type_mismatch.other", edit("debtor 甲方", "debtor other(price)")),
    ("type_mismatch.order", edit("p.amount >= price", "甲方 > 乙方")),
    ("type_mismatch.compare", edit("p.amount >= price", "p.amount == 2026-01-01")),
    ("amount_out_of_range", BASE + "param huge = 100% of ¥999,999,999,999,999,999.00\n"),
    ("syntax_error", edit("debtor 甲方", "debtr 甲方")),
    ("syntax_error.end", BASE + "param late \"迟延\" =\n"),
    ("syntax_error.unclosed_brace", BASE[:-2]),
    ("syntax_error.role_missing", edit("party 甲方 \"买方\" as buyer", "party 甲方 \"买方\" as")),
    ("syntax_error.unclosed_paren", edit("p.amount >= price\n", "(p.amount >= price\n")),
    ("syntax_error.character", edit("debtor 甲方", "debtor @甲方")),
    ("syntax_error.unclosed_quote", BASE + 'param p "价款\n'),
    ("syntax_error.line_comma", edit("for each delivered d", "for each delivered d,")),
    ("empty_text.caveat", edit("within 5 days", 'within 5 days\n    caveat if price > ¥1.00 "  "')),
    ("excuse_retro_form", edit("within 5 days", "within 5 days\n    excused if price > ¥1.00 retroactively")),
    ("syntax_error.dangling", edit("p.amount >= price\n", "p.amount >=\n")),
    ("too_large", BASE + "#" * MAX_RULE_CHARS + "\n"),
    ("not_whole_number", edit("within 5 days", "within 1.5 days")),
    ("number_too_large", edit("within 5 days", "within 9999999 days")),
    ("duration_too_long", edit("within 5 days", "within 9999 years")),
    ("empty_range", edit("int 1..10", "int 10..1")),
    ("money_bound_fraction", edit("amount: money }", "amount: money -1.005..10 }")),
    ("bad_date.no_such_year", edit("within 5 days", "within 5 days after 0000-01-01")),
    ("bad_date.no_such_day", edit("within 5 days", "within 5 days after 2026-02-30")),
    ("bad_date.no_such_month", edit("within 5 days", "within 5 days after 2026-13-01")),
    ("bad_date.form", edit("within 5 days", "within 5 days after 2026-2-13")),
    ("too_deep", BASE + "verify " + "not " * 200 + 'true "x"\n'),
    ("too_deep.terms", BASE + "param big = " + " + ".join(["¥1.00"] * 200) + "\n"),
    ("too_deep.factors", BASE + "param big = ¥1.00" + " × 1" * 200 + "\n"),
    ("too_deep.sums", BASE + "param big = " + "(" * 5 + "¥1.00" + (")" + " + ¥1.00" * 49) * 5 + "\n"),
    ("too_deep.sources", BASE + 'clause "9" "多" {\n  obligation many "多" {\n    debtor 甲方\n    creditor 乙方\n    for each '
     + ", ".join(f"delivered d{i}" for i in range(101)) + "\n    fulfilled by paid p\n    within 5 days\n  }\n}\n"),
    ("too_deep.reference", BASE + "param q0 = ¥1.00\n" + "".join(f"param q{i} = q{i - 1}\n" for i in range(1, 200))),
    ("period_cycle", BASE + 'period term "服务期" = 30 days after term.end\n'),
    ("bad_number.digits", edit("within 5 days", "within ５ days")),
    ("bad_rate", BASE + "param r = 万分之点\n"),
    ("too_many_errors", edit("for each delivered d", "when all of (" + ", ".join(["price"] * 300) + ")")),
    ("too_deep.rules", clause2("".join(f'deemed e{i} "e" {{ for each {f"e{i - 1}" if i else "paid"} x at x }}\n'
                                      for i in range(60)))),
    ("number_too_large.digits", BASE + "param m = ¥" + "9" * 5000 + "\n"),
    ("bad_text.surrogate", BASE + 'param s = "\ud800"\n'),
    ("bad_calendar", edit("{ calendar official }", "{ calendar official\n calendar fallback guess }")),
    ("bad_money", edit("¥1,000.00", "¥1,0,0,0.00")),
    ("unknown_row", BASE + CLEAN_TABLE + "param far = costs[999999].cost\n"),
    ("empty_clause", BASE.replace('clause "1"', 'clause " "')),
    ("unfulfillable_obligation.self_condition", edit(FULFIL, "    fulfilled when triggered(pay)\n")),
]

# (message key, rule text whose findings give it: the file is sound)
FINDING_CASES = [
    ("stated_amount_mismatch", BASE + "param dep = 10% of price stated ¥200.00\n"),
    ("unreachable_rules", BASE.replace("    for each delivered d\n", "    for each pay.violated d\n")),
    ("note_unknown_assumption", BASE.replace("    within 5 days\n", '    within 5 days\n    note "见假定 grace"\n')),
    ("stated_amount_mismatch.follows", BASE + "param dep = 10% of price stated ¥200.00\n"
                                              "param dep2 = 200% of dep stated ¥400.00\n"),
    ("table_total_mismatch", BASE + 'table t2 "二" (item: text, cost: money) {\n 1: "a", ¥1.00\n total ¥2.00\n}\n'),
    ("amount_words_unreadable", BASE + 'param w = ¥100.00 words "一百块"\n'),
    ("amount_words_mismatch", BASE + 'param w = ¥100.00 words "贰佰元整"\n'),
    ("contract_inconsistency", BASE + 'verify price == ¥2.00 and true "价款为二元"\n'),
    ("contract_inconsistency.sides", BASE + 'verify price == ¥2.00 "价款为二元"\n'),
    ("open_point", BASE + 'assumption a0 "假定" = 2 hours "理由"\n'),
    ("attribute_from_some_sources", BASE + 'event other "另一" \nclause "9" "x" {\n'
     '  deemed both "二者" { for each delivered d at d\n for each other o at o }\n'
     '  finding big info "多" { for each both b where b.qty > 5 }\n}\n'),
    ("date_out_of_range", BASE + "param start0 = 0001-01-01\n"),
    ("unless_never_cancels", clause2('remedy r "r" { holder 乙方 for each pay.violated o unless pay.fulfilled y '
                                     'where y.d.qty == o.d.qty within 30 days }\n')),
]

FACT_RULES = edit('event delivered "交付" { qty: int 1..10 "数量" }',
                  'event delivered "交付" { qty: int 1..10 "数量" via: one of (post, hand) optional '
                  'of: ref optional about: ref (paid) optional note: text optional on: date optional '
                  'require note when via == "post" }')
D = '"id": "d1", "type": "delivered", "at": "2026-03-03"'
# (message key, fact lines that give it)
FACT_CASES = [
    ("bad_json", ['{"id": "d1", "type": "delivered", "at": "2026-03-03"']),
    ("bad_fact", ["[1, 2]"]),
    ("bad_fact.id", ['{"id": 5, "type": "delivered", "at": "2026-03-03", "qty": 1}']),
    ("bad_fact.id_surrogate", ['{"id": "d\\ud800", "type": "delivered", "at": "2026-03-03", "qty": 1}']),
    ("bad_fact.type", ['{"id": "d1", "type": 5, "at": "2026-03-03", "qty": 1}']),
    ("missing_key", ['{"id": "d1", "type": "delivered", "qty": 1}']),
    ("missing_key.near", ['{"id": "d1", "type": "delivered", "At": "2026-03-03", "qty": 1}']),
    ("unknown_event_type", ['{"id": "d1", "type": "deliverd", "at": "2026-03-03", "qty": 1}']),
    ("bad_time", ['{"id": "d1", "type": "delivered", "at": "2026-02-30", "qty": 1}']),
    ("bad_attribute.missing", ["{" + D + "}"]),
    ("bad_attribute", ["{" + D + ', "qty": "two"}']),
    ("unknown_attribute.fact", ["{" + D + ', "qty": 1, "colour": "red"}']),
    ("missing_attribute", ["{" + D + ', "qty": 1, "via": "post"}']),
    ("conflicting_id", ["{" + D + ', "qty": 1}', '{"id": "d1", "type": "delivered", "at": "2026-03-04", "qty": 1}']),
    ("unknown_ref", ["{" + D + ', "qty": 1, "of": "nothing"}']),
    # (a ref to an id written with other code points: fuzz round 35)
    ("unknown_ref.form", ['{"id": "caf\u00e9", "type": "delivered", "at": "2026-03-02", "qty": 1}',
                          "{" + D + ', "qty": 1, "of": "cafe\u0301"}']),
    # (one id written two ways, "café" with é and with e and a combining accent: fuzz round 24)
    ("conflicting_id.form", ['{"id": "caf\u00e9", "type": "delivered", "at": "2026-03-03", "qty": 1}',
                             '{"id": "cafe\u0301", "type": "delivered", "at": "2026-03-03", "qty": 1}']),
    # (one text written two ways, 金 U+91D1 and U+F90A: fuzz round 36)
    ("value_form", ["{" + D + ', "qty": 1, "note": "C\u91d11"}',
                    '{"id": "d2", "type": "delivered", "at": "2026-03-04", "qty": 1, "note": "C\uf90a1"}']),
    ("bad_fact.surrogate", ["{" + D + ', "qty": 1, "note": "a\ud800"}']),  # (the character itself, not \\ud800)
    ("self_ref", ["{" + D + ', "qty": 1, "of": "d1"}']),
    ("bad_fact.key_surrogate", ["{" + D + ', "qty": 1, "n\\ud800": 1}']),
    ("bad_fact.value_surrogate", ["{" + D + ', "qty": 1, "note": "a\\ud800"}']),
    ("ref_type", ['{"id": "d0", "type": "delivered", "at": "2026-03-02", "qty": 1}', "{" + D + ', "qty": 1, "about": "d0"}']),
    ("duplicate_key", ["{" + D + ', "qty": 1, "qty": 2}']),
]

# Keys no input can reach (a guard for a parse tree the grammar cannot produce, a guard for a
# calendar year the evaluation already handles), or reached only through lark's UnexpectedEOF,
# which the LALR parser does not raise.
UNREACHABLE = {"unsupported.expression", "syntax_error.early_end",
               # (the command's own standard streams: tests/test_messages_cli.py gives each)
               "unwritable_file.stdout", "unreadable_file.stdin",
               "unknown_ref.so_far",  # (a live session's: tests/test_watch.py)
               # (a date of the rule file is written YYYY-MM-DD by the grammar: it fails by its year 0, month or day,
               # each with its own key — bad_date.no_such_year / _month / _day; `bad_date` is the parser's fallback)
               "bad_date"}


def diagnostics_of(text, path="t.qy"):
    try:
        return compile_rules(text, path).findings
    except QiyueError as exc:
        return exc.diagnostics


def fact_diagnostics(lines):
    compiled = compile_rules(FACT_RULES, "t.qy")
    with pytest.raises(QiyueError) as exc:
        compiled.load_facts(lines, "f.jsonl")
    return exc.value.diagnostics


# two duties, each triggered by the other's performance, both performed by one payment at one instant
CYCLE = BASE + textwrap.dedent('''\
    clause "2" "循环" {
      obligation o0 "甲" {
        debtor 甲方
        creditor 乙方
        for each pay.fulfilled x
        for each o1.fulfilled x
        fulfilled by paid p
        within 5 days
      }
      obligation o1 "乙" {
        debtor 甲方
        creditor 乙方
        for each o0.fulfilled x
        fulfilled by paid p
        within 5 days
      }
    }
    ''')


def api_diagnostics(tmp_path):
    """The diagnostics of the API's own checks: --as-of, --assume, calendar files, unreadable files."""
    out = []
    from engine.cli import _output_file, _until

    for call in (lambda: parse_as_of("yesterday"),
                 lambda: _output_file(str(tmp_path / "no" / "r.json"), True).__enter__(),  # (`-o` a missing folder)
                 lambda: _until("yesterday"),  # (`watch --until` not an instant)
                 lambda: as_of_instant(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14)))),
                 lambda: compile_rules(BASE + 'assumption term0 "期" = 2 hours "理由"\n', "t.qy",
                                       assume={"term1": "3 hours"}),
                 lambda: compile_rules(BASE + 'assumption term0 "期" = 2 hours "理由"\n', "t.qy",
                                       assume={"term0": "3 hourz"}),
                 lambda: compile_rules(BASE, "t.qy").evaluate([], "2026-04-01", lang="fr"),
                 lambda: as_of_instant(3.5),
                 lambda: compile_rules(BASE, "t.qy").evaluate_many([], ["2026-04-01", "yesterday"]),
                 lambda: compile_rules(CYCLE, "t.qy").evaluate(
                     ['{"id": "d1", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 1}',
                      '{"id": "p1", "type": "paid", "at": "2026-03-04T10:00:00+08:00", "amount": "2000.00"}'],
                     "2026-04-01"),
                 lambda: as_of_instant(date(9999, 12, 31)),
                 lambda: evaluate(42, [], "2026-04-01"),
                 lambda: evaluate(compile_rules(BASE, "t.qy"), [], "2026-04-01").with_status("violatd"),
                 lambda: __import__("qiyue.testing").testing.facts(compile_rules(BASE, "t.qy"), "deliverd"),
                 lambda: compile_rules(BASE + 'clause "2" "c" {\n  remedy big "b" { holder 乙方 for each delivered d '
                                       'amount ¥999,999,999,999,999.00 per day }\n}\n', "t.qy").evaluate(
                     ['{"id": "d1", "type": "delivered", "at": "2026-01-03T10:00:00+08:00", "qty": 1}'], "2026-04-01"),
                 lambda: evaluate(BASE, "facts.jsonl", "2026-04-01"),
                 lambda: evaluate(compile_rules(BASE, "t.qy"), [{"id": "d1", "type": "delivered", "qty": 10 ** 5000}],
                                  "2026-04-01"),  # (a fact dict JSON cannot write: unwritable_fact)
                 lambda: evaluate(compile_rules(BASE, "t.qy"), [], "2026-04-01", assume={"price": "¥2.00"}),
                 lambda: compile_rules(BASE + 'assumption term0 "期" = 2 hours "理由"\n', "t.qy",
                                       assume={"term0": "45"}),
                 lambda: (_ for _ in ()).throw(QiyueError(compile_rules(
                     BASE + 'assumption term0 "期" = 2 hours "理由"\n', "t.qy", assume={"term0": "3 hours"}).findings)),
                 lambda: compile_rules(edit("    within 5 days\n", "    within 999 years after d.at + 999 years\n"),
                                       "t.qy").evaluate(
                     ['{"id": "d1", "type": "delivered", "at": "8999-03-03T10:00:00+08:00", "qty": 1}'], "8999-04-01"),
                 lambda: compile_rules(edit("    within 5 days\n",
                                            "    within 999 years after first(delivered).at + 999 years\n").replace(
                     "for each delivered d", "when passed(1 days since first(delivered))"), "t.qy").evaluate(
                     ['{"id": "d1", "type": "delivered", "at": "8999-03-03T10:00:00+08:00", "qty": 1}'], "8999-04-01"),
                 lambda: compile_rules(BASE + CLEAN_TABLE + 'clause "2" "退款" {\n  remedy refund "退款" { holder 乙方 '
                                       'for each delivered d amount costs[d.qty].cost }\n}\n', "t.qy").evaluate(
                     ['{"id": "d1", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 5}'], "2026-04-01"),
                 *(lambda days=days: compile_rules(LENGTH, "t.qy").evaluate(
                     ['{"id": "d1", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 1}',
                      '{"id": "a1", "type": "agreed", "at": "2026-03-04T10:00:00+08:00", "days": "%s"}' % days],
                     "2026-04-01") for days in ("-1", "1.5", "1000000000")),
                 lambda: compile_rules(LENGTH.replace("a.days days", "a.days hours"), "t.qy").evaluate(
                     ['{"id": "d1", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 1}',
                      '{"id": "a1", "type": "agreed", "at": "2026-03-04T10:00:00+08:00", "days": "3.333"}'],
                     "2026-04-01"),  # (3.333 hours: 199.98 minutes — length_not_whole_minutes, bad_length.fact)
                 lambda: compile_rules(edit("    within 5 days\n", "    within (0 - first(delivered).qty) days\n").replace(
                     "for each delivered d", "when passed(1 days since first(delivered))"), "t.qy").evaluate(
                     ['{"id": "d1", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 1}'], "2026-04-01"),
                 lambda: compile_rules(clause2('remedy r "r" { holder 乙方 when consecutive(month, d.note for each '
                                               'delivered d) >= 2 }\n').replace('qty: int 1..10 "数量"',
                                                                                 'qty: int 1..10 "数量" note: text'),
                                       "t.qy").evaluate(
                     ['{"id": "d1", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 1, "note": "三月"}'],
                     "2026-04-01"),
                 _any_kind_ordered, _any_kind_ordered_by_a_fact, _any_kind_ordered_as_time_passes,
                 # a year no calendar knows: needed when a fact is taken, and when a period passes (no fact)
                 lambda: compile_rules(BASE, "t.qy").evaluate(
                     ['{"id": "d1", "type": "delivered", "at": "2027-03-03T10:00:00+08:00", "qty": 1}'], "2027-04-01"),
                 lambda: compile_rules(BASE.replace("for each delivered d", "when passed(1 days since first(delivered))"),
                                       "t.qy").evaluate(
                     ['{"id": "d1", "type": "delivered", "at": "2026-12-30T10:00:00+08:00", "qty": 1}'], "2027-04-01"),
                 lambda: _bad_calendar_file(tmp_path),
                 lambda: _live(lambda s: (s.add('{"id": "d2", "type": "delivered", "at": "2026-03-04", "qty": 1}'),
                                          s.add('{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": 1}'))),
                 lambda: _live(lambda s: (s.advance("2026-04-01"), s.advance("2026-03-01"))),
                 lambda: _live(lambda s: s.report()),
                 lambda: _live(lambda s: (s.advance("2026-04-01"), s.close(), s.report())),
                 lambda: _host(lambda h: h.report("nobody")),
                 lambda: _raise(unavailable("No module named 'durable_rules_engine'")),  # (the [live] extra missing)
                 lambda: _host(lambda h: (h.procs[0].kill(), h.procs[0].join(), h.report("anybody"))),
                 _closed_host,
                 lambda: compile_rules(BASE.replace("    within 5 days\n", "    within term\n") +
                                       'assumption term "期限" = 5 days "合同未写明"\n', "t.qy",
                                       assume={"term": "0 days"}),
                 lambda: read_text(tmp_path / "nothing.qy", "rule file"),
                 lambda: _undecodable(tmp_path)):
        with pytest.raises(QiyueError) as exc:
            call()
        out += exc.value.diagnostics
    return out


# 顺延 by a length a fact gives (`for a.days days`): a negative, a fraction of a day, a length past any calendar
LENGTH = edit("    within 5 days\n", "    within 5 days\n    extended by agreed a for a.days days\n").replace(
    'event paid "付款" { amount: money }', 'event paid "付款" { amount: money }\nevent agreed "顺延" { days: decimal }')


def _live(calls):
    """A live evaluation (qiyue watch) asked something it refuses: a fact before its clock, the clock
    set back, a report before it has a clock."""
    calls(compile_rules(BASE, "t.qy").session("f.jsonl"))


def _raise(exc):
    raise exc


def _host(calls):
    """Many contracts live over worker processes (engine/live/shards.py) asked about a contract never
    given a fact, or after its worker died."""
    from engine.live.shards import Host

    with Host("t.qy", text=BASE, processes=1) as host:
        calls(host)


def _closed_host():
    """A Host asked after it was shut down (its with block left)."""
    from engine.live.shards import Host

    with Host("t.qy", text=BASE, processes=1) as host:
        pass
    host.report("anybody")


def _any_kind_ordered(at="p"):
    """A deemed event's attribute given as a day by one kind and as a number by another, ordered against a number
    by a rule the deemed event sets off (no fact of the stream at hand: the rule alone is named)."""
    text = ('contract "A" { calendar official }\nparty 甲方 "买方" as buyer\nparty 乙方 "卖方" as supplier\n'
            'event early "a" { x: date "x" }\nevent late "b" { x: int "x" }\nclause "1" "x" {\n'
            '  deemed hold "h" {\n    for each early p\n    for each late p\n    at ' + at + '\n  }\n'
            '  finding big info "大" {\n    for each hold h where h.x > 5\n  }\n}\n')
    compile_rules(text, "t.qy").evaluate(['{"id": "a1", "type": "early", "at": "2026-03-04T09:00:00+08:00", '
                                          '"x": "2026-03-01"}'], "2026-04-01")


def _any_kind_ordered_by_a_fact():
    """The same, read by a fact's own line (`exists(hold h where h.x > 5)`): the fact is named by its line."""
    text = ('contract "A" { calendar official }\nparty 甲方 "买方" as buyer\nparty 乙方 "卖方" as supplier\n'
            'event early "a" { x: date "x" }\nevent late "b" { x: int "x" }\nclause "1" "x" {\n'
            '  deemed hold "h" {\n    for each early p\n    for each late p\n    at p\n  }\n'
            '  finding seen info "见" {\n    for each late q where exists(hold h where h.x > 5)\n  }\n}\n')
    compile_rules(text, "t.qy").evaluate(['{"id": "a1", "type": "early", "at": "2026-03-04T09:00:00+08:00", '
                                          '"x": "2026-03-01"}',
                                          '{"id": "b1", "type": "late", "at": "2026-03-05T09:00:00+08:00", "x": 1}'],
                                         "2026-04-01")


def _any_kind_ordered_as_time_passes():
    """The same, read by a condition tested as a period passes (no fact at hand, none bound: the rule alone is named —
    a deemed event of a fact is traced back to it, `_any_kind_ordered`)."""
    text = ('contract "A" { calendar official }\nparty 甲方 "买方" as buyer\nparty 乙方 "卖方" as supplier\n'
            'event early "a" { x: date "x" }\nevent late "b" { x: int "x" }\nclause "1" "x" {\n'
            '  deemed hold "h" {\n    for each early p\n    for each late p\n    at p\n  }\n'
            '  finding big info "大" {\n    when passed(1 days since first(early)) and exists(hold h where h.x > 5)\n'
            '  }\n}\n')
    compile_rules(text, "t.qy").evaluate(['{"id": "a1", "type": "early", "at": "2026-03-04T09:00:00+08:00", '
                                          '"x": "2026-03-01"}'], "2026-04-01")


def _bad_calendar_file(tmp_path):
    (tmp_path / "cal.toml").write_text("[year.2027]\nsource = 1\n", encoding="utf-8")
    (tmp_path / "t.qy").write_text(edit("{ calendar official }", '{ calendar file "cal.toml" }'), encoding="utf-8")
    compile_file(tmp_path / "t.qy")


def _undecodable(tmp_path):
    (tmp_path / "bad.qy").write_bytes(b'contract "X" {\n  calendar \xff official }\n')
    read_text(tmp_path / "bad.qy", "rule file")


@pytest.fixture(scope="module")
def triggered(tmp_path_factory):
    """Every diagnostic the cases give, by message key."""
    found = {}
    for _, text in RULE_CASES + FINDING_CASES:
        for d in diagnostics_of(text):
            found.setdefault(d.key, d)
    for _, lines in FACT_CASES:
        for d in fact_diagnostics(lines):
            found.setdefault(d.key, d)
    for d in api_diagnostics(tmp_path_factory.mktemp("api")):
        found.setdefault(d.key, d)
        if isinstance(d.args.get("error"), Msg) and ":" not in d.args["error"].key:  # (what an evaluation error
            found.setdefault(d.args["error"].key, diag(d.args["error"].key, **d.args["error"].args))  # says went wrong)
    for d in live_diagnostics():
        found.setdefault(d.key, d)
    return found


# `qiyue check --backend durable`: a line qiyue matches (a count whose condition multiplies two facts' attributes), and
# one whose leading part the Rete tests first (`d.qty > 1`).  (A count inside arithmetic, the example before, is the
# Rete's now: each aggregate joined with the probe, the comparison qiyue's.)  (`d.at >= day 3 after d`, the example before, is the
# Rete's now: counted from the fact when it is sent.)
LIVE = clause2("""\
  finding early warning "未付清即再交付" {
    for each delivered d where count(delivered e where e.qty * d.qty > 2) > 1
    for each delivered d where d.qty > 1 and count(delivered e where e.qty * d.qty > 2) > 1
  }
""")


def live_diagnostics():
    from engine.live.patterns import findings

    return findings(compile_rules(LIVE, "t.qy"))


def test_check_with_the_durable_backend_names_each_line_qiyue_matches_and_why():
    got = live_diagnostics()
    assert [(d.key, d.span.line, d.severity) for d in got] == [
        ("live_residual", 18, "info"), ("live_residual.partial", 19, "info")]
    assert got[0].text("zh").endswith("不在 durable_rules 的 Rete 上运行：算术运算 与另一项事实的属性比较")
    assert got[0].text("en").endswith("not on durable_rules' Rete: arithmetic compared with another fact's attribute")
    assert "Rete 只检验条件前面能检验的部分" in got[1].text("zh") and got[1].clause == "2"


def message_keys():
    return sorted(k for k in CATALOGUE if ":" not in k)


@pytest.mark.parametrize("key,text", RULE_CASES + FINDING_CASES, ids=[c[0] for c in RULE_CASES + FINDING_CASES])
def test_each_rule_file_message_is_given_by_its_case(key, text):
    keys = [d.key for d in diagnostics_of(text)]
    assert key in keys, keys


@pytest.mark.parametrize("key,lines", FACT_CASES, ids=[c[0] for c in FACT_CASES])
def test_each_fact_message_is_given_by_its_case(key, lines):
    keys = [d.key for d in fact_diagnostics(lines)]
    assert key in keys, keys


def test_every_message_of_the_catalogue_is_triggered_by_a_case(triggered):
    missing = set(message_keys()) - set(triggered) - UNREACHABLE
    assert not missing, f"no case gives {sorted(missing)}"


def test_every_triggered_message_reads_in_chinese_and_in_english(triggered):
    for key, d in triggered.items():
        zh, en = d.text("zh"), d.text("en")
        assert CJK.search(zh), (key, zh)
        assert zh != en and en == d.message, (key, zh, en)
        assert "{" not in zh.replace("{…}", "").replace("{ … }", "") or key == "bad_calendar_file", (key, zh)
        if d.hint_key:
            assert CJK.search(d.hint_text("zh")) and d.hint_text("en") == d.hint, key
        assert d.code == (key.split(".")[0] if key != "syntax_error.end" else "syntax_error")


def test_the_code_of_a_key_is_its_first_part_and_every_code_is_a_known_one(triggered):
    codes = {d.code for d in triggered.values()}
    assert codes == {k.split(".")[0] for k in message_keys() if k not in UNREACHABLE}


def _dummy(name):
    return {"stated": 1, "computed": 2, "total": 3, "value": 4, "amount": 5, "byte": 255}.get(name, f"<{name}>")


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_template_renders_in_both_languages(key):
    zh, en = CATALOGUE[key]
    args = {name: _dummy(name) for name in fields(zh) | fields(en)}
    assert render(key, args, "zh") and render(key, args, "en") is not None
    if ":" not in key or key.startswith("hint:"):
        assert CJK.search(zh) or fields(zh) == {"text"}, key


def _keys_named_in_source():
    """Every literal catalogue key the engine's code names (diag(…), self.error(…), err(…), Msg(…), hint=…)."""
    keys = set()
    for path in sorted((ROOT / "engine").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                first = node.args[1] if name == "err" and len(node.args) > 1 else (node.args[0] if node.args else None)
                if name in ("diag", "error", "err", "Msg", "Refusal") and isinstance(first, ast.Constant) \
                        and isinstance(first.value, str):
                    keys.add(first.value)
                keys |= {k.value.value for k in node.keywords
                         if k.arg == "hint" and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)
                         and k.value.value.startswith("hint:")}
    return keys


def test_every_key_the_code_names_is_in_the_catalogue():
    named = _keys_named_in_source()
    assert {"missing_contract", "hint:missing_contract", "bad_json", "word:time.not_text"} <= named
    assert not named - set(CATALOGUE), sorted(named - set(CATALOGUE))


def test_lists_choices_and_nested_messages_follow_the_language():
    inner = Msg("word:type.enum", {"values": ["cash", "wire"]})
    assert render("type_mismatch.condition", {"type": inner}, "zh") == "此处应为条件（成立或不成立），实际是（cash、wire）之一"
    assert render("type_mismatch.condition", {"type": inner}, "en") == \
        "expected a condition (true/false), got one of (cash, wire)"
    options = Choice(("a name", "+ or -"), more=True)
    assert options.text("zh") == "“名称”或“+ 或 -”等" and options.text("en") == "a name or + or - …"


def test_a_fact_attribute_error_reads_in_chinese_whatever_its_kind():
    """What a fact's attribute should be, and the values an enum or a party allows, in Chinese (the kind
    itself kept beside it): no English `or`, `money as a decimal string`, `one of (…)` in a Chinese
    message (a fresh user's finding)."""
    from engine.messages import expected_text
    assert expected_text('money (money as a decimal string like "1000.00")', "zh") == '金额，十进制数，如 "1000.00"（money）'
    assert expected_text("party", "zh") == "当事人（party）"
    assert expected_text("one of (personal, ems, email)", "zh") == "以下之一：personal、ems、email"
    assert expected_text("int 1..10", "zh") == "1 至 10 之间的整数（int 1..10）"
    assert expected_text("number 0..", "zh") == "不小于 0 的数（number 0..）"
    assert expected_text("ref (order, reply)", "zh") == "所引用事实的 id，其种类为 order、reply"
    assert expected_text("party", "en") == "party"
    compiled = compile_rules(BASE.replace('event paid "付款" { amount: money }',
                                          'event paid "付款" { amount: money  by: party  how: one of (cash, wire) }'), "t.qy")
    with pytest.raises(QiyueError) as exc:
        compiled.load_facts(['{"id": "p", "type": "paid", "at": "2026-01-05", "amount": "1.00", "by": "丙方", "how": "fax"}'],
                            "f.jsonl")
    zh = [d.text("zh") for d in exc.value.diagnostics]
    assert any(t.endswith("应为以下之一：“甲方”、“乙方”") for t in zh), zh
    assert any(t.endswith("应为以下之一：“cash”、“wire”") for t in zh), zh
    assert not any(" or " in t for t in zh), zh


def test_the_hint_for_an_event_plus_a_length_is_given_by_its_case():
    """hint:arith_event_time (fuzz round 25): `d + 2 hours` of a bound event says to write `d.at + 2 hours`."""
    (d,) = [d for d in diagnostics_of(BASE.replace("within 5 days", "due by d + 2 hours"))
            if d.key == "type_mismatch.arith"]
    assert d.hint_key == "hint:arith_event_time" and "d.at + 2 hours" in d.hint_text("en")
    assert CJK.search(d.hint_text("zh")) and "d.at" in d.hint_text("zh")


def test_no_key_is_written_twice_in_the_catalogue():
    """A key written twice in the CATALOGUE's literal is silently the later one (hint:date_form was, for one session:
    the earlier message's argument then shown as "{meant}")."""
    tree = ast.parse((ROOT / "engine" / "messages.py").read_text(encoding="utf-8"))
    seen, twice = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
            if len(keys) > 50:  # (the catalogue, not a small dict of the module)
                for k in keys:
                    if k in seen:
                        twice.append(k)
                    seen.add(k)
    assert not twice, twice


def test_the_hint_for_a_keyword_glued_to_the_next_word_is_given_by_its_case():
    """hint:keyword_glued (user round 24): `5%之total` — 之 run on into `total`, read as one name — is told to write
    `5% 之 total`, and 之 is among the words expected."""
    (d,) = diagnostics_of(BASE + "param p = 5%之price\n")
    assert d.hint_key == "hint:keyword_glued" and "5% 之 price" in d.hint_text("zh") and "5% 之 price" in d.hint_text("en")
    assert CJK.search(d.hint_text("zh")) and "of / 之" in d.expected


def test_the_hint_for_a_comparison_in_words_is_given_by_its_case():
    """hint:comparison_word (user round 24): `p.amount 不低于 price` — the report's word for `>=` where the sign goes —
    is told the sign."""
    (d,) = diagnostics_of(edit("p.amount >= price", "p.amount 不低于 price"))
    assert d.hint_key == "hint:comparison_word" and d.did_you_mean == ">="
    assert ">=" in d.hint_text("en") and CJK.search(d.hint_text("zh")) and "写 >=（“不低于”）" in d.hint_text("zh")


def test_the_hint_for_a_holder_where_held_by_goes_is_given_by_its_case():
    """hint:part_near (user round 24): a remedy's `holder` (权利人) written where a termination's `held by` (权利人为)
    goes is told that keyword, in the language it was written in."""
    text = clause2("""\
        remedy cancel_right "解除权" { holder 甲方 for each pay.violated v }
        termination cancel "解除" { for each paid p exercises cancel_right @HELD@ 甲方 }
        """)
    for written, meant in (("holder", "held by"), ("权利人", "权利人为")):
        (d,) = diagnostics_of(text.replace("@HELD@", written))
        assert (d.hint_key, d.did_you_mean) == ("hint:part_near", meant)
        assert meant in d.hint_text("zh") and CJK.search(d.hint_text("zh")) and meant in d.hint_text("en")


def test_the_hint_for_a_period_written_as_prose_is_given_by_its_case():
    """hint:length_after (user round 24): `期限 delivered后5日` — a period as a contract words it, read as a parameter's
    name — is told `5 日 自 d`, its start the alias the trigger binds to that event."""
    (d,) = diagnostics_of(edit("within 5 days", "期限 delivered后5日"))
    assert (d.key, d.hint_key, d.did_you_mean) == ("unknown_parameter", "hint:length_after", "5 日 自 d")
    assert "5 日 自 d" in d.hint_text("zh") and CJK.search(d.hint_text("zh")) and "5 日 自 d" in d.hint_text("en")
    assert not diagnostics_of(edit("within 5 days", "期限 5 日 自 d"))
