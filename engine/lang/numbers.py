"""The arithmetic of the rule language: which mixes of numbers, amounts and percentages make sense
(``arith_type``, for the checker) and their exact values (``apply``, ``rounded``, for the checker's
folding and the compiled rules alike).

Everything is a ``Decimal`` or an ``int`` — never a float.  An amount computed by × ÷ + − is
rounded to the fen, half-up, once, as a whole (the contract's own way of stating amounts,
¥175,700.00 × 1% = ¥1,757.00): the amounts inside the computation stay exact ("money_exact");
a quotient of numbers keeps 28 significant digits.  Rounding to a
coarser step is written in the rules (``round_up(hours, 1)``: 不足一小时按一小时计).
"""
from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation

from .amounts import MAX_MONEY

CENT = Decimal("0.01")

# operators as written → as meant
OPS = {"+": "+", "-": "-", "*": "*", "×": "*", "/": "/", "÷": "/"}
NUMERIC = frozenset({"money", "number", "percent", "int"})
_SCALAR = frozenset({"int", "number"})


def arith_type(op: str, lt, rt):
    """The type of ``lt op rt`` for numbers, amounts and percentages, or None where the contract's
    words would make no sense (¥ × ¥; a bare number added to an amount: 3 what?)."""
    op = OPS.get(op, op)
    if lt not in NUMERIC or rt not in NUMERIC:
        return None
    if op in "+-":
        if lt == rt:
            return lt
        return "number" if lt in _SCALAR and rt in _SCALAR else None
    if op == "*":
        if "money" in (lt, rt):
            return "money" if (rt if lt == "money" else lt) != "money" else None
        if "percent" in (lt, rt):
            return "percent"  # a rate doubled, a rate of a rate
        return "int" if lt == rt == "int" else "number"
    if lt == "money":  # division
        return "number" if rt == "money" else "money"  # a ratio of two amounts; an amount shared out
    if rt == "money":
        return None  # a number per yuan
    if lt == "percent":
        return "number" if rt == "percent" else "percent"
    return "number"


# what to write instead, for the mixes a rule writer most often means (messages.CATALOGUE keys)
ARITH_HINTS = {}
for _op in "+-":
    for _n in ("int", "number"):
        ARITH_HINTS[(_op, "money", _n)] = ARITH_HINTS[(_op, _n, "money")] = "hint:arith_money_plus"
    ARITH_HINTS[(_op, "money", "percent")] = ARITH_HINTS[(_op, "percent", "money")] = "hint:arith_percent"
ARITH_HINTS[("*", "money", "money")] = "hint:arith_money_money"
for _n in ("int", "number", "percent"):
    ARITH_HINTS[("/", _n, "money")] = "hint:arith_per_money"


def money(value) -> Decimal:
    """Round a computed amount to the fen, half-up; refuse an amount no contract has."""
    value = Decimal(value)
    if not value.is_finite() or abs(value) >= MAX_MONEY:
        raise ArithmeticError(f"amount {value} is out of range")
    q = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return q if q else abs(q)  # (never -0.00)


def apply(op: str, a, b, kind: str | None = None):
    """``a op b`` exactly; an amount (``kind`` "money") rounded to the fen.  Division by zero is an
    ArithmeticError (the evaluator reports it with the rule and the fact)."""
    op = OPS.get(op, op)
    try:
        if op == "+":
            v = a + b
        elif op == "-":
            v = a - b
        elif op == "*":
            v = a * b
    except TypeError:  # (values of kinds that do not combine so — what the checker could not tell: said at the rule
        raise ArithmeticError(f"{type(a).__name__} {op} {type(b).__name__}") from None  # and the fact, no traceback)
    if op not in ("+", "-", "*"):
        if b == 0:
            raise ZeroDivisionError("division by zero")
        try:
            v = Decimal(a) / Decimal(b)
        except (DivisionByZero, InvalidOperation) as exc:  # pragma: no cover - (b == 0 caught above)
            raise ZeroDivisionError("division by zero") from exc
        if kind == "int":
            kind = "number"
    if kind == "money":
        return money(v)
    if kind == "money_exact":  # (inside a larger computation: rounded with the whole, not here)
        if not Decimal(v).is_finite() or abs(v) >= MAX_MONEY:
            raise ArithmeticError(f"amount {v} is out of range")
        if type(v) is Decimal and v.as_tuple().exponent > -2 and v == v.quantize(CENT):  # (¥3,000 ÷ 30 is ¥100.00,
            return v.quantize(CENT)  # not 1E+2: an amount of whole fen keeps its two places, shown as money)
        return v
    if isinstance(v, Decimal) and v == v.to_integral_value() and kind == "int":
        return int(v)
    return v


class StepError(ArithmeticError):
    """A rounding step that is not more than zero."""


ROUNDINGS = {"round": ROUND_HALF_UP, "round_up": ROUND_CEILING, "round_down": ROUND_FLOOR}


def rounded(how: str, value, step=None, kind: str | None = None):
    """``value`` rounded to a multiple of ``step`` (default: the fen for an amount, 1 otherwise):
    half-up (四舍五入), up (不足一步按一步计) or down (不足一步不计)."""
    if step is None:
        step = CENT if kind == "money" else Decimal(1)
    step = Decimal(step)
    if step <= 0:
        raise StepError(f"a rounding step must be more than zero, not {step}")
    v = (Decimal(value) / step).quantize(Decimal(1), rounding=ROUNDINGS[how]) * step
    if kind == "money":
        return money(v)
    return int(v) if kind == "int" and v == v.to_integral_value() else v
