"""`qiyue eval --format json` writes the report row by row (cli.write_json over report.parts): the bytes
are exactly those of the whole report encoded at once (json_bytes(build(...)) + newline) — compact and
--pretty, one instant and several, every scenario of facts/ and a generated stream, and a report that
orjson refuses (a lone surrogate: the whole of it in ASCII, as json_bytes writes it)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from engine import cli
from engine.api import compile_file
from engine.report.build import ROWS, build, parts

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "gzmz-2025-it-ops.qy"
INSTANTS = ["2025-12-31T00:00:00+08:00", "2026-08-31T00:00:00+08:00"]


def _cases():
    out = [(SEED, p) for p in sorted((ROOT / "facts").glob("*.jsonl"))]
    for p in sorted((ROOT / "facts" / "examples").glob("*.jsonl")):
        for r in sorted((ROOT / "rules" / "examples").glob("*.qy")):
            if r.stem.split("-")[0] == p.stem.split("-")[0]:
                out.append((r, p))
    return out


_COMPILED: dict = {}


def _compiled(rules: Path):
    if rules not in _COMPILED:
        _COMPILED[rules] = compile_file(rules)
    return _COMPILED[rules]


def _run(argv, tmp_path) -> tuple[bytes, int]:
    out = tmp_path / "out.json"
    code = cli.main(argv + ["-o", str(out)])
    return out.read_bytes(), code


def _whole(compiled, lines, name, at, lang="zh", pretty=False) -> bytes:
    report = compiled.evaluate(lines, at, name, "utf-8", lang=lang)
    return cli.json_bytes(report, pretty) + b"\n"


def _streamed(compiled, lines, name, at, lang="zh", pretty=False, target=None) -> bytes:
    ev = compiled.run(compiled.load_facts(lines, name), at)
    target = io.BytesIO() if target is None else target
    cli.write_json(lambda: compiled._described(parts(ev, compiled.sha256, compiled.findings, lang, bounded=True),
                                               name, "utf-8"), target, pretty)
    target.write(b"\n")
    return target.getvalue()


@pytest.mark.parametrize("rules,facts", _cases(), ids=lambda p: p.name)
def test_every_scenario_streams_the_same_bytes(rules, facts):
    compiled = _compiled(rules)
    lines = facts.read_text(encoding="utf-8").splitlines()
    for at in INSTANTS:
        for pretty in (False, True):
            for lang in ("zh", "en"):
                assert _streamed(compiled, lines, str(facts), at, lang, pretty) == \
                    _whole(compiled, lines, str(facts), at, lang, pretty)


def test_build_is_parts_collected():
    compiled = _compiled(SEED)
    lines = (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
    ev = compiled.run(compiled.load_facts(lines, "f"), INSTANTS[1])
    whole = build(ev, compiled.sha256, compiled.findings, "zh")
    lazy = parts(ev, compiled.sha256, compiled.findings, "zh", bounded=True)
    assert list(lazy) == list(whole)
    for key in ROWS:
        assert json.dumps(list(lazy[key]), ensure_ascii=False, default=str) == \
            json.dumps(whole[key], ensure_ascii=False, default=str)


def _generated(mix: str, n: int) -> list[str]:
    """A stream of many incidents and notices (the kind whose report grows with the facts)."""
    import sys
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import mixes
    finally:
        sys.path.pop(0)
    return mixes.generate(mixes.MIXES[mix], n, 20250627)


def test_a_small_encoder_memo_changes_no_byte(monkeypatch):
    """The encoder lets go of what rows shared every so many (bounded): the words are the same."""
    from engine.report.explain import Encoder

    compiled = _compiled(SEED)
    lines = (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
    trim = Encoder.trim
    monkeypatch.setattr(Encoder, "trim", lambda self, most=3: trim(self, 3))
    for pretty in (False, True):
        assert _streamed(compiled, lines, "f", INSTANTS[1], "zh", pretty) == \
            _whole(compiled, lines, "f", INSTANTS[1], "zh", pretty)


def test_cli_one_and_many_instants(tmp_path):
    from engine.api import read_text_and_encoding

    facts = ROOT / "facts" / "full-year.jsonl"
    compiled = _compiled(SEED)
    lines = facts.read_text(encoding="utf-8").splitlines()
    encoding = read_text_and_encoding(str(facts))[1]
    for pretty in ([], ["--pretty"]):
        got, code = _run(["eval", str(SEED), "--facts", str(facts), "--as-of", INSTANTS[0], "--format", "json",
                          *pretty], tmp_path)
        report = compiled.evaluate(lines, INSTANTS[0], str(facts), encoding)
        assert got == cli.json_bytes(report, bool(pretty)) + b"\n"
        got, code = _run(["eval", str(SEED), "--facts", str(facts), "--as-of", ",".join(INSTANTS + INSTANTS[:1]),
                          "--format", "json", *pretty], tmp_path)
        want = cli.json_bytes({r["as_of"]: r for r in compiled.evaluate_many(lines, INSTANTS, str(facts), encoding)},
                              bool(pretty)) + b"\n"
        assert got == want


def _edited(compiled, ev, key: str, edit):
    """What makes the report of ``ev`` with the rows of ``key`` passed through ``edit``, and that report whole."""
    def make():
        report = compiled._described(parts(ev, compiled.sha256, compiled.findings, "zh"), "f", None)
        report[key] = (edit(n, row) for n, row in enumerate(report[key]))
        return report
    whole = make()
    for k in ROWS:
        whole[k] = list(whole[k])
    return make, whole


def test_lone_surrogate_in_the_head_and_in_a_row():
    """A report orjson refuses is written whole in ASCII, as json_bytes writes it — the refusal in what
    is not a row (a file name), or in a row (before anything is written; or after megabytes are: the
    report again from its start)."""
    compiled = _compiled(SEED)
    lines = (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
    name = "facts-\udc80.jsonl"
    for pretty in (False, True):
        assert _streamed(compiled, lines, name, INSTANTS[1], "zh", pretty) == \
            _whole(compiled, lines, name, INSTANTS[1], "zh", pretty)
    for lines, late in ((lines, 5), (_generated("one-incident", 6000), 5000)):
        ev = compiled.run(compiled.load_facts(lines, "f"), INSTANTS[1])
        make, whole = _edited(compiled, ev, "obligations",
                              lambda n, row: dict(row, label="\ud800") if n == late else row)
        for pretty in (False, True):
            target = io.BytesIO()
            target.write(b"before")
            cli.write_json(make, target, pretty)
            assert target.getvalue() == b"before" + cli.json_bytes(whole, pretty)
            assert b"\\ud800" in target.getvalue() and b"\\u" in target.getvalue()[:2000]


def test_non_str_keys_in_a_row():
    compiled = _compiled(SEED)
    lines = (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
    ev = compiled.run(compiled.load_facts(lines, "f"), INSTANTS[1])
    make, whole = _edited(compiled, ev, "events", lambda n, row: {**row, "odd": {1: "x"}})
    for pretty in (False, True):
        target = io.BytesIO()
        cli.write_json(make, target, pretty)
        assert target.getvalue() == cli.json_bytes(whole, pretty)


@pytest.mark.parametrize("pretty", [False, True])
@pytest.mark.parametrize("mix", ["one-incident", "leak-fm", "realistic"])
def test_a_generated_stream(mix, pretty):
    compiled = _compiled(SEED)
    lines = _generated(mix, 3000)
    for at in INSTANTS:
        assert _streamed(compiled, lines, "g.jsonl", at, "zh", pretty) == \
            _whole(compiled, lines, "g.jsonl", at, "zh", pretty)


def test_the_command_itself(tmp_path):
    """In a process of its own (rows dropped as written: an id the encoder keyed words by, freed and
    taken by another object, once gave a row another step's words)."""
    import subprocess
    import sys

    from engine.api import read_text_and_encoding

    compiled = _compiled(SEED)
    for stream in ("full-year", "data-leak", "force-majeure"):
        facts = ROOT / "facts" / f"{stream}.jsonl"
        text, encoding = read_text_and_encoding(str(facts))
        for pretty in ([], ["--pretty"]):
            got = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(SEED), "--facts", str(facts),
                                  "--as-of", INSTANTS[1], "--format", "json", *pretty],
                                 capture_output=True, cwd=ROOT).stdout
            want = cli.json_bytes(compiled.evaluate(text.splitlines(), INSTANTS[1], str(facts), encoding),
                                  bool(pretty)) + b"\n"
            assert got == want, stream
