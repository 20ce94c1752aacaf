"""Check the examples in docs/language.md against the grammar, the checker and the seed rules.

    python bench/doc_examples.py [docs/language.md]

Every fenced block whose info string starts with ``qy`` is an example:

  ```qy            must parse; a snippet that is not a whole file is wrapped in a minimal
                   ``contract "X" { }`` header, then a clause, then an obligation, then a
                   ``param x = …`` (the first wrapping that parses is reported);
  ```qy file       a whole rule file: must parse AND check (compile_rules) without errors;
  ```qy seed       must parse (wrapped as above) AND appear in rules/gzmz-2025-it-ops.qy
                   word for word (whitespace aside), so quotations of the seed stay true;
  ```qy bad        must be rejected (by the parser or the checker); the error is printed.

Also checks that the keyword table of the document lists exactly the grammar's keyword
terminals with their English and Chinese spellings.  Prints one line per example and a
summary; exit code 1 if any example does not behave as marked.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.api import compile_rules  # noqa: E402
from engine.diagnostics import QiyueError  # noqa: E402
from engine.lang.parser import parse  # noqa: E402

HEADER = 'contract "X" { }\n'
WRAPPERS = [
    ("as is", "@S@"),
    ("header", HEADER + "@S@\n"),
    ("header + clause", HEADER + 'clause "X" {\n@S@\n}\n'),
    ("header + clause + obligation", HEADER + 'clause "X" {\nobligation x {\n@S@\n}\n}\n'),
    ("header + clause + remedy", HEADER + 'clause "X" {\nremedy x {\n@S@\n}\n}\n'),
    ("header + clause + deemed", HEADER + 'clause "X" {\ndeemed x {\n@S@\n}\n}\n'),
    ("header + param x = …", HEADER + "param x = @S@\n"),
]
FENCE = re.compile(r"^```(qy[^\n]*)\n(.*?)^```", re.M | re.S)


def _first_error(exc: QiyueError) -> str:
    d = exc.diagnostics[0]
    where = f"{d.span.line}:{d.span.column}" if d.span else "?"
    return f"{d.code} at {where}: {d.message}"


def try_parse(snippet: str) -> tuple[str | None, str]:
    last = ""
    for label, template in WRAPPERS:
        text = template.replace("@S@", snippet)
        try:
            parse(text, "example.qy")
            return label, text
        except QiyueError as exc:
            if label == "as is":
                last = _first_error(exc)
    return None, last


def squash(text: str) -> str:
    return " ".join(text.split())


def keyword_table_problems(doc: str) -> list[str]:
    grammar = (ROOT / "grammar" / "qiyue.lark").read_text(encoding="utf-8")
    want: dict[str, tuple[set, set]] = {}
    for name, alts in re.findall(r"^([A-Z_]+)\.\d+: /\((.*)\)\\b/", grammar, re.M):
        forms = []
        for a in alts.split("|"):
            a = re.sub(r"\[[^\]]*\]\*", "", a.replace("\\s+", " "))  # (`个[ \t　]*月`: written 个月)
            forms += [a[:-2], a[:-1]] if a.endswith("s?") else [a]
        want[name] = ({f for f in forms if re.match(r"[a-z]", f)}, {f for f in forms if not re.match(r"[a-z]", f)})
    got: dict[str, tuple[set, set]] = {}
    for line in doc.splitlines():
        m = re.match(r"^\|\s*`([A-Z_]+)`\s*\|([^|]*)\|([^|]*)\|", line)
        if m:
            en = set(re.findall(r"`([^`]+)`", m.group(2)))
            zh = set(re.findall(r"`([^`]+)`", m.group(3)))
            got[m.group(1)] = (en, zh)
    problems = []
    for name in sorted(set(want) | set(got)):
        if name not in got:
            problems.append(f"keyword table lacks {name} {want[name]}")
        elif name not in want:
            problems.append(f"keyword table lists {name}, which the grammar does not have")
        elif got[name] != want[name]:
            problems.append(f"keyword table: {name} is {got[name]}, the grammar says {want[name]}")
    return problems


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    doc_path = Path(argv[0]) if argv else ROOT / "docs" / "language.md"
    doc = doc_path.read_text(encoding="utf-8")
    seed = squash((ROOT / "rules" / "gzmz-2025-it-ops.qy").read_text(encoding="utf-8"))
    failures = 0
    blocks = [(doc[: m.start()].count("\n") + 1, m.group(1).split(), m.group(2)) for m in FENCE.finditer(doc)]
    for line, info, body in blocks:
        kind = info[1] if len(info) > 1 else "snippet"
        ok, note = True, ""
        if kind == "bad":
            wrapped, text = try_parse(body)
            if wrapped is None:
                note = f"rejected by the parser as it should be ({text})"
            else:
                try:
                    compile_rules(text, "example.qy")
                    ok, note = False, f"accepted ({wrapped}) but marked bad"
                except QiyueError as exc:
                    note = f"rejected by the checker as it should be ({_first_error(exc)})"
        elif kind == "file":
            try:
                compile_rules(body, "example.qy")
                note = "parses and checks"
            except QiyueError as exc:
                ok, note = False, _first_error(exc)
        else:
            wrapped, err = try_parse(body)
            if wrapped is None:
                ok, note = False, f"does not parse: {err}"
            else:
                note = f"parses ({wrapped})"
            if kind == "seed" and squash(body) not in seed:
                ok, note = False, note + "; NOT found word for word in rules/gzmz-2025-it-ops.qy"
            elif kind == "seed":
                note += "; found in the seed rules"
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {doc_path.name}:{line:<5} [{kind}] {note}")
    problems = keyword_table_problems(doc)
    for p in problems:
        print("FAIL", p)
    failures += len(problems)
    print(f"{len(blocks)} examples, keyword table {'matches the grammar' if not problems else 'differs'}; "
          f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
