"""Issue 13, evaluation phase: the compiled conditions' shorter ways give the answers of the general ones.

- ``_compare_values`` compares two instants, a clock's instant with an instant, and two days directly;
- ``_datetime_day`` is ``Moment.of(dt).day`` without making the Moment (`n.signed_at.day`);
- a run of comparisons of bound attributes inside an `and` is one ``_field_checks`` closure, a single comparison
  with a constant is ``_field_is``, and `s.at <= n.at` one closure reading both facts (``_instants_compare``):
  each gives what the parts tested one by one, in order, give — a value, False, or the same error.

Hand cases first, then hypothesis against the general path."""
from __future__ import annotations

import operator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.api import compile_rules
from engine.lang import model as m
from engine.run import compiler as K
from engine.run.compiler import Compiler, Env, Event
from engine.time.timecalc import CONTRACT_TZ, Moment

OPS = [operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge]
ZONES = [CONTRACT_TZ, timezone.utc, timezone(timedelta(hours=-5)), timezone(timedelta(hours=9, minutes=30))]


def _general(a, b, op):
    """What ``_compare_values`` answered before its shorter ways: every value brought to one form first."""
    a, b = K._norm(a), K._norm(b)
    if isinstance(a, datetime) != isinstance(b, datetime):
        a, b = K._as_instant(a), K._as_instant(b)
    return op(a, b)


def test_hand_counted_instants_and_days():
    nine = Moment.of(datetime(2026, 3, 2, 9, 0, tzinfo=CONTRACT_TZ))
    one_utc = Moment.of(datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc))  # 09:00 in Beijing: the same instant
    ten = Moment.of(datetime(2026, 3, 2, 10, 0, tzinfo=CONTRACT_TZ))
    assert K._compare_values(nine, one_utc, operator.eq) is True
    assert K._compare_values(nine, ten, operator.lt) is True
    assert K._compare_values(ten.at, nine, operator.ge) is True
    assert K._compare_values(date(2026, 3, 2), date(2026, 3, 3), operator.lt) is True
    # a day against an instant still goes the general way (the day as its 00:00)
    assert K._compare_values(nine, date(2026, 3, 2), operator.gt) == _general(nine, date(2026, 3, 2), operator.gt)
    # 24:00 of 1 March is 00:00 of 2 March: one instant, whatever day each counts as
    end = Moment.end_of_day(date(2026, 3, 1))
    start = Moment.start_of_day(date(2026, 3, 2))
    assert K._compare_values(end, start, operator.eq) is True


instants = st.builds(lambda dt, z: dt.replace(tzinfo=z),
                     st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)),
                     st.sampled_from(ZONES))
values = st.one_of(instants, instants.map(Moment.of), st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))


@settings(max_examples=400, deadline=None)
@given(values, values, st.sampled_from(OPS))
def test_compare_values_as_the_general_way(a, b, op):
    assert K._compare_values(a, b, op) == _general(a, b, op)


@settings(max_examples=400, deadline=None)
@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)),
       st.sampled_from([None] + ZONES))
def test_datetime_day_is_the_moments_day(dt, zone):
    dt = dt if zone is None else dt.replace(tzinfo=zone)
    assert K._datetime_day(dt) == Moment.of(dt).day


RULES = '''contract "F" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event paid "付款" { installment: int  amount: money  kind: text  from: party }
event billed "开票" { installment: int  amount: money }
'''


@pytest.fixture(scope="module")
def comp():
    compiled = compile_rules(RULES, "f.qy")
    return Compiler(compiled.checked, compiled.prepared.calendar)


def _attr(alias, name):
    return m.Attribute(None, m.Name(None, alias), name)


def _cmp(op, left, right):
    return m.Compare(None, op, left, right)


PARTS = [
    _cmp("==", _attr("p", "installment"), _attr("b", "installment")),
    _cmp("==", _attr("p", "kind"), m.Literal(None, "cash", "text")),
    _cmp("==", _attr("p", "from"), m.Name(None, "甲方")),
    _cmp(">=", _attr("p", "amount"), _attr("b", "amount")),
    _cmp("<=", _attr("p", "at"), _attr("b", "at")),
    _cmp("!=", _attr("b", "installment"), m.Literal(None, 2, "number")),
    _cmp("<", _attr("p", "kind"), _attr("b", "installment")),  # (text against a number: an error when both known)
]


def _one_by_one(comp, items, env):
    """The `and` as its parts say, one after the other (the general way): False at the first that fails."""
    for item in items:
        if not comp.expr(item, {"p", "b"})(env):
            return False
    return True


def _outcome(fn, env):
    try:
        return ("value", fn(env))
    except Exception as exc:  # noqa: BLE001 - the same error either way is what is asked
        return ("error", type(exc).__name__, str(exc))


def _event(i, etype, at, attrs):
    return Event(f"{etype}{i}", etype, Moment.of(at), {k: v for k, v in attrs.items() if v is not None})


kinds = st.sampled_from(["cash", "wire", None])
amounts = st.sampled_from([Decimal("1.00"), Decimal("2.50"), None])
installments = st.sampled_from([1, 2, None])
hours = st.integers(0, 4).map(lambda h: datetime(2026, 3, 2, 9, tzinfo=CONTRACT_TZ) + timedelta(hours=h))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, len(PARTS) - 1), min_size=1, max_size=5), installments, kinds, amounts,
       st.sampled_from(["甲方", "乙方"]), hours, installments, amounts, hours)
def test_conjunction_grouped_as_its_parts(comp, picks, pi, pk, pa, pf, pat, bi, ba, bat):
    items = [PARTS[i] for i in picks]
    p = _event(1, "paid", pat, {"installment": pi, "kind": pk, "amount": pa, "from": pf})
    b = _event(2, "billed", bat, {"installment": bi, "amount": ba})
    env = Env({"p": p, "b": b}, None, pat)
    whole = comp.expr(m.BoolOp(None, "and", items), {"p", "b"})
    grouped = _outcome(whole, env)
    parts = _outcome(lambda e: _one_by_one(comp, items, e), env)
    if grouped[0] == "value" and parts[0] == "value":
        assert bool(grouped[1]) == bool(parts[1])
    else:
        assert grouped == parts


def test_instants_compare_reads_the_facts_or_goes_the_general_way(comp):
    at = datetime(2026, 3, 2, 9, tzinfo=CONTRACT_TZ)
    p = _event(1, "paid", at, {"installment": 1})
    b = _event(2, "billed", at + timedelta(hours=1), {"installment": 1})
    le = comp.expr(_cmp("<=", _attr("p", "at"), _attr("b", "at")), {"p", "b"})
    assert le(Env({"p": p, "b": b}, None, at)) is True
    assert le(Env({"p": b, "b": p}, None, at)) is False
    assert le(Env({"p": p}, None, at)) is False  # (an unbound side is unknown: false)
    # a side bound to something else than a fact (a row of a table: a dict) is read as the general way reads it
    later = {"at": Moment.of(at + timedelta(days=1))}
    assert le(Env({"p": p, "b": later}, None, at)) is True
    assert le(Env({"p": later, "b": p}, None, at)) is False


def test_single_field_with_a_constant(comp):
    at = datetime(2026, 3, 2, 9, tzinfo=CONTRACT_TZ)
    cash = comp.expr(PARTS[1], {"p", "b"})
    assert cash(Env({"p": _event(1, "paid", at, {"kind": "cash"})}, None, at)) is True
    assert cash(Env({"p": _event(1, "paid", at, {"kind": "wire"})}, None, at)) is False
    assert cash(Env({"p": _event(1, "paid", at, {})}, None, at)) is False  # (no such attribute: unknown)
    assert cash(Env({}, None, at)) is False
    ordered = comp.expr(_cmp("<", _attr("p", "kind"), m.Literal(None, 3, "number")), {"p", "b"})
    with pytest.raises(Exception) as exc:
        ordered(Env({"p": _event(1, "paid", at, {"kind": "cash"})}, None, at))
    assert "values_not_comparable" in repr(exc.value) or "cash" in str(exc.value)
