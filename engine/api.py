"""The Python API: compile a rule file once, evaluate it against many fact streams.

    prepared = compile_rules(text, "rules/x.qy")
    report = prepared.evaluate(facts_lines, as_of)      # a dict in the interface's shape
"""
from __future__ import annotations

import dataclasses

import contextlib
import copy
import gc
import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

from .lang.checker import Checked, _nfc, check
from .diagnostics import Diagnostic, QiyueError, diag, suggest
from .run.evaluator import Evaluation
from .run.plans import Prepared
from .run.compiler import Event
from .facts import FactSchema, load_facts, parse_instant, split_lines, time_meant
from .messages import CATALOGUE, Msg, word
from .lang.limits import FACT_YEARS, MAX_RULE_CHARS, missing_day
from .report.build import build
from .time.timecalc import CONTRACT_TZ, UNDETERMINED, Calendar, CalendarFileError
from .lang import model as m
from . import rulecache
from .lang.model import Span
from .textfile import UndecodableText, decode

if TYPE_CHECKING:
    from .results import Report


@dataclass
class CompiledRules:
    """A parsed, checked and compiled rule file (compile once, evaluate many)."""

    prepared: Prepared
    schema: FactSchema
    sha256: str
    findings: list[Diagnostic]
    encoding: str | None = None  # what the rule file was saved in, when read from a file
    overridden: dict | None = None  # assumptions replaced for a what-if: name -> value as given

    @property
    def checked(self):
        return self.prepared.checked

    def load_facts(self, lines: Iterable[str], path: str | Path = "<facts>"):
        path = _file_name(path, "path")
        lines = _given_lines(lines)
        with collector_paused():
            return load_facts(lines, self.schema, path)

    def run(self, facts, as_of: datetime | date | str, backend: str = "reference") -> Evaluation:
        """Evaluate ``facts`` as ``load_facts`` returns them (``backend``: see ``evaluate``)."""
        as_of = as_of_instant(as_of)
        facts = _given_events(facts)
        prepared = self.prepared_for(backend)
        with collector_paused():
            return prepared.evaluate(facts, as_of)

    def prepared_for(self, backend: str = "reference") -> Prepared:
        """What evaluates on ``backend``: "reference" (qiyue's own matcher) or "durable" (the `for
        each` lines durable_rules can run matched on its Rete, engine/live/backend.py: the same
        report).  "durable" without durable_rules installed: ``QiyueError`` ``live_unavailable``."""
        if backend == "reference":
            return self.prepared
        if backend == "durable":
            from .live import durable_engine
            from .live.backend import plan

            durable_engine()  # (live_unavailable, saying how to install it, where it does not import)
            return plan(self).prepared
        raise QiyueError([diag("bad_input", what="backend", given=repr(backend) if isinstance(backend, str)
                               else type(backend).__name__, accepted='"reference" / "durable"')])

    def evaluate(self, facts_lines: Iterable[str], as_of: datetime | date | str, facts_path: str | Path = "<facts>",
                 facts_encoding: str | None = None, lang: str = "zh", backend: str = "reference",
                 explain: str = "full") -> dict:
        """Validate the fact lines and return the report as of ``as_of`` (an ISO text, a date —
        00:00 of that day — or a datetime; without an offset it is contract time).  Each verdict's
        reasons come as structured ``steps`` and as ``because`` in ``lang`` ("zh" or "en").
        ``facts_path`` (a str or a Path) and ``facts_encoding`` (a str or None) say where the lines
        came from, in messages and in the report.  ``backend``: "reference", or "durable" (issue 14:
        matching on durable_rules' Rete, the same report; needs ``pip install -e '.[live]'``).  ``explain``:
        "full" (``steps`` and ``because``), "words" (``because`` alone) or "none" (the verdicts without reasons)."""
        as_of = as_of_instant(as_of)
        facts_path = _file_name(facts_path, "facts_path")
        if facts_encoding is not None and not isinstance(facts_encoding, str):
            raise QiyueError([diag("bad_input", what="facts_encoding", given=type(facts_encoding).__name__,
                                   accepted=word("input.encoding"))])
        check_lang(lang)
        check_explain(explain)
        prepared = self.prepared_for(backend)
        with collector_paused():
            events = self.load_facts(facts_lines, facts_path)
            report = build(prepared.evaluate(events, as_of), self.sha256, self.findings, lang, explain)
        return self._described(report, facts_path, facts_encoding)

    def _described(self, report: dict, facts_path: str, facts_encoding: str | None) -> dict:
        """A report with how the files were read and the assumptions replaced for a what-if."""
        report["rules"]["encoding"] = self.encoding
        report["facts"] = {"file": facts_path, "encoding": facts_encoding}
        report["assumptions_overridden"] = dict(self.overridden or {})
        return report

    def evaluate_many(self, facts_lines: Iterable[str], as_ofs: Iterable[datetime | date | str],
                      facts_path: str | Path = "<facts>", facts_encoding: str | None = None,
                      lang: str = "zh", backend: str = "reference", explain: str = "full") -> list[dict]:
        """The reports as of several instants (month ends, say) from one replay of the facts: one
        report per instant, in the order given, each the very report ``evaluate`` returns at that
        instant.  An instant given twice (as text and as a date alike) gets two equal reports."""
        instants = as_of_instants(as_ofs)
        got = {}
        for at, report in self.iter_reports(facts_lines, instants, facts_path, facts_encoding, lang, backend, explain):
            got[at] = report
        out, seen = [], set()
        for at in instants:
            out.append(got[at] if at not in seen else copy.deepcopy(got[at]))
            seen.add(at)
        return out

    def iter_reports(self, facts_lines: Iterable[str], as_ofs: Iterable[datetime | date | str],
                     facts_path: str | Path = "<facts>", facts_encoding: str | None = None,
                     lang: str = "zh", backend: str = "reference",
                     explain: str = "full") -> Iterator[tuple[datetime, dict]]:
        """(instant, report) for each distinct instant of ``as_ofs``, in time order, each report
        built as the one replay passes its instant — a caller that writes each one out and lets it
        go holds one report at a time.  (``evaluate_many`` collects them.)"""
        instants = sorted(set(as_of_instants(as_ofs)))
        facts_path = _file_name(facts_path, "facts_path")
        if facts_encoding is not None and not isinstance(facts_encoding, str):
            raise QiyueError([diag("bad_input", what="facts_encoding", given=type(facts_encoding).__name__,
                                   accepted=word("input.encoding"))])
        check_lang(lang)
        check_explain(explain)
        for at, ev in self.iter_evaluations(facts_lines, instants, facts_path, backend):
            with collector_paused():  # (each report built with the collector paused, as the evaluation is)
                report = self._described(build(ev, self.sha256, self.findings, lang, explain), facts_path, facts_encoding)
            yield at, report

    def iter_evaluations(self, facts_lines: Iterable[str], instants: list[datetime], facts_path: str = "<facts>",
                         backend: str = "reference") -> Iterator[tuple[datetime, Evaluation]]:
        """(instant, evaluation) at each of ``instants`` (distinct, in time order) from one replay, each
        valid until the next is asked for (what ``iter_reports`` builds its reports from, and `qiyue eval`
        with several `--as-of` writes)."""
        prepared = self.prepared_for(backend)
        events = self.load_facts(facts_lines, facts_path)
        replay = prepared.evaluate_at(events, instants)
        while True:  # (the collector paused while the replay runs, not while the caller holds an instant's evaluation
            with collector_paused():  # and does its own work — its cycles would pile up: fuzz round 35)
                try:
                    item = next(replay, None)
                except QiyueError:
                    if len(instants) == 1:
                        raise
                    # an error in the replay (a computation out of range, set off by some fact): what
                    # separate evaluations say — the earliest instant whose replay meets it raises it
                    for at in instants:
                        prepared.evaluate(events, at)
                    raise
            if item is None:
                return
            yield item

    def session(self, facts_path: str | Path = "<facts>", backend: str = "reference") -> "Session":
        """A live evaluation of these rules (``engine.run.session``): facts added as they come, the clock
        advanced, the report and what changed asked for at any time (``qiyue watch``); ``backend`` as
        for ``evaluate``."""
        from .run.session import Session

        return Session(self, _file_name(facts_path, "facts_path"), self.prepared_for(backend))

    def with_properties(self) -> "CompiledRules":
        """The same rules with their `property` blocks compiled (`qiyue verify`, qiyue.testing): an
        evaluation of these announces the obligation stages the properties name.  Made once."""
        if self.prepared.properties or not self.checked.rules.properties:
            return self
        found = getattr(self, "_with_properties", None)
        if found is None:
            found = dataclasses.replace(self, prepared=Prepared(self.checked, self.prepared.calendar,
                                                                properties=True))
            self._with_properties = found
        return found

    def report(self, facts, as_of: datetime | date | str, lang: str = "zh", backend: str = "reference",
               explain: str = "full") -> Report:
        """The typed report (``Report``; ``.as_dict()`` is the plain one) of ``facts``: a
        ``pathlib.Path`` of a JSON Lines file, the text of one, its lines, or fact dicts."""
        lines, path, encoding = fact_lines(facts)
        from .results import Report  # (the typed report's models: loaded when one is asked for)

        return Report.of(self.evaluate(lines, as_of, path, encoding, lang=lang, backend=backend, explain=explain))

    def reports(self, facts, as_ofs: Iterable[datetime | date | str], lang: str = "zh",
                backend: str = "reference", explain: str = "full") -> list[Report]:
        """The typed reports of ``facts`` (as ``report`` takes them) at several instants, from one
        replay (``evaluate_many``)."""
        lines, path, encoding = fact_lines(facts)
        from .results import Report

        return [Report.of(r) for r in self.evaluate_many(lines, as_ofs, path, encoding, lang=lang, backend=backend,
                                                         explain=explain)]


def _file_name(name, what: str) -> str:
    """A file name that only names places (in messages, in the report): a str, or a Path as its
    str — anything else (bytes, a number, None) is refused in words, never carried into a report
    that could then not be written as JSON."""
    if isinstance(name, Path):
        return str(name)
    if isinstance(name, str):
        return name
    raise QiyueError([diag("bad_input", what=what, given=type(name).__name__, accepted=word("input.path"))])


def _given_events(facts) -> list[Event]:
    """The facts ``CompiledRules.run`` takes: a list of them as ``load_facts`` returns it."""
    if isinstance(facts, (list, tuple)):
        wrong = [x for x in facts if type(x) is not Event][:1]
        if not wrong:
            return list(facts)
        given = Msg("word:given.list_holding", {"type": type(wrong[0]).__name__})
    else:
        given = type(facts).__name__
    raise QiyueError([diag("bad_input", what="facts", given=given, accepted=word("input.events"))])


def check_explain(explain) -> None:
    """``explain`` is "full", "words" or "none" (``report.build.EXPLAIN``)."""
    from .report.build import EXPLAIN

    if not isinstance(explain, str) or explain not in EXPLAIN:
        raise QiyueError([diag("bad_input", what="explain", given=repr(explain) if isinstance(explain, str)
                               else type(explain).__name__, accepted=" / ".join(f'"{x}"' for x in EXPLAIN))])


def check_lang(lang) -> None:
    """``lang`` is "zh" or "en"; a text that is neither is bad_lang, a value that is no text bad_input."""
    if not isinstance(lang, str):
        raise QiyueError([diag("bad_input", what="lang", given=type(lang).__name__, accepted=word("input.lang"))])
    if lang not in ("zh", "en"):
        raise QiyueError([diag("bad_lang", given=lang, expected=["zh", "en"])])


@contextlib.contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while one evaluation builds its objects: its
    repeated scans of the growing heap cost ~40% of the time.  Reference counting frees them,
    which holds only while an evaluation makes no reference cycle (no bound method kept on the
    state, no nested recursive function, no library call that leaves cycles):
    tests/test_memory.py checks that an evaluation leaves nothing for the cyclic collector."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Move what was allocated meanwhile straight to the oldest generation: otherwise the
            # first allocation after enable() would scan all of it at once as "young" objects.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def evaluate(rules, facts, as_of: datetime | date | str, *, lang: str = "zh",
             assume: Mapping[str, str] | None = None, backend: str = "reference", explain: str = "full") -> Report:
    """One call: ``rules`` a ``pathlib.Path`` of a rule file, its text, or ``CompiledRules``;
    ``facts`` a ``pathlib.Path`` of a JSON Lines file, its text, its lines, or fact dicts.
    (A file is always a ``Path``: a string is text, never guessed to be a file name.)
    ``backend``: "reference" or "durable"; ``explain``: "full", "words" or "none" (``CompiledRules.evaluate``)."""
    return _compiled(rules, assume).report(facts, as_of, lang, backend, explain)


def evaluate_many(rules, facts, as_ofs: Iterable[datetime | date | str], *, lang: str = "zh",
                  assume: Mapping[str, str] | None = None, backend: str = "reference",
                  explain: str = "full") -> list[Report]:
    """``evaluate`` at several instants from one replay: a ``Report`` per instant, in the order given,
    each the one ``evaluate`` gives at that instant."""
    return _compiled(rules, assume).reports(facts, as_ofs, lang, backend, explain)


def _compiled(rules, assume) -> CompiledRules:
    """The compiled rules ``evaluate`` is given: a Path, rule text, or CompiledRules as they are."""
    if isinstance(rules, CompiledRules):
        _check_assume(assume)
        if assume and dict(assume) != (rules.overridden or {}):  # (compiled rules keep their assumptions)
            raise QiyueError([diag("bad_input.assume_compiled", hint="hint:assume_compiled")])
        compiled = rules
    elif isinstance(rules, Path):
        compiled = compile_file(rules, assume=assume)
    elif isinstance(rules, str):
        _not_a_file_name(rules, "rules", ".qy")
        compiled = compile_rules(rules, assume=assume)
    else:
        raise QiyueError([diag("bad_input", what="rules", given=type(rules).__name__,
                               accepted=word("input.rules"))])
    return compiled


class _NotJson(TypeError):
    pass


def _json_value(value):
    """A value of a fact dict that JSON has no form for, as its text where a Python caller means one (an instant, a
    day, an exact amount); anything else (bytes, a set, an object) is refused (``_NotJson``), never its repr."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise _NotJson(type(value).__name__)


def fact_lines(facts) -> tuple[list[str], str, str | None]:
    """Facts as the lines of a JSON Lines file, with where they came from and its encoding."""
    if isinstance(facts, Path):
        text, encoding = read_text_and_encoding(facts, "facts")
        return split_lines(text), str(facts), encoding
    if isinstance(facts, str):
        _not_a_file_name(facts, "facts", ".jsonl")
        return split_lines(facts), "<facts>", None  # on "\n" only: U+2028 in a JSON string is no line end
    if isinstance(facts, (list, tuple)) or hasattr(facts, "__iter__") and not isinstance(facts, (bytes, dict)):
        _not_spent(facts, "facts", "input.facts")
        items = list(facts)
        if all(isinstance(x, str) for x in items):
            return items, "<facts>", None
        if all(isinstance(x, Mapping) for x in items):
            try:
                return [json.dumps(x, ensure_ascii=False, default=_json_value) for x in items], "<facts>", None
            except _NotJson as exc:  # (bytes, a set, an object: not JSON — refused, not written as its repr)
                raise QiyueError([diag("bad_input", what="facts", given=Msg("word:given.dict_holding",
                                                                            {"type": exc.args[0]}),
                                       accepted=word("input.facts"))]) from None
            except (ValueError, TypeError, RecursionError):  # a number of 5,000 digits, a cycle, nesting
                raise QiyueError([_unwritable_fact(items)]) from None
        # (a list that is neither all lines nor all fact dicts: what it holds is named — "not list" named what was right)
        odd = [x for x in items if not isinstance(x, (str, Mapping))][:1]
        given = Msg("word:given.list_holding", {"type": type(odd[0]).__name__}) if odd else \
            Msg("word:given.list_mixed", {})
        raise QiyueError([diag("bad_input", what="facts", given=given, accepted=word("input.facts"))])
    raise QiyueError([diag("bad_input", what="facts", given=type(facts).__name__,
                           accepted=word("input.facts"))])


def _unwritable_fact(items: list) -> "Diagnostic":
    """The error of a list of fact dicts one of which JSON cannot write (a value nested thousands deep, one holding
    itself, a number of thousands of digits): which fact — its place and id — and which attribute."""
    for n, fact in enumerate(items, start=1):
        for key, value in fact.items():
            try:
                json.dumps(value, ensure_ascii=False, default=_json_value)
            except (ValueError, TypeError, RecursionError, _NotJson):
                fid = fact.get("id")
                return diag("unwritable_fact", n=n, id=fid if isinstance(fid, str) else "?", name=str(key),
                            hint="hint:fact_value")
    return diag("bad_input", what="facts", given="dict", accepted=word("input.facts"))


def _not_a_file_name(text: str, what: str, suffix: str):
    """A one-line string ending like a file name was meant as a file: say so rather than parse it."""
    if "\n" not in text and text.strip().endswith(suffix):
        raise QiyueError([diag("bad_input.file_name", what=what, given=text.strip(), hint="hint:pass_path")])


def as_of_instant(value, option: str = "as_of") -> datetime:
    """The report's moment from what a caller gives: never a guess, never a traceback.  ``option``: what the caller
    named it (the API's argument, the command line's --as-of), as its errors say it (fuzz round 44)."""
    if isinstance(value, str):
        return parse_as_of(value, option)
    if isinstance(value, datetime):
        at = value if value.tzinfo is not None else value.replace(tzinfo=CONTRACT_TZ)  # contract time
    elif isinstance(value, date):
        at = datetime(value.year, value.month, value.day, tzinfo=CONTRACT_TZ)  # 00:00 of that day
    else:
        raise QiyueError([diag("bad_as_of.type", given=type(value).__name__,
                               expected=["2026-07-20T00:00:00+08:00", "2026-07-20", "date", "datetime"])])
    try:
        at = at.astimezone(CONTRACT_TZ)
    except (OverflowError, ValueError):
        raise QiyueError([diag("bad_as_of.range", value=value.isoformat(),
                               expected=["2026-07-20T00:00:00+08:00", "2026-07-20"])]) from None
    if not FACT_YEARS[0] <= at.year <= FACT_YEARS[1]:  # as for a text: the years a deadline can be counted in
        raise QiyueError([diag("bad_as_of.year", value=value.isoformat(), year=at.year,
                               expected=["2026-07-20T00:00:00+08:00", "2026-07-20"])])
    return at


def as_of_instants(values, option: str = "as_ofs") -> list[datetime]:
    """Several report instants (``evaluate_many``): each as ``as_of_instant`` reads it; one that is
    wrong is refused with its position in the list (the first is 1) and what is wrong with it."""
    if isinstance(values, (str, bytes, date, Mapping)) or not hasattr(values, "__iter__"):
        raise QiyueError([diag("bad_input", what="as_ofs", given=type(values).__name__,
                               accepted=word("input.instants"))])
    values = list(values)
    if not values:
        raise QiyueError([diag("bad_input", what="as_ofs", given="[]", accepted=word("input.instants"))])
    out = []
    for n, value in enumerate(values, 1):
        try:
            out.append(as_of_instant(value, option))
        except QiyueError as exc:
            raise QiyueError([diag("bad_as_of.which", n=n, of=len(values), expected=d.expected, option=option,
                                   did_you_mean=d.did_you_mean,
                                   problem=d.args["problem"] if d.key == "bad_as_of" else d.as_msg())
                              for d in exc.diagnostics]) from None
    return out


def parse_as_of(text: str, option: str = "as_of") -> datetime:
    try:
        return parse_instant(text)[0]
    except ValueError as exc:
        problem = getattr(exc, "msg", None) or Msg("word:verbatim", {"text": str(exc)})
        if isinstance(problem, Msg) and isinstance(problem.args.get("value"), str) and len(text) > 64:
            problem = Msg(problem.key, {**problem.args, "value": f"{text[:40]}…（{len(text)}）"})  # never in full
        missing = missing_day(text) if isinstance(text, str) else None
        if missing is not None:  # 2025-02-30: the day does not exist (not "not a date")
            problem = Msg(f"word:time.{missing[0]}", {"value": text, **missing[1]})
        raise QiyueError([diag("bad_as_of", problem=problem, option=option, expected=["2026-07-20T00:00:00+08:00", "2026-07-20"],
                               did_you_mean=time_meant(text))]) from None  # (2026年12月1日, 2026/12/1 10:00: the
        # instant it means, as a fact's `at` is told — user round 24)


def _not_spent(given, what: str, forms: str) -> None:
    """A generator read to its end by an earlier call is refused: read again it gives no facts at all, and the report
    would say, without a word, that the contract was never signed.  A fresh one, even an empty one, is not closed yet
    (fuzz round 44)."""
    import inspect

    if inspect.isgenerator(given) and inspect.getgeneratorstate(given) == inspect.GEN_CLOSED:
        raise QiyueError([diag("bad_input", what=what, given=Msg("word:given.spent_generator", {}),
                               accepted=word(forms))])


def _given_lines(lines) -> list[str]:
    """Fact lines as ``load_facts`` and ``evaluate`` take them: strings (one text is split into its
    lines); anything else is refused in words, not met later as a missing method."""
    if isinstance(lines, str):
        _not_a_file_name(lines, "facts_lines", ".jsonl")  # (`evaluate("facts/x.jsonl", …)`: a name, not a line)
        return split_lines(lines)
    if not isinstance(lines, (bytes, Mapping)) and hasattr(lines, "__iter__"):
        _not_spent(lines, "facts_lines", "input.lines")
        items = list(lines)
        wrong = next((x for x in items if not isinstance(x, str)), items)
        if wrong is items:
            return items
        given = Msg("word:given.line_of_type", {"type": type(wrong).__name__})
    else:
        given = type(lines).__name__
    raise QiyueError([diag("bad_input", what="facts_lines", given=given, accepted=word("input.lines"))])


def compile_rules(text: str, path: str = "<rules>", base_dir: str | Path | None = None,
                  assume: Mapping[str, str] | None = None) -> CompiledRules:
    """Parse, check and compile; raise ``QiyueError`` with every error found.  ``assume`` replaces
    assumptions for a what-if: {"grace_period": "45 days"} (values written as in a rule file)."""
    if not isinstance(text, str):  # (a Path is read by compile_file; bytes have no encoding yet)
        raise QiyueError([diag("bad_input", what="text", given=type(text).__name__, accepted=word("input.text"))])
    if not isinstance(path, (str, Path)):
        raise QiyueError([diag("bad_input", what="path", given=type(path).__name__, accepted=word("input.path"))])
    if base_dir is not None and not isinstance(base_dir, (str, Path)):
        raise QiyueError([diag("bad_input", what="base_dir", given=type(base_dir).__name__,
                               accepted=word("input.base_dir"))])
    if isinstance(path, Path):  # (as a string from here on: a diagnostic of the file and one of --assume are sorted
        # together by their paths — a Path beside a str was a TypeError: fuzz round 30)
        if base_dir is None:
            base_dir = path.parent
        path = str(path)
    _check_assume(assume)
    if "\r" in text:  # line ends as a file would be read (textfile.decode): CRLF or a lone CR ends a line
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    with collector_paused():  # (a large file's parse tree: the collector's scans of it cost ~40%)
        k = rulecache.key(text, str(path), assume)
        checked = rulecache.load(k, Checked)  # (a file checked before by this engine: not parsed and checked again)
        if checked is None:
            from .lang.parser import parse  # (a file read back from the cache is not parsed: lark not loaded)

            rf = parse(text, path)
            override_assumptions(rf, assume or {})
            checked, errors = check(rf)
            if errors:
                raise QiyueError(_blame_assume(errors, text, path, assume))
            rulecache.store(k, checked)
        rf = checked.rules
        calendar = make_calendar(rf, base_dir if base_dir is not None else Path(path).parent)
        prepared = Prepared(checked, calendar)
        schema = FactSchema(checked, prepared.compiler)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return CompiledRules(prepared, schema, sha, sorted(checked.findings, key=Diagnostic.sort_key),
                         overridden=dict(assume or {}))


def _blame_assume(errors: list, text: str, path: str, assume) -> list:
    """The errors of a rule file checked under ``--assume`` readings: where the file checks without them, the
    readings are what the rules refuse (`--assume payment_term="0 days"`: a zero period where the assumption is
    used) — said first, naming each reading, so that nobody edits a sound rule file (a fuzzer)."""
    if not assume:
        return errors
    from .lang.checker import check
    from .lang.parser import parse

    try:
        _, without = check(parse(text, path))
    except QiyueError:
        return errors
    if without:
        return errors
    return [diag("assumption_value_refused", readings="; ".join(f"{k}={v}" for k, v in assume.items()),
                 problem=errors[0].as_msg(), hint="hint:assumption_value_refused"), *errors]


def _check_assume(assume) -> None:
    """``assume`` is None or a mapping of names to values written as text."""
    if assume is not None and not (isinstance(assume, Mapping)
                                   and all(isinstance(k, str) and isinstance(v, str) for k, v in assume.items())):
        given = type(assume).__name__ if not isinstance(assume, Mapping) else \
            next(f"{type(k).__name__}: {type(v).__name__}" for k, v in assume.items()
                 if not (isinstance(k, str) and isinstance(v, str)))
        raise QiyueError([diag("bad_input", what="assume", given=given, accepted=word("input.assume"))])


def override_assumptions(rf, assume: Mapping[str, str]):
    """Replace assumptions by values given as rule text (`--assume grace_period="45 days"`)."""
    by_name = {p.name: p for p in rf.params if p.is_assumption}
    by_form = {_nfc(n): p for n, p in by_name.items()}  # (as Unicode reads it: fuzz round 35)
    errors = []
    for name, value in assume.items():
        p = by_name.get(name) or by_form.get(_nfc(name))
        if p is None:
            errors.append(diag("unknown_assumption", name=name, expected=sorted(by_name),
                               did_you_mean=suggest(name, by_name)))
            continue
        name = p.name
        if p.choices and not value.strip().startswith('"'):  # a reading written bare: per day
            value = _reading_of(p, value.strip())  # (the reading in another Unicode form: that reading)
            if value not in p.choices:
                errors.append(diag("assumption_choice", None, name=name, value=value.strip(), expected=list(p.choices),
                                   did_you_mean=suggest(value.strip(), p.choices), hint="hint:assumption_choice"))
                continue
            value = json.dumps(value.strip(), ensure_ascii=False)
        try:
            from .lang.parser import parse

            given = parse(f'contract "X" {{ }}\n{_ASSUME_PREFIX}{value}\n', f"--assume {name}")
            if "\n" in value.strip() or "\r" in value.strip() or len(given.params) != 1 or any(
                    getattr(given, f.name) for f in dataclasses.fields(given)
                    if f.name not in ("path", "text", "contract", "params")):
                # (text after the value — a clause, a second line — was dropped without a word)
                raise QiyueError([diag("syntax_error", None, found=repr(value), token=value)])
            expr = _on_its_own_line(given.params[0].expr, f"--assume {name}")
        except QiyueError as exc:
            errors.append(diag("bad_assumption_value", name=name, value=value, problem=exc.diagnostics[0].as_msg(),
                               hint="hint:assumption_value"))
            continue
        if isinstance(p.expr, m.DurationValue) and not isinstance(expr, m.DurationValue):
            from .lang.checker import _numeral_length

            meant = _numeral_length(value.strip().replace(" ", ""))
            if meant is not None:  # (`付款期限=十五个工作日`: the unit was written, the number in Chinese numerals —
                # told "write its unit", in the engine's own spelling: user round 22)
                errors.append(diag("bad_assumption_value", name=name, value=value, hint="hint:assumption_value",
                                   problem=Msg("hint:numeral_length", {"meant": meant, "name": value.strip()})))
                continue
            d = p.expr.duration  # (what it was, in the reader's words: 10 个工作日 / 10 working days)
            was = Msg("word:length", {"amount": d.amount, "unit": Msg(f"word:unit.{d.unit.value}", {})}) \
                if d.unit is not None and f"word:unit.{d.unit.value}" in CATALOGUE else f"{d.amount} {d.unit}"
            errors.append(diag("bad_assumption_value.period", name=name, value=value, was=was,
                               hint="hint:assumption_value"))
            continue
        if p.choices and isinstance(expr, m.Literal) and isinstance(expr.value, str):  # (quoted: the same)
            expr = dataclasses.replace(expr, value=_reading_of(p, expr.value))
        p.expr = expr
        p.overridden = value
    if errors:
        raise QiyueError(errors)


def _reading_of(p: m.Param, text: str) -> str:
    """The reading of ``p`` that ``text`` is as Unicode reads it (NFC: 现金 with U+F90A is 现金 — fuzz round 35), or
    ``text`` as it is."""
    if text in p.choices:
        return text
    return next((c for c in p.choices if _nfc(c) == _nfc(text)), text)


_ASSUME_PREFIX = "param value = "  # (an --assume value is parsed on the second line of a rule text, after this)


def _on_its_own_line(node, file: str, seen=None):
    """``node`` (an --assume value parsed inside a rule text of two lines) with each span of ``file`` placed in the
    value as it was written: line 1, its columns counted from the value's first character — an error the rules
    then find in it (`--assume service_start="first(nosuch)"`) names `--assume service_start:1:7`, not the
    wrapper's `:2:21`, a line the value never had."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        return node
    seen.add(id(node))
    if isinstance(node, (list, tuple)):
        for x in node:
            _on_its_own_line(x, file, seen)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            v = getattr(node, f.name)
            if isinstance(v, m.Span):
                if v.file == file and v.line == 2:
                    shift = len(_ASSUME_PREFIX)
                    object.__setattr__(node, f.name, m.Span(file, 1, max(1, v.column - shift), 1 if v.end_line == 2
                                                            else v.end_line, max(1, v.end_column - shift)))
            else:
                _on_its_own_line(v, file, seen)
    return node


def make_calendar(rf, base_dir: Path) -> Calendar:
    c = rf.contract
    files = [(Path(base_dir) / f, span) for f, span in (c.calendar_files if c else [])]
    fallback = c.calendar_fallback if c else None
    if fallback not in (None, "weekdays", *UNDETERMINED):
        raise QiyueError([diag("bad_calendar", c.calendar_fallback_span or c.span, name=fallback,
                               expected=["weekdays", "undetermined"])])
    try:  # (`undetermined` is the evaluation's choice, not the calendar's: its calendar still knows no more years)
        return Calendar([f for f, _ in files], fallback="weekdays" if fallback == "weekdays" else None)
    except CalendarFileError as exc:
        named = [s for f, s in files if str(f) == str(exc.path) or Path(exc.path) == f or _same_file(f, exc.path)]
        # (a file named twice: at its second mention, where the header repeats it)
        span = (named[-1] if exc.msg_key.endswith(".named_twice") else named[0]) if named else None
        hint, more = "hint:calendar_file", {}
        if exc.msg_key.endswith(".missing") and c is not None:  # (`calendar file "calendars/2027.toml"` in rules/: the
            # path is read from the rule file's folder — said, with the path that finds the file if one does: user
            # round 22)
            written = next((f for f, _ in c.calendar_files if str(Path(base_dir) / f) == str(exc.path)), None)
            found = _found_above(Path(base_dir), written) if written else None
            hint, more = ("hint:calendar_relative_found", {"base": str(base_dir), "path": found}) if found else \
                ("hint:calendar_relative", {"base": str(base_dir)})
        raise QiyueError([diag("bad_calendar_file", span, detail=Msg(exc.msg_key, exc.msg_args),
                               hint=hint, **more)]) from None


def _found_above(base: Path, written: str) -> str | None:
    """``written`` found from a folder above ``base`` (the rule file's), as a path from ``base`` (../calendars/…)."""
    import os

    try:
        for up in base.resolve().parents:
            if (up / written).is_file():
                return Path(os.path.relpath(up / written, base.resolve())).as_posix()
    except (OSError, RuntimeError, ValueError):
        return None
    return None


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError):
        return False


def read_text(path: str | Path, what: str = "file") -> str:
    """A file's text, or a QiyueError saying why it cannot be read."""
    return read_text_and_encoding(path, what)[0]


# A rule file larger than this is refused unread: it cannot hold a text parse() takes (at most
# parser.MAX_RULE_CHARS characters; no encoding read takes more than 4 bytes a character).
MAX_RULE_FILE_BYTES = 24 * 2 ** 20
assert MAX_RULE_FILE_BYTES >= 4 * MAX_RULE_CHARS + 4


def read_text_and_encoding(path: str | Path, what: str = "file") -> tuple[str, str]:
    """A file's text and the encoding it was saved in (textfile.decode), or a QiyueError."""
    if not isinstance(path, (str, Path)):
        raise QiyueError([diag("bad_input", what="path", given=type(path).__name__, accepted=word("input.path"))])
    if str(path) == "":  # (Path("") is the current folder: "这是一个文件夹" would name no folder the user gave)
        raise QiyueError([diag("unreadable_file", what=word(f"file.{what}"), path="",
                               reason=Msg("word:os.empty_name", {}))])
    try:
        p = Path(path)
        if p.exists() and not p.is_file() and not p.is_dir():  # /dev/zero, a pipe: never read (it may not end)
            raise QiyueError([diag("unreadable_file", what=word(f"file.{what}"), path=str(path),
                                   reason=Msg("word:os.not_regular", {}),
                                   hint="hint:facts_from_stdin" if what == "facts" else None)])
        if p.exists() and what == "rule file" and p.stat().st_size > MAX_RULE_FILE_BYTES:
            raise QiyueError([diag("unreadable_file", what=word(f"file.{what}"), path=str(path),
                                   reason=Msg("word:os.too_large", {"limit": MAX_RULE_FILE_BYTES // 2 ** 20}),
                                   hint="hint:too_large")])
        raw = p.read_bytes()
    except ValueError as exc:  # a lone surrogate or a NUL in the name: no file can have it
        reason = exc.reason if isinstance(exc, UnicodeEncodeError) else str(exc)
        raise QiyueError([diag("unreadable_file", what=word(f"file.{what}"), path=ascii(str(path))[1:-1],
                               reason=Msg("word:os.other", {"reason": reason}))]) from None
    except OSError as exc:
        raise QiyueError([diag("unreadable_file", what=word(f"file.{what}"), path=str(path),
                               reason=_os_reason(exc))]) from None
    return decoded(raw, str(path), what)


def decoded(raw: bytes, path: str, what: str = "file") -> tuple[str, str]:
    """Bytes read from ``path`` (a file, standard input) as text and the encoding they were in (textfile.decode),
    or a QiyueError naming the line and column of the first byte that is not text."""
    try:
        return decode(raw)
    except UndecodableText as exc:
        if what == "rule file" and exc.byte == 0 and raw.count(0) * 20 < len(raw):  # (a stray NUL in a UTF-8 rule
            # file — a paste, an editor's slip — is no other encoding: read as UTF-8, the parser names the invisible
            # character at its line and column and says to delete it, as compile_rules does — fuzz round 43; UTF-16
            # without its mark has a NUL in every other byte)
            try:
                return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"), "UTF-8"
            except UnicodeDecodeError:
                pass
        raise QiyueError([undecodable(exc, path, exc.line, what)]) from None


def undecodable(exc: UndecodableText, path: str, line: int, what: str) -> Diagnostic:
    """The error of bytes that are not text, at ``line`` (of the file, or of a stream read line by line)."""
    args = {"line": line, "column": exc.column, "byte": exc.byte}
    if exc.readings is not None:  # (valid both ways: GBK Chinese that is also UTF-8 of other scripts)
        reason = Msg("word:undecodable_ambiguous", {**args, "utf8": exc.readings[0], "gb18030": exc.readings[1]})
        return diag("unreadable_file", Span(path, line, exc.column, line, exc.column + 1), what=word(f"file.{what}"),
                    path=path, reason=reason, expected=["UTF-8 + BOM", "UTF-8", "GB18030/GBK"],
                    hint="hint:save_utf8_bom")
    reason = Msg("word:undecodable", args) if exc.utf8_line is None else \
        Msg("word:undecodable_mixed", {**args, "utf8_line": exc.utf8_line})
    return diag("unreadable_file", Span(path, line, exc.column, line, exc.column + 1), what=word(f"file.{what}"),
                path=path, reason=reason, expected=["UTF-8", "UTF-16 with its byte-order mark", "GB18030/GBK"],
                hint="hint:save_utf8")


def _os_reason(exc: OSError, writing: bool = False) -> Msg:
    """Why the system could not read (``writing``: write) a file, in words — Chinese for the usual causes,
    the system's own English kept for --lang en."""
    import errno

    kind = {errno.ENOENT: "missing", errno.EACCES: "denied", errno.EPERM: "denied",
            errno.EISDIR: "directory", errno.ENOTDIR: "not_directory", errno.ENOSPC: "no_space",
            errno.EDQUOT: "no_space", errno.EIO: "io", errno.ENAMETOOLONG: "name_too_long",
            errno.EROFS: "read_only", errno.ELOOP: "loop", errno.EFBIG: "too_big", errno.EBUSY: "busy",
            errno.ENXIO: "no_device", errno.ENODEV: "no_device", errno.EINVAL: "invalid"}.get(exc.errno, "other")
    if kind == "denied" and writing:
        kind = "denied_write"
    return Msg(f"word:os.{kind}", {"reason": exc.strerror or str(exc)})


def compile_file(path: str | Path, assume: Mapping[str, str] | None = None) -> CompiledRules:
    text, encoding = read_text_and_encoding(path, "rule file")
    compiled = compile_rules(text, str(path), assume=assume)
    compiled.encoding = encoding
    return compiled
