"""Fuzz round 9: differential runs (evaluate vs evaluate_many vs a live session vs the durable backend) on the
contracts rounds 1–8 did not cover (tests/contracts/*.qy, rules/examples/equipment-sale.qy and office-lease.qy, and
two hand-written rule files using the less-used constructs), the Python API with wrong types, odd facts and odd
command lines.

Each xfail(strict) test is a defect found, with a minimal reproduction; the plain tests are probes that hold."""
import json
import subprocess
import sys

import pytest

from engine.api import compile_file, compile_rules
from engine.diagnostics import QiyueError

from test_fuzz_round8 import BACKENDS, ROOT, F, lines  # (round 8's helpers: backends, facts, JSON lines)


def qiyue(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "engine.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, input=stdin, timeout=300)


def session_reports(rules, fact_lines):
    """A live session fed line by line (what `qiyue watch` does): its report after each line, and eval's."""
    s = rules.session()
    out = []
    for i, line in enumerate(fact_lines):
        s.add(line)
        s.changes()
        out.append((s.clock, s.report(), rules.evaluate(fact_lines[:i + 1], s.clock)))
    return out


# ---------------------------------------------------------------- 1. a report depends on the instants reported before it

DEVSOFT_TWO = lines([F("s", "contract_signed", "2025-12-30T00:00:00+08:00"),
                     F("a", "acceptance_applied", "2026-01-01T23:59:59+08:00")])


def _confidentiality_because(report):
    return [o["because"][-1] for o in report["obligations"] if o["name"] == "confidentiality_a"]


def test_devsoft_report_at_an_instant_does_not_depend_on_an_earlier_instant_reported():
    rules = compile_file(ROOT / "tests/contracts/devsoft.qy")
    alone = rules.evaluate(DEVSOFT_TWO, "2026-03-01")
    many = rules.evaluate_many(DEVSOFT_TWO, ["2026-01-20", "2026-03-01"])[1]
    assert _confidentiality_because(many) == _confidentiality_because(alone)
    assert many == alone


def test_devsoft_session_report_after_a_pause_is_evaluates():
    rules = compile_file(ROOT / "tests/contracts/devsoft.qy")
    s = rules.session()
    for line in DEVSOFT_TWO:
        s.add(line)
    s.advance("2026-01-20")
    s.report()
    s.advance("2026-03-01")
    assert s.report() == rules.evaluate(DEVSOFT_TWO, "2026-03-01")


def test_devsoft_when_an_end_became_known_does_not_move_later_in_later_reports():
    rules = compile_file(ROOT / "tests/contracts/devsoft.qy")
    early = _confidentiality_because(rules.evaluate(DEVSOFT_TWO, "2026-01-20"))
    late = _confidentiality_because(rules.evaluate(DEVSOFT_TWO, "2026-03-01"))
    assert early == late


# ---------------------------------------------------------------- 2. watch / session: a day-alone notice and a later fact

LEASE_THREE = lines([
    F("n", "notice_sent", "2025-09-28T00:00:00+08:00", **{"from": "甲方", "to": "乙方", "subject": "termination",
                                                          "ground": "sublease", "method": "express"}),
    F("s", "contract_signed", "2025-10-01T00:00:00+08:00"),
    F("u", "sublease_made", "2025-10-01T00:00:01+08:00"),
])


def test_office_lease_session_reports_termination_hour_unknown_as_eval():
    rules = compile_file(ROOT / "rules/examples/office-lease.qy")
    (*_, (clock, live, evaluated)) = session_reports(rules, LEASE_THREE)
    assert [f["code"] for f in live["findings"]] == [f["code"] for f in evaluated["findings"]]
    assert live == evaluated


def test_office_lease_eval_says_the_hour_is_unknown():
    rules = compile_file(ROOT / "rules/examples/office-lease.qy")
    rep = rules.evaluate(LEASE_THREE, "2025-10-02T00:00:00+08:00")
    assert "termination_hour_unknown" in [f["code"] for f in rep["findings"]]
    # (as of 00:00:01 that day the notice, delivered on the day alone, may come after it: not counted, said — round 34)
    rep = rules.evaluate(LEASE_THREE, "2025-10-01T00:00:01+08:00")
    assert "day_alone_at_as_of" in [f["code"] for f in rep["findings"]]


# ---------------------------------------------------------------- 3. a period name that does not read: which fact?

CONSEC = '''contract "C" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event signed "签字"
event assessed "考核" { p: text "期"  score: int "分" }
clause "0" "生效" { effective eff "生效" { when exists(signed) } }
clause "1" "x" {
  remedy r "r" {
    holder 甲方
    when consecutive(month, a.p for each assessed a where a.score < 80) >= 2
    once
  }
}
'''
MONTHLY = '''clause "2" "月报" {
  obligation rep "月报" {
    debtor 乙方
    creditor 甲方
    every month m from first(signed).at until first(signed).at + 6 months
    fulfilled by assessed a where a.at >= m.start
    due by m.end + 5 days
  }
}
'''


def _consec_error(text, signed_at, assessed_at):
    rules = compile_rules(text, "c.qy")
    with pytest.raises(QiyueError) as exc:
        rules.evaluate(lines([F("s", "signed", signed_at), F("a1", "assessed", assessed_at, p="1", score=70)]),
                       "2026-09-01", "f.jsonl")
    (d,) = exc.value.diagnostics
    return d.text("en")


def test_a_month_name_that_does_not_read_names_its_fact():
    assert "the fact a1 of line 2" in _consec_error(CONSEC, "2026-06-01T10:00:00+08:00", "2026-06-01T10:00:00+08:00")


def test_a_month_name_that_does_not_read_before_the_contract_took_effect_names_its_fact_not_the_signing():
    said = _consec_error(CONSEC, "2026-03-01T11:00:00+08:00", "2026-03-01T10:00:00+08:00")
    assert "the fact s of line 1" not in said
    assert "a1" in said


def test_a_month_name_that_does_not_read_names_its_fact_beside_a_recurring_duty():
    said = _consec_error(CONSEC + MONTHLY, "2026-06-01T10:00:00+08:00", "2026-06-01T10:00:00+08:00")
    assert "a1" in said and "line 2" in said


# ---------------------------------------------------------------- 4. `lapses when` and a retroactive extension

LAPSE = '''contract "L" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event order "订单"
event delivered "交付" { ref: ref (order) "订单" }
event ext "延期" { ref: ref (order) "订单"  days: int 1..60 "天数" }
clause "2" "交付" {
  obligation deliver "交付" {
    debtor 乙方
    creditor 甲方
    for each order o
    fulfilled by delivered d where d.ref == o.id
    within 10 days as term
    extended by ext x where x.ref == o.id for x.days days retroactively
  }
  remedy term_power "解除权" {
    holder 甲方
    for each deliver.violated v
    LAPSE
  }
  remedy fee "违约金" {
    holder 甲方
    for each deliver.violated v
    amount ¥100.00
  }
}
'''
# o1 due 03-13 24:00; delivered 03-14 10:00 (a day late); on 03-20 a 3-day extension is agreed retroactively:
# the deadline becomes 03-16 24:00, the delivery was in time, the violation never was.
LAPSE_FACTS = lines([F("o1", "order", "2026-03-03T10:00:00+08:00"),
                     F("d1", "delivered", "2026-03-14T10:00:00+08:00", ref="o1"),
                     F("x1", "ext", "2026-03-20T10:00:00+08:00", ref="o1", days=3)])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_power_from_a_violation_withdrawn_retroactively_is_withdrawn(backend):
    rep = compile_rules(LAPSE.replace("LAPSE", ""), "l.qy").evaluate(LAPSE_FACTS, "2026-04-01", backend=backend)
    assert [(x["name"], x["status"]) for x in rep["remedies"]] == [("term_power", "withdrawn"), ("fee", "withdrawn")]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_lapsed_power_from_a_violation_withdrawn_retroactively_is_withdrawn(backend):
    rules = compile_rules(LAPSE.replace("LAPSE", "lapses when exists(delivered)"), "l.qy")
    rep = rules.evaluate(LAPSE_FACTS, "2026-04-01", backend=backend)
    assert [(x["name"], x["status"]) for x in rep["remedies"]] == [("term_power", "withdrawn"), ("fee", "withdrawn")]


# ---------------------------------------------------------------- 5. the live session after a retroactive extension

def _live(text, fact_lines, until=None):
    rules = compile_rules(text, "l.qy")
    s = rules.session()
    said = []
    for line in fact_lines:
        s.add(line)
        said += s.changes()
    if until:
        s.advance(until)
        said += s.changes()
    return rules, s, said


def test_a_session_withdraws_the_remedies_of_a_violation_a_retroactive_extension_undid():
    rules, s, _ = _live(LAPSE.replace("LAPSE", ""), LAPSE_FACTS, "2026-04-01")
    assert [(x["name"], x["status"]) for x in s.report()["remedies"]] == [("term_power", "withdrawn"),
                                                                          ("fee", "withdrawn")]
    assert s.report() == rules.evaluate(LAPSE_FACTS, "2026-04-01")


def test_watch_says_what_a_retroactive_extension_changed():
    _, _, said = _live(LAPSE.replace("LAPSE", ""), LAPSE_FACTS)
    at_x1 = [c["code"] for c in said if c["at"] == "2026-03-20T10:00:00+08:00"]
    assert "remedy_withdrawn" in at_x1 or "withdrawn" in at_x1, at_x1


@pytest.mark.parametrize("lang, wrong", [("zh", "合同终止"), ("en", "end of the contract")])
def test_watch_does_not_say_the_contract_ended_when_a_remedy_lapses_by_its_condition(lang, wrong):
    rules = compile_rules(LAPSE.replace("LAPSE", "lapses when exists(delivered)"), "l.qy")
    s = rules.session()
    for line in LAPSE_FACTS[:2]:
        s.add(line)
    (lapsed,) = [c for c in s.changes(lang=lang) if c["code"] == "remedy_lapsed"]
    assert rules.evaluate(LAPSE_FACTS[:2], s.clock)["contract_life"]["ended"] is None
    assert wrong not in lapsed["text"], lapsed["text"]


# ---------------------------------------------------------------- probes that hold

RULES = ROOT / "rules/gzmz-2025-it-ops.qy"
FACTS = ROOT / "facts/late-payment.jsonl"


@pytest.mark.parametrize("args, code, said", [
    (["-o", "/tmp"], 1, "unwritable_file"),
    (["-o", "/dev/full"], 1, "unwritable_file"),
    (["-o", ""], 1, "unwritable_file"),
    (["--as-of", ""], 1, "bad_as_of"),
    (["--as-of", ",,"], 1, "bad_as_of"),
    (["--as-of", "2025-12-31,"], 1, "bad_as_of"),
    (["--as-of", "2025-12-31T23:59:60+08:00"], 1, "bad_as_of"),
    (["--as-of", "２０２５-12-31"], 1, "bad_as_of"),
    (["--as-of", "0001-01-01"], 1, "bad_as_of"),
    (["--as-of", "2025-12-31,2026-01-01", "--format", "html"], 2, ""),
    (["--assume", "nosuch"], 2, ""),
    (["--fail-on", "nosuch"], 2, ""),
])
def test_odd_command_lines_are_diagnostics(args, code, said):
    base = ["eval", RULES, "--facts", FACTS] + ([] if "--as-of" in args else ["--as-of", "2025-12-31"])
    r = qiyue(*base, *args)
    assert r.returncode == code and "Traceback" not in r.stderr and said in r.stderr, r.stderr


def test_offsets_at_the_edges_and_fractions_are_read_and_15_hours_refused(tmp_path):
    rules = compile_file(RULES)
    for at in ["2025-06-27T10:00:00+14:00", "2025-06-27T10:00:00-12:00", "2025-06-27T10:00:00.123456+08:00",
               "2025-06-27T10:00:00,5+08:00"]:
        rules.evaluate([json.dumps(F("c", "contract_signed", at))], "2025-12-31")
    for at in ["2025-06-27T10:00:00+15:00", "2016-12-31T23:59:60+08:00", "2025-06-27T10:00:00.1234567+08:00",
               "0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59+08:00", "2025-02-29T10:00:00+08:00"]:
        with pytest.raises(QiyueError):
            rules.evaluate([json.dumps(F("c", "contract_signed", at))], "2025-12-31")


@pytest.mark.parametrize("amount", ['"１２３.００"', '"123.001"', '"1e3"', '"1,23.00"', '"壹佰元整"', '"-0.001"', "1e400",
                                    "NaN", "Infinity", '"' + "9" * 40 + '.00"'])
def test_odd_amounts_in_facts_are_refused_with_a_line(amount):
    rules = compile_file(RULES)
    line = ('{"id":"i1","type":"invoice_received","at":"2025-07-04T10:00:00+08:00","installment":1,'
            '"amount":%s,"kind":"vat_ordinary"}' % amount)
    with pytest.raises(QiyueError) as exc:
        rules.evaluate([line], "2025-12-31", "f.jsonl")
    assert exc.value.diagnostics[0].span is not None


@pytest.mark.parametrize("call", [
    lambda q, R: q.compile_rules(123), lambda q, R: q.compile_file(None), lambda q, R: q.evaluate(R, 5, "2025-12-31"),
    lambda q, R: q.evaluate(R, [None], "2025-12-31"), lambda q, R: q.evaluate(R, FACTS, 1.5),
    lambda q, R: q.evaluate(R, FACTS, "2025-12-31", lang=None), lambda q, R: q.evaluate_many(R, FACTS, []),
    lambda q, R: R.evaluate([], "2025-12-31", backend="rete"), lambda q, R: R.session().add(None),
    lambda q, R: R.session().advance(3), lambda q, R: R.session().report(),
])
def test_the_api_with_wrong_types_raises_qiyue_errors(call):
    import qiyue as q
    with pytest.raises(QiyueError):
        call(q, compile_file(RULES))


def test_ten_thousand_clauses_check_and_evaluate_on_both_backends_alike():
    head = ('contract "BIG" { calendar official }\nparty 甲方 "买方" as buyer\nparty 乙方 "卖方" as seller\n'
            'event signed "签字"\nevent paid "付款" { n: int 0..100000 "期次" }\n')
    body = "".join(f'clause "{i}" "第{i}条" {{\n  obligation pay{i} "付款{i}" {{\n    debtor 甲方\n    creditor 乙方\n'
                   f'    when exists(signed)\n    fulfilled by paid p where p.n == {i}\n    within {1 + i % 30} days\n'
                   f'  }}\n}}\n' for i in range(10000))
    rules = compile_rules(head + body, "big.qy")
    facts = [json.dumps(F("s", "signed", "2026-03-02T10:00:00+08:00"))] + \
        [json.dumps(F(f"p{i}", "paid", "2026-03-05T10:00:00+08:00", n=i)) for i in range(0, 10000, 2)]
    ref = rules.evaluate(facts, "2026-05-01")
    assert sum(o["status"] == "fulfilled" for o in ref["obligations"]) == 4666  # even n, not due in 1 or 2 days
    if "durable" in BACKENDS:
        assert rules.evaluate(facts, "2026-05-01", backend="durable") == ref


EXOTIC = ROOT / "tests/fuzz9_exotic.qy"
EXOTIC_FACTS = lines([
    F("s", "signed", "2026-03-02T10:00:00+08:00"), F("o1", "order", "2026-03-03T10:00:00+08:00", amount="10000.00"),
    F("o2", "order", "2026-03-03T11:00:00+08:00", amount="20000.00"),
    F("f1", "fm", "2026-03-05T10:00:00+08:00", party="乙方"), F("a2", "accel", "2026-03-06T10:00:00+08:00", ref="o2"),
    F("fe", "fm_end", "2026-03-07T10:00:00+08:00", ref="f1"),
    F("d1", "delivered", "2026-03-16T10:00:00+08:00", ref="o1"),
    F("x1", "ext", "2026-03-20T10:00:00+08:00", ref="o1", days=3)])


def test_suspension_acceleration_and_retroactive_extension_together_on_both_backends():
    # o1: due 03-13 24:00, suspended 2 days (03-15 24:00), delivered 03-16 10:00, extended 3 days retroactively
    # (03-18 24:00): fulfilled.  o2: accelerated to 03-06 10:00 during the suspension, resumed +2 days: 03-08 10:00.
    rules = compile_file(EXOTIC)
    rep = rules.evaluate(EXOTIC_FACTS, "2026-04-01")
    deliver = [(o["status"], o["due"]) for o in rep["obligations"] if o["name"] == "deliver"]
    assert deliver == [("fulfilled", "2026-03-19T00:00:00+08:00"), ("violated", "2026-03-08T10:00:00+08:00")]
    late = [(x["since"], x["status"], x["amount"]) for x in rep["remedies"] if x["name"] == "late"]
    assert late == [("2026-03-08T10:00:00+08:00", "held", "250.00"), ("2026-03-16T00:00:00+08:00", "withdrawn", "0.00")]
    if "durable" in BACKENDS:
        assert rules.evaluate(EXOTIC_FACTS, "2026-04-01", backend="durable") == rep


# ---------------------------------------------------------------- 6. a retroactive extension that does not reach today

DAILY = LAPSE.replace("LAPSE", "").replace('''    amount ¥100.00
''', '''    amount ¥100.00
  }
  remedy daily "日违约金" {
    holder 甲方
    for each deliver.violated v
    amount ¥10.00 per day
    EXTRA
''')
# o1 due 03-13 24:00, never delivered; on 03-20 a 3-day extension is agreed retroactively: due 03-16 24:00, still
# overdue — the first violation is withdrawn and a new one arises at 03-17 00:00: 9 days to 03-25 = ¥90.00.
DAILY_FACTS = lines([F("o1", "order", "2026-03-03T10:00:00+08:00"),
                     F("x1", "ext", "2026-03-20T10:00:00+08:00", ref="o1", days=3)])


def _daily(extra, backend="reference"):
    rep = compile_rules(DAILY.replace("EXTRA", extra), "d.qy").evaluate(DAILY_FACTS, "2026-03-25", backend=backend)
    return [(x["since"], x["status"], x["amount"]) for x in rep["remedies"] if x["name"] == "daily"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_new_violation_after_a_short_retroactive_extension_accrues_its_days(backend):
    assert _daily("", backend)[1] == ("2026-03-17T00:00:00+08:00", "held", "90.00")


@pytest.mark.parametrize("backend", BACKENDS)
def test_each_day_counted_once_does_not_count_days_of_a_withdrawn_row(backend):
    assert _daily("each day counted once", backend)[1] == ("2026-03-17T00:00:00+08:00", "held", "90.00")


ACCEL = LAPSE.replace("LAPSE", "").replace(
    "event ext ", 'event accel "提前到期" { ref: ref (order) "订单" }\nevent ext ').replace(
    "    extended by", "    accelerated by accel a where a.ref == o.id\n    extended by")
ACCEL_FACTS = lines([F("o1", "order", "2026-06-01T10:00:00+08:00"), F("a", "accel", "2026-06-01T10:00:00+08:00", ref="o1"),
                     F("x", "ext", "2026-06-06T00:00:00+08:00", ref="o1", days=1)])


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_retroactive_extension_still_in_the_past_leaves_the_duty_violated_at_its_instant(backend):
    rules = compile_rules(ACCEL, "a.qy")
    rep = rules.evaluate(ACCEL_FACTS, "2026-06-06T00:00:00+08:00", backend=backend)
    assert [o["status"] for o in rep["obligations"]] == ["violated"]
