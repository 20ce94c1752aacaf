"""Checked rule files kept on disk (engine/rulecache.py): read back only when nothing they depend on
changed, never wrong, never in the way."""
import os
from pathlib import Path

import pytest

from engine import api, rulecache
from engine.diagnostics import QiyueError
from engine.lang import parser

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "gzmz-2025-it-ops.qy"
FACTS = (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
AS_OF = "2026-08-31T00:00:00+08:00"
TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("QIYUE_CACHE_DIR", str(d))
    return d


def compiled(assume=None, path=str(SEED)):
    return api.compile_rules(TEXT, path, base_dir=SEED.parent, assume=assume)


def parse_refused(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("parsed although an entry was kept")
    monkeypatch.setattr(parser, "parse", boom)  # (compile_rules takes it from the parser when it parses)


def test_second_compile_reads_the_entry_and_reports_the_same(cache, monkeypatch):
    first = compiled()
    assert len(list(cache.glob("*.pickle"))) == 1
    parse_refused(monkeypatch)
    second = compiled()
    a, b = first.evaluate(FACTS, AS_OF), second.evaluate(FACTS, AS_OF)
    assert a == b
    assert [d.code for d in first.findings] == [d.code for d in second.findings]


def test_a_kept_file_is_compiled_without_loading_the_parser(cache):
    """A command on an unchanged rule file reads it back checked: lark and the parser are not even imported
    (~40 ms of every command's start), the typed report's models neither, until asked for."""
    import subprocess
    import sys

    code = ("import sys\nfrom engine import api\n"
            f"api.compile_rules(open({str(SEED)!r}, encoding='utf-8').read(), {str(SEED)!r})\n"
            "print(sorted(m for m in ('lark', 'engine.lang.parser', 'engine.results') if m in sys.modules))")
    env = dict(os.environ, QIYUE_CACHE_DIR=str(cache))
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)
    assert first.stdout.strip() == "['engine.lang.parser', 'lark']", first.stderr
    assert again.stdout.strip() == "[]", again.stderr


def test_off_means_parsed_every_time(tmp_path, monkeypatch):
    for off in ("off", "0", ""):
        monkeypatch.setenv("QIYUE_CACHE_DIR", off)
        assert rulecache.cache_dir() is None
        compiled()
    assert not list(tmp_path.iterdir())


def test_another_reading_or_path_is_another_entry(cache, monkeypatch):
    compiled()
    compiled(assume={"termination_effective": "on delivery of the notice"})
    compiled(path="elsewhere.qy")
    assert len(list(cache.glob("*.pickle"))) == 3
    assert rulecache.key(TEXT, "a", None) != rulecache.key(TEXT, "b", None)
    assert rulecache.key(TEXT, "a", None) != rulecache.key(TEXT + " ", "a", None)


def test_an_edited_engine_never_reads_an_old_entry(cache, monkeypatch):
    compiled()
    old = rulecache.key(TEXT, str(SEED), None)
    monkeypatch.setattr(rulecache, "engine_stamp", lambda: "another engine")
    assert rulecache.key(TEXT, str(SEED), None) != old
    assert rulecache.load(rulecache.key(TEXT, str(SEED), None)) is None


def test_a_damaged_entry_is_recomputed(cache):
    compiled()
    (entry,) = cache.glob("*.pickle")
    for damage in (b"", b"not a pickle", entry.read_bytes()[:1000]):
        entry.write_bytes(damage)
        rules = compiled()  # no error: parsed again, and the entry written again
        assert rules.evaluate(FACTS, AS_OF) == api.compile_rules(TEXT, str(SEED)).evaluate(FACTS, AS_OF)
        assert entry.stat().st_size > 1000


def test_errors_are_found_again_every_time(cache):
    bad = TEXT.replace("obligation", "obligaton", 1)
    for _ in range(2):
        with pytest.raises(QiyueError) as exc:
            api.compile_rules(bad, "bad.qy")
        assert exc.value.diagnostics[0].span is not None
    assert not list(cache.glob("*.pickle"))


def test_least_recently_used_entries_are_removed(cache, monkeypatch):
    monkeypatch.setattr(rulecache, "MAX_ENTRIES", 2)
    for i in range(4):
        compiled(path=f"copy{i}.qy")
    assert len(list(cache.glob("*.pickle"))) == 2


def test_a_directory_that_cannot_be_written_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("QIYUE_CACHE_DIR", str(blocker / "cache"))
    assert compiled().evaluate(FACTS, AS_OF) is not None


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs to change a directory's owner")
def test_a_directory_of_another_user_is_not_used(cache):
    compiled()
    os.chown(cache, 12345, 12345)
    try:
        assert rulecache.load(rulecache.key(TEXT, str(SEED), None)) is None
    finally:
        os.chown(cache, 0, 0)


def test_a_directory_or_an_entry_others_can_write_is_never_read(cache, monkeypatch):
    """A fuzzer planted a pickle that ran a command in a world-writable cache directory (mode 1777): what is
    unpickled must come from a directory, and a file, no other user can write."""
    compiled()
    (entry,) = cache.glob("*.pickle")
    k = rulecache.key(TEXT, str(SEED), None)
    assert rulecache.load(k) is not None
    os.chmod(entry, 0o666)
    assert rulecache.load(k) is None  # (the entry writable by others)
    os.chmod(entry, 0o644)
    os.chmod(cache, 0o1777)
    try:
        assert rulecache.load(k) is None  # (the directory writable by others)
        rulecache.store("x" * 64, {"a": 1})
        assert not list(cache.glob("x*.pickle"))  # (nothing kept there either)
    finally:
        os.chmod(cache, 0o700)


def test_an_entry_of_another_type_is_recomputed(cache):
    """A readable pickle of another type (a dict) under the entry's name: a miss, not an AttributeError."""
    import pickle

    compiled()
    (entry,) = cache.glob("*.pickle")
    entry.write_bytes(pickle.dumps({"a": 1}))
    assert compiled().evaluate(FACTS, AS_OF) == api.compile_rules(TEXT, str(SEED)).evaluate(FACTS, AS_OF)


def _pairs():
    seed = [(SEED, p) for p in sorted((ROOT / "facts").glob("*.jsonl"))]
    examples = [(r, p) for p in sorted((ROOT / "facts" / "examples").glob("*.jsonl"))
                for r in sorted((ROOT / "rules" / "examples").glob("*.qy")) if r.stem.split("-")[0] == p.stem.split("-")[0]]
    return seed + examples


def test_a_kept_file_reports_exactly_as_one_parsed_afresh(tmp_path, monkeypatch):
    """Every scenario under every rule file of the repository, both languages: the report of rules read
    back from the cache is the report of rules parsed and checked afresh (an expression's type is kept by
    the expression's id, which the read-back expressions do not share: Checked pickles the expressions)."""
    import json

    fresh, kept = {}, {}
    for rules_path in {r for r, _ in _pairs()}:
        text = rules_path.read_text(encoding="utf-8")
        monkeypatch.setenv("QIYUE_CACHE_DIR", "off")
        fresh[rules_path] = api.compile_rules(text, str(rules_path), base_dir=rules_path.parent)
        monkeypatch.setenv("QIYUE_CACHE_DIR", str(tmp_path / "c"))
        api.compile_rules(text, str(rules_path), base_dir=rules_path.parent)  # (kept)
        monkeypatch.setattr(parser, "parse", lambda *a, **k: pytest.fail("parsed although kept"))
        kept[rules_path] = api.compile_rules(text, str(rules_path), base_dir=rules_path.parent)
        monkeypatch.undo()
    for rules_path, facts in _pairs():
        lines = facts.read_text(encoding="utf-8").splitlines()
        for as_of in ("2025-12-31", "2026-08-31", "2027-06-30"):
            for lang in ("zh", "en"):
                try:
                    a = fresh[rules_path].evaluate(lines, as_of, lang=lang)
                except QiyueError as exc:
                    with pytest.raises(QiyueError) as again:
                        kept[rules_path].evaluate(lines, as_of, lang=lang)
                    assert [d.as_json(lang) for d in again.value.diagnostics] == [d.as_json(lang) for d in exc.diagnostics]
                    continue
                b = kept[rules_path].evaluate(lines, as_of, lang=lang)
                assert json.dumps(a, ensure_ascii=False, default=str) == json.dumps(b, ensure_ascii=False, default=str), \
                    (rules_path.name, facts.name, as_of, lang)


def test_a_computed_amount_is_worded_as_money_when_read_back(cache):
    """The case that found it: an amount computed by a division, worded ¥50,000.00, not 50000."""
    import sys
    sys.path.insert(0, str(ROOT / "tests"))
    from test_live_shards import DIVIDES, counted

    for _ in range(2):  # written, then read back
        r = api.compile_rules(DIVIDES, "t.qy")
        assert "得 ¥50,000.00" in r.evaluate([counted(1, 2, "03-31")], "2026-07-01")["remedies"][0]["because"][1]
