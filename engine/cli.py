"""The ``qiyue`` command: ``check`` a rule file, ``eval`` it against a fact stream.

Exit codes: 0 the command ran (violations are results), 1 the rules or facts are
invalid (the message says where and why), 2 wrong usage.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from .diagnostics import QiyueError, render_text
from .messages import render
from .timecalc import CONTRACT_TZ


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="qiyue", description="契约 qiyue: check and evaluate contract rules.",
        epilog="exit codes: 0 the command ran (violations are results, not failures); 1 the rule file or the "
               "facts are invalid; 2 wrong usage; 3 `eval --strict` or `--fail-on` and some verdict is one the "
               "caller asked to fail on.")
    from . import __version__
    ap.add_argument("--version", action="version", version=f"qiyue {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="check a rule file and list its findings")
    c.add_argument("rules", nargs="+", help="rule file(s) (.qy)")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="the language of the messages: Chinese (default) or English")
    e = sub.add_parser("eval", help="evaluate a rule file against a fact stream")
    e.add_argument("rules", help="rule file (.qy)")
    e.add_argument("--facts", required=True, help="facts as JSON Lines ('-' for standard input)")
    e.add_argument("--as-of", dest="as_of", default=None,
                   help="the moment to report on (ISO-8601; a bare date is 00:00 that day); default: now")
    e.add_argument("--format", choices=("text", "json", "html"), default="text",
                   help="text: a timeline clause by clause; json: the report; html: one self-contained page")
    e.add_argument("-o", "--output", default=None, help="write to this file instead of standard output")
    e.add_argument("--inactive", action="store_true",
                   help="text: list each obligation not yet triggered with the conditions it waits for "
                        "(by default they are folded into one line per clause)")
    e.add_argument("--lang", choices=("zh", "en"), default="zh",
                   help="the text report's language: Chinese (default) or English")
    e.add_argument("--strict", action="store_true",
                   help="exit 3 when some verdict is undetermined (a year no calendar knows, or a fact given by "
                        "its day alone where the hour matters), for automated use")
    e.add_argument("--assume", action="append", default=[], type=_assumption, metavar="NAME=VALUE",
                   help="replace an assumption of the rule file for a what-if, e.g. payment_term='45 days' "
                        "(the report says it was overridden); may be repeated")
    e.add_argument("--fail-on", dest="fail_on", default=None, type=_statuses, metavar="STATUS[,STATUS]",
                   help="exit 3 when some obligation has one of these statuses (e.g. violated,undetermined)")
    return ap


def _assumption(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise argparse.ArgumentTypeError(f"{text!r}: write NAME=VALUE, e.g. payment_term='45 days'")
    return name.strip(), value.strip()


_STATUSES = ("active", "suspended", "fulfilled", "violated", "excused", "discharged", "undetermined")


def _statuses(text: str) -> frozenset:
    got = frozenset(t.strip() for t in text.split(",") if t.strip())
    wrong = sorted(got - set(_STATUSES))
    if wrong or not got:
        raise argparse.ArgumentTypeError(f"unknown status {', '.join(wrong) or '(none)'}; choose from "
                                         f"{', '.join(_STATUSES)}")
    return got


def _safe_output():
    """Whatever a report quotes, writing it never fails: a character the stream cannot encode (a lone
    surrogate from a fact's JSON "\\ud800", Chinese on a console that has no code page for it) is
    written as its escape (\\ud800), never a UnicodeEncodeError after the work is done."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):  # not a text stream we may reconfigure: leave it
            pass


def main(argv: list[str] | None = None) -> int:
    _safe_output()
    args = _parser().parse_args(argv)
    sources: dict[str, str] = {}
    try:
        if args.command == "check":
            return _check(args, sources)
        return _eval(args, sources)
    except QiyueError as exc:
        _fail(exc, args.format, sources, args.lang)
        return 1
    except BrokenPipeError:  # the reader went away (`qiyue eval … | head`): not an error of ours
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _load(path: str, sources, assume=None):
    from .api import compile_rules, read_text_and_encoding

    sources[path], encoding = read_text_and_encoding(path, "rule file")  # kept to show an error's lines
    compiled = compile_rules(sources[path], path, assume=dict(assume or ()))
    compiled.encoding = encoding
    return compiled


def _check(args, sources) -> int:
    lang = args.lang
    if len(args.rules) == 1:  # one file: its findings, or its errors (exit 1) through main
        return _check_one(args.rules[0], args.format, sources, lang)
    failed, results = False, []
    for path in args.rules:  # several: each file checked, all of them reported, exit 1 if any is invalid
        try:
            if args.format == "json":
                compiled = _load(path, sources)
                results.append({"file": path, "findings": [d.as_json(lang) for d in compiled.findings]})
            else:
                _check_one(path, args.format, sources, lang)
        except QiyueError as exc:
            failed = True
            if args.format == "json":
                results.append({"file": path, "errors": [d.as_json(lang) for d in exc.diagnostics]})
            else:
                _fail(exc, args.format, sources, lang)
    if args.format == "json":
        print(json.dumps({"files": results}, ensure_ascii=False, indent=2))
    return 1 if failed else 0


def _check_one(path: str, fmt: str, sources, lang: str = "zh") -> int:
    compiled = _load(path, sources)
    if fmt == "json":
        print(json.dumps({"findings": [d.as_json(lang) for d in compiled.findings]}, ensure_ascii=False, indent=2))
    else:
        if compiled.findings:
            print(render_text(compiled.findings, sources, lang))
        rules = compiled.checked.rules
        print(render("word:check.ok", {"path": path, "obligations": len(rules.obligations),
                                       "remedies": len(rules.remedies), "deemed": len(rules.deemed),
                                       "findings": len(compiled.findings)}, lang))
    return 0


def _eval(args, sources) -> int:
    from .api import parse_as_of

    compiled = _load(args.rules, sources, args.assume)
    as_of = parse_as_of(args.as_of) if args.as_of is not None else datetime.now(CONTRACT_TZ).replace(microsecond=0)
    from .facts import split_lines  # fact text is split on "\n" only: U+2028 in a JSON string is no line end

    if args.facts == "-":
        lines, name, encoding = split_lines(sys.stdin.read()), "<stdin>", None
    else:
        from .api import read_text_and_encoding

        text, encoding = read_text_and_encoding(args.facts, "facts")
        lines, name = split_lines(text), args.facts
    report = compiled.evaluate(lines, as_of, name, encoding, lang=args.lang)
    if args.format == "json":
        out = json.dumps(report, ensure_ascii=False, indent=2)
    elif args.format == "html":
        from .html import render_html

        out = render_html(report)
    else:
        from .report import render

        out = render(report, args.lang, inactive=args.inactive)
    if args.output:
        Path(args.output).write_text(out + "\n", encoding="utf-8", errors="backslashreplace")
    else:
        print(out)
    fail_on = set(args.fail_on or ()) | ({"undetermined"} if args.strict else set())
    hit = sorted({o["status"] for o in report["obligations"]} & fail_on)
    if hit:
        from .messages import render as words

        key = "word:fail_on.undetermined" if "undetermined" in hit else "word:fail_on"
        print("qiyue: " + words(key, {"hit": ", ".join(hit), "asked": ", ".join(sorted(fail_on))}, args.lang),
              file=sys.stderr)
        return 3
    return 0


def _fail(exc: QiyueError, fmt: str, sources: dict[str, str], lang: str = "zh"):
    """Bad input: its diagnostics, as JSON on standard output or as text on standard error, in ``lang``."""
    if fmt == "json":
        print(json.dumps({"errors": [d.as_json(lang) for d in exc.diagnostics]}, ensure_ascii=False, indent=2))
    else:
        print(render_text(exc.diagnostics, sources, lang), file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
