"""Soundness over generated rule files (issue 12, part 6; as Cedar tests its validator): hypothesis
writes small well-formed contracts from the grammar — events with typed attributes, obligations with
each kind of trigger, fulfilment, deadline, excuse, suspension and extension, remedies (amounts,
per day, caps, points, ratings), deemed events, properties — and evaluates each one that checks
clean on fact streams drawn from its own declarations (qiyue.testing).  Nothing may escape but a
diagnostic (QiyueError): no traceback, whatever the rules and the facts."""
import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.verify import properties
from qiyue.testing import fact_streams, lines

ATTRS = ["n: int 0..30", "amount: money", "ok: bool", "who: party", "kind: one of (a, b)", "day: date",
         "note: text optional", "score: decimal 0..100", "ref: ref optional"]
DEADLINES = ["within {n} days", "within {n} working days", "within {n} hours", "within {n} days as term",
             "within 0.5 hours", "within {n} weeks", "within {n} calendar days", "due by month_end({at})",
             "due by working_day_of_next_month(3, {at})", "due by day_of_next_month(10, {at})",
             "until end of {n} days after {at}", "without end"]
AMOUNTS = ["¥{m}.00", "¥{m}.00 per day", "1% of price per day", "¥{m}.00 per hour", "{n}", "¥{m}.00 × {a}.n",
           "if {a}.ok then ¥{m}.00 otherwise ¥1.00", 'if {a}.ok then "合格" otherwise "不合格"',
           "late_rate of max(¥0.00, price - sum(p.amount for each e0 p)) per day\n    recomputed daily",
           "max(¥0.00, price - accrued(r0))"]


@st.composite
def contracts(draw):
    n_events = draw(st.integers(1, 3))
    events = []
    for k in range(n_events):
        attrs = draw(st.lists(st.sampled_from(ATTRS), max_size=3, unique=True))
        events.append(f'event e{k} "事件{k}" {{ amount: money  n: int 0..30  ok: bool '
                      + " ".join(a for a in attrs if not a.startswith(("amount", "n:", "ok"))) + " }")
    ev = lambda: f"e{draw(st.integers(0, n_events - 1))}"  # noqa: E731
    obligations, remedies = [], []
    for k in range(draw(st.integers(1, 3))):
        a = "t"
        trig = draw(st.sampled_from([
            f"for each {ev()} {a}", f"for each {ev()} {a} where {a}.n > {draw(st.integers(0, 30))}",
            f"every month {a} from 2026-01-01 until 2026-06-30",
            f"every quarter {a} from first({ev()}).at until 2026-12-31"]))
        every = trig.startswith("every")
        fulfil = draw(st.sampled_from([
            f"fulfilled by {ev()} x", f"fulfilled by {ev()} x counting earlier",
            f"fulfilled when sum(p.amount for each {ev()} p) >= price",
            f"fulfilled by {ev()} x\n    or by {ev()} y", f"violated by {ev()} x"]))
        deadline = draw(st.sampled_from(DEADLINES)).format(n=draw(st.integers(1, 40)),
                                                           at=f"{a}.start" if every else f"{a}.at")
        if fulfil.startswith("violated by") and not deadline.startswith(("until", "without")):
            deadline = "without end"
        extra = draw(st.lists(st.sampled_from([
            f"excused if exists({ev()} z where z.ok)",
            f"suspended by {ev()} s until {ev()} r",
            f"extended by {ev()} w for w.n days",
            f"extended by {ev()} w until w.at",
            "once", "survives"]), max_size=2, unique=True))
        if deadline.startswith(("until", "without")):
            extra = [x for x in extra if not x.startswith(("suspended", "extended"))]
        if every:
            extra = [x for x in extra if x != "once"]
        obligations.append(f'  obligation o{k} "义务{k}" {{\n    debtor 甲方\n    creditor 乙方\n    {trig}\n    '
                           f'{fulfil}\n    {deadline}\n' + "".join(f"    {x}\n" for x in extra) + "  }")
        amounts = [x for x in AMOUNTS if not (every and "{a}" in x)]   # (a period has no amount, n or ok)
        amount = draw(st.sampled_from(amounts)).format(m=draw(st.integers(1, 9999)), n=draw(st.integers(1, 20)),
                                                       a="o.t")
        if "accrued(r0)" in amount and (k == 0 or not remedies[0].split("amount ")[1].startswith(("¥", "1%", "late"))):
            amount = "¥100.00"   # (r0 first, and in money)
        cap = draw(st.sampled_from(["", "\n    total at most ¥5,000.00", "\n    total at most ¥500.00 per month"]))
        if '"' in amount or "recomputed" in amount or not amount.startswith(("¥", "1%", "late")):
            cap = ""
        if "per day" in amount and '"' in amount:
            amount = "¥1.00"
        remedies.append(f'  remedy r{k} "救济{k}" {{\n    holder 甲方\n    for each o{k}.violated o\n    amount {amount}{cap}\n  }}')
    deemed = [f'  deemed d0 "视为" {{\n    for each {ev()} x\n    at day {draw(st.integers(1, 10))} after x\n  }}']
    props = [f'  property p0 "性质" {{\n    for each o0.triggered t\n    holds not present(t.due) or t.due >= t.triggered_at\n  }}']
    text = textwrap.dedent('''\
        contract "G-1" "生成的合同" { calendar official }
        party 甲方 "买方" as buyer
        party 乙方 "卖方" as supplier
        param price "价款" = ¥10,000.00
        param late_rate "日费率" = 0.05%
        ''') + "\n".join(events) + '\nclause "1" "条款" {\n' + "\n".join(obligations + remedies + deemed + props) + "\n}\n"
    return text


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(contracts(), st.data())
def test_a_generated_contract_that_checks_clean_never_raises_anything_but_a_diagnostic(text, data):
    try:
        rules = compile_rules(text, "g.qy")
    except QiyueError:
        return  # (a diagnostic: what the checker is for)
    for _ in range(3):
        facts, as_of = data.draw(fact_streams(rules, max_facts=8))
        try:
            rules.evaluate(lines(facts), as_of)
            properties.failures(rules.with_properties().run(rules.load_facts(lines(facts)), as_of))
        except QiyueError:
            pass


def test_most_generated_contracts_check_clean():
    """(Otherwise the soundness test above would test the checker's refusals only.)"""
    clean, found = 0, []

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(contracts())
    def collect(text):
        found.append(text)
    collect()
    for text in found:
        try:
            compile_rules(text, "g.qy")
            clean += 1
        except QiyueError:
            pass
    assert clean >= len(found) * 0.8, f"only {clean} of {len(found)} generated contracts check clean"


# ---------------------------------------------------------------- differential and metamorphic, on generated contracts
def _clean(text):
    try:
        return compile_rules(text, "g.qy")
    except QiyueError:
        return None


def _reference(rules):
    """The same rules counted the slow way: every aggregate recounted over the whole history (the
    small reference beside the fast engine)."""
    import dataclasses

    from engine.run.plans import Prepared
    return dataclasses.replace(rules, prepared=Prepared(rules.checked, rules.prepared.calendar, incremental=False))


def _comparable(report):
    report = dict(report)
    report.pop("facts", None)
    return report


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(contracts(), st.data())
def test_the_fast_engine_agrees_with_the_reference_on_generated_contracts(text, data):
    rules = _clean(text)
    if rules is None:
        return
    reference = _reference(rules)
    facts, as_of = data.draw(fact_streams(rules, max_facts=10))
    try:
        fast = rules.evaluate(lines(facts), as_of)
    except QiyueError as exc:
        with __import__("pytest").raises(QiyueError) as again:
            reference.evaluate(lines(facts), as_of)
        assert [d.key for d in again.value.diagnostics] == [d.key for d in exc.diagnostics]
        return
    assert _comparable(fast) == _comparable(reference.evaluate(lines(facts), as_of))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(contracts(), st.data(), st.randoms(use_true_random=False))
def test_the_order_facts_are_listed_in_does_not_change_a_generated_contracts_report(text, data, rnd):
    rules = _clean(text)
    if rules is None:
        return
    facts, as_of = data.draw(fact_streams(rules, max_facts=10))
    shuffled = list(facts)
    rnd.shuffle(shuffled)
    try:
        a = rules.evaluate(lines(facts), as_of)
    except QiyueError:
        return
    b = rules.evaluate(lines(shuffled), as_of)
    for report in (a, b):  # (a fact's line number is where it was listed: the rest must agree)
        for section in ("obligations", "events", "remedies", "findings"):
            for row in report[section]:
                row.pop("because", None)
                row.pop("steps", None)
    assert _comparable(a) == _comparable(b)
