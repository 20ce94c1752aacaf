"""Explanations as data: each step of a verdict is a stable code and its arguments.

The evaluator and the time module record ``Step`` values — never prose.  Their arguments are
the things themselves (a ``Moment``, a ``date``, a ``Period``, an amount, a fact, a day of the
calendar, the rule text quoted, a nested step); ``explain.encode`` turns them into JSON for
programs and ``explain.render`` into Chinese or English for people.  The codes are listed,
with their wording in both languages, in ``explain.PHRASES``.
"""
from __future__ import annotations

from typing import Iterable, NamedTuple


class Step(NamedTuple):
    code: str
    args: dict
    depth: int = 0  # 1: a detail of the step above it (a condition of a trigger, a cited event's reason)


def step(code: str, **args) -> Step:
    return Step(code, args)


def nested(steps: tuple, by: int = 1) -> list[Step]:
    """The steps of something cited (the event that triggered a remedy), as one ``cited`` step
    that holds them — the very same steps, so a report encodes and words them once however
    often they are cited — indented under the citation."""
    return [Step("cited", {"steps": steps}, by)] if steps else []


class TypeRef(str):
    """A name the rule file declares — a kind of fact, an obligation, a remedy, a ground of
    termination — in a step: worded with the rule file's label ("提交银行保函（guarantee_submitted）")."""

    __slots__ = ()


class Quantity(NamedTuple):
    """A number in a step with what it counts: "money" (¥85,000.00), "number" (85.5), "percent"
    (the fraction 0.001, worded 0.1%) or "int" — a Decimal alone cannot say which."""

    value: object
    kind: str


def plain(value):
    """A step's amount as a number: a ``Quantity``'s value (points are shown so), anything else as it is."""
    return value.value if type(value) is Quantity else value
