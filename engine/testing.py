"""``qiyue.testing``: hypothesis strategies for any rule file, for a department's own property tests.

    from hypothesis import given
    from qiyue import compile_file
    from qiyue.testing import fact_streams, report_of

    RULES = compile_file("rules/gzmz-2025-it-ops.qy")

    @given(fact_streams(RULES))
    def test_no_installment_is_paid_late_without_a_late_payment_right(stream):
        report = report_of(RULES, stream)
        ...

The strategies build facts from the rule file's event declarations (typed attribute values, ids
and references that resolve) at instants biased to where verdicts flip — the edges of a day, the
rule file's own periods after an earlier fact (± a second, ± a day), public holidays and make-up
working days — and with the amounts, numbers and texts the rules compare them with.  A stream is
``(facts, as_of)``: the fact dicts in time order and the instant to evaluate at.

Installed with the project, this module is also a pytest plugin (entry point ``qiyue``): the
fixture ``qiyue_rules`` compiles a rule file once per test session (``qiyue_rules("rules/x.qy")``).
"""
from __future__ import annotations

import contextlib
from pathlib import Path

from hypothesis import strategies as st

from .verify import strategies as _s
from .verify.properties import Failure, failures as _failures

__all__ = ["Failure", "fact_streams", "facts", "instants", "spec", "evaluation", "report_of", "lines",
           "property_failures", "qiyue_rules"]


def spec(rules) -> _s.Spec:
    """What the strategies draw from, for a compiled rule file: its kinds of fact, parties, amounts,
    numbers, texts, dates, periods and the calendar's special days (worked out once per rule file)."""
    from .api import CompiledRules

    if not isinstance(rules, CompiledRules):  # (a path or None: say what is wanted, not an AttributeError)
        raise TypeError(f"qiyue.testing needs compiled rules (qiyue.compile_file(path)), not {type(rules).__name__}")
    found = getattr(rules, "_qiyue_spec", None)
    if found is None:
        found = _s.Spec.of(rules)
        rules._qiyue_spec = found  # (kept with the compiled rules: compile once, draw many)
    return found


def fact_streams(rules, max_facts: int = 12, types: list[str] | None = None,
                 aim: list[str] | None = None) -> st.SearchStrategy:
    """Fact streams ``(facts, as_of)`` for a compiled rule file (``types``: only these kinds of fact;
    ``aim``: names of rules — obligations, remedies, deemed events, termination grounds — that most
    streams should set off, their conditions met with the values the rules compare)."""
    s = spec(rules)
    if isinstance(types, str) or isinstance(aim, str):  # (a kind for a list of kinds: a list of names)
        raise TypeError("types and aim are lists of names, e.g. types=[\"KIND\"], aim=[\"RULE\"]")
    if type(max_facts) is not int or not 1 <= max_facts <= 10_000:
        raise TypeError(f"max_facts is a whole number from 1 to 10000, not {max_facts!r}")
    _known_names("types", types, [e.name for e in s.events])
    rf = rules.prepared.checked.rules
    _known_names("aim", aim, [x.name for x in (*rf.obligations, *rf.remedies, *rf.deemed, *rf.terminations,
                                               *rf.effective, *rf.properties)] + [f.code for f in rf.findings])
    return _s.fact_streams(s, max_facts, types, aim)


def facts(rules, etype: str) -> st.SearchStrategy:
    """One fact of kind ``etype``, as a dict."""
    s = spec(rules)
    _known_names("etype", [etype], [e.name for e in s.events])
    return _s.facts(s, etype)


def _known_names(what: str, given, known: list[str]):
    """A name a strategy is given must be one the rule file has: a QiyueError with a did-you-mean, never a bare
    StopIteration later, nor a name silently ignored."""
    from .diagnostics import QiyueError, diag, suggest

    for name in given or ():
        if name not in known:
            raise QiyueError([diag("unknown_name.testing", what=what, name=str(name), expected=sorted(set(known)),
                                   did_you_mean=suggest(str(name), known) if isinstance(name, str) else None)])


def instants(rules) -> st.SearchStrategy:
    """An instant (a datetime in China's time), biased to where verdicts flip."""
    return _s.instants(spec(rules))


def lines(stream_facts: list[dict]) -> list[str]:
    """Fact dicts as the lines of a fact file."""
    return _s.lines(stream_facts)


def evaluation(rules, stream):
    """The evaluation of a stream (``CompiledRules.run``).  A stream whose evaluation stops because it needs
    a year no calendar knows (the rule file chose no fallback) is not a case of the property: it is
    rejected (``hypothesis.reject``) and another drawn — the strategies draw facts within the known years,
    but a period counted from a fact near their end may reach past them."""
    facts_, as_of = stream
    with _known_years():
        return rules.run(rules.load_facts(lines(facts_)), as_of)


def report_of(rules, stream, lang: str = "zh") -> dict:
    """The report of a stream, as `qiyue eval --format json` gives it (a stream that needs a year no
    calendar knows is rejected, as in ``evaluation``)."""
    facts_, as_of = stream
    with _known_years():
        return rules.evaluate(lines(facts_), as_of, lang=lang)


@contextlib.contextmanager
def _known_years():
    from hypothesis import reject

    from .diagnostics import QiyueError

    try:
        yield
    except QiyueError as exc:
        if exc.diagnostics and all(d.code == "calendar_year_unknown" for d in exc.diagnostics):
            reject()
        raise


def property_failures(rules, stream) -> list[Failure]:
    """The rule file's `property` blocks that fail on this stream."""
    return _failures(evaluation(rules.with_properties(), stream))


try:  # the pytest plugin: a fixture that compiles a rule file once per session
    import pytest

    @pytest.fixture(scope="session")
    def qiyue_rules():
        """``qiyue_rules(path)``: the compiled rule file at ``path`` (compiled once per session)."""
        from .api import compile_file

        cache: dict[str, object] = {}

        def load(path):
            key = str(Path(path).resolve())
            if key not in cache:
                cache[key] = compile_file(path)
            return cache[key]
        return load
except ImportError:  # pragma: no cover - pytest is not installed: the strategies still work
    pass
