"""The report as a typed object for Python callers (pydantic v2), over the plain dict of the
interface spec.  ``Report.of(d)`` reads a report; ``report.as_dict()`` gives back the very dict
(nothing is lost or reordered: a program that wants JSON keeps using it).

Instants are ``datetime`` (aware, contract time), amounts ``Decimal``; each row keeps its
structured ``steps`` (explain.PHRASES lists the codes) and its ``because`` in the report's language.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, PrivateAttr

Status = Literal["inactive", "active", "suspended", "fulfilled", "violated", "excused", "discharged", "undetermined"]


class _Row(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class Step(_Row):
    code: str
    args: dict[str, Any]
    depth: int = 0


class Obligation(_Row):
    name: str
    label: str | None = None
    clause: str | None = None
    debtor: str | None = None
    creditor: str | None = None
    trigger: str | None = None
    status: Status
    triggered_at: datetime | None = None
    due: datetime | None = None
    due_not_before: datetime | None = None
    due_included: bool | None = None
    fulfilled_at: datetime | None = None
    assumptions: list[str] = []
    steps: list[Step] = []
    because: list[str] = []


class DeemedEvent(_Row):
    name: str
    label: str | None = None
    clause: str | None = None
    id: str
    source: str | None = None
    source_fact: str | None = None
    at: datetime
    assumptions: list[str] = []
    steps: list[Step] = []
    because: list[str] = []


class Remedy(_Row):
    name: str
    label: str | None = None
    clause: str | None = None
    holder: str | None = None
    trigger: str | None = None
    since: datetime
    status: str = "held"
    exercised_at: datetime | None = None
    amount: Decimal | None = None
    points: Decimal | None = None  # a consequence in points (扣分), instead of an amount
    rating: str | None = None  # a rating from thresholds (评级: 优秀、合格), instead of an amount
    assumptions: list[str] = []
    steps: list[Step] = []
    because: list[str] = []


class Finding(_Row):
    code: str
    severity: Literal["error", "warning", "info"]
    clause: str | None = None
    message: str
    at: datetime | None = None
    steps: list[Step] = []
    because: list[str] = []


class ContractLife(_Row):
    effective: str | None = None  # an instant, or "always" for a rule file without an `effective` block
    ended: datetime | None = None
    ended_by: str | None = None
    trigger: str | None = None
    assumptions: list[str] = []  # the readings the end rests on (which facts end the contract)


class Report(_Row):
    contract: str | None = None
    title: str | None = None
    as_of: datetime
    lang: str = "zh"
    contract_life: ContractLife
    obligations: list[Obligation]
    events: list[DeemedEvent]
    remedies: list[Remedy]
    findings: list[Finding]
    assumptions_overridden: dict[str, str] = {}
    _raw: dict = PrivateAttr(default_factory=dict)

    @classmethod
    def of(cls, report: dict) -> "Report":
        typed = cls.model_validate(report)
        typed._raw = report
        return typed

    def as_dict(self) -> dict:
        """The plain report, exactly as the JSON output has it."""
        return self._raw

    def obligation(self, name: str) -> list[Obligation]:
        """The rows of one obligation (one per trigger)."""
        return [o for o in self.obligations if o.name == name]

    def with_status(self, *statuses: str) -> list[Obligation]:
        """The obligations in any of ``statuses``: each a status (violated) or the word the Chinese report prints for
        it (已违约, or 违约 without 已), as `--fail-on` takes them (user round 24); a status that is none of an
        obligation's is an error (a typo would otherwise find nothing, silently)."""
        from .report.build import STATUS_ZH

        known = get_args(Status)
        by_word = {w: s for s, w in STATUS_ZH.items()}
        by_word.update({w[1:]: s for w, s in list(by_word.items()) if w[0] == "已"})
        given, statuses = statuses, tuple(by_word.get(s, s) if isinstance(s, str) else s for s in statuses)
        wrong = [g for g, s in zip(given, statuses) if s not in known]
        if wrong:
            from .diagnostics import QiyueError, diag, suggest

            given = wrong[0]
            raise QiyueError([diag("bad_argument.status", given=str(given), expected=list(known),
                                   did_you_mean=suggest(str(given), [*known, *by_word]) if type(given) is str else None)])
        return [o for o in self.obligations if o.status in statuses]
