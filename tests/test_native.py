"""The engine's hot modules compiled with Cython (engine/native.py): loaded only when built from the
source as it is now, off with QIYUE_NATIVE=off, and giving the very same reports as the Python modules."""
from __future__ import annotations

import importlib.machinery
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine import native

ROOT = Path(__file__).resolve().parent.parent
BUILT = all(native.compiled_path(m) for m in native.MODULES)


def test_a_twin_is_found_only_for_the_source_it_was_made_from(tmp_path):
    src = tmp_path / "run" / "evaluator.py"
    src.parent.mkdir()
    src.write_text("X = 1\n")
    (tmp_path / "_native").mkdir()
    twin = tmp_path / "_native" / native.compiled_name("run.evaluator", b"X = 1\n")
    assert twin.name.startswith("run-evaluator-") and twin.name.endswith(importlib.machinery.EXTENSION_SUFFIXES[0])
    assert native.compiled_path("run.evaluator", str(tmp_path)) is None  # (none built)
    twin.write_bytes(b"")
    assert native.compiled_path("run.evaluator", str(tmp_path)) == str(twin)
    src.write_text("X = 2\n")  # (edited after the build: the twin is stale, the Python module runs)
    assert native.compiled_path("run.evaluator", str(tmp_path)) is None


def test_another_cython_builds_every_module_again(tmp_path):
    """What is built is kept while its source and the Cython that built it are the same; a build with another Cython
    (its stamp in _native/) makes every module again, and one source changed makes that module alone."""
    for m in native.MODULES:
        src = Path(native.source_path(m, str(tmp_path)))
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_bytes(Path(native.source_path(m)).read_bytes())
    (tmp_path / "_native").mkdir()
    wanted, todo = native.to_build(str(tmp_path), "3.3.1")
    assert len(todo) == len(native.MODULES) and native.built_with(str(tmp_path)) is None
    for name in wanted:
        (tmp_path / "_native" / name).write_bytes(b"")
    (tmp_path / "_native" / native._STAMP).write_text("3.3.1\n", encoding="utf-8")
    assert native.built_with(str(tmp_path)) == "3.3.1"
    assert native.to_build(str(tmp_path), "3.3.1")[1] == []
    assert len(native.to_build(str(tmp_path), "3.4.0")[1]) == len(native.MODULES)
    src = Path(native.source_path("facts", str(tmp_path)))
    src.write_bytes(src.read_bytes() + b"\n# changed\n")
    assert [m for m, _ in native.to_build(str(tmp_path), "3.3.1")[1]] == ["facts"]


def test_every_compiled_module_exists_as_python():
    for m in native.MODULES:
        assert Path(native.source_path(m)).is_file(), m


def _run(args, **env):
    e = {**os.environ, **env}
    return subprocess.run([sys.executable, *args], capture_output=True, cwd=ROOT, env=e)


def test_off_runs_python():
    probe = "import engine.run.evaluator as e, engine.native as n; print(e.__file__.endswith('.py'), n.loaded())"
    out = _run(["-c", probe], QIYUE_NATIVE="off")
    assert out.returncode == 0, out.stderr
    assert out.stdout.decode().startswith("True")


@pytest.mark.skipif(not BUILT, reason="the compiled modules are not built here (pip install -e . builds them)")
def test_built_modules_load():
    probe = ("import importlib, engine.native as n; [importlib.import_module('engine.' + m) for m in n.MODULES]; "
             "print(sorted(n.loaded().values()))")
    out = _run(["-c", probe])
    assert out.returncode == 0, out.stderr
    assert out.stdout.decode().strip() == str([True] * len(native.MODULES))


CASES = [  # (rules, facts, as_of, format, extra)
    ("rules/gzmz-2025-it-ops.qy", "facts/full-year.jsonl", "2026-07-31", "json", ["--pretty"]),
    ("rules/gzmz-2025-it-ops.qy", "facts/force-majeure.jsonl", "2026-07-31", "text", []),
    ("rules/gzmz-2025-it-ops.qy", "facts/data-leak.jsonl", "2026-07-31", "json", ["--lang", "en"]),
    ("rules/gzmz-2025-it-ops.qy", "facts/address-change.jsonl", "2025-12-01,2026-07-31", "json", []),
    ("rules/gzmz-2025-it-ops.qy", "facts/full-year.jsonl", "2026-07-31", "html", []),
]


@pytest.mark.skipif(not BUILT, reason="the compiled modules are not built here (pip install -e . builds them)")
@pytest.mark.parametrize("rules,facts,as_of,fmt,extra", CASES)
def test_compiled_and_python_reports_are_the_same(rules, facts, as_of, fmt, extra):
    args = ["-m", "engine.cli", "eval", rules, "--facts", facts, "--as-of", as_of, "--format", fmt, *extra]
    compiled, python = _run(args), _run(args, QIYUE_NATIVE="off")
    assert compiled.returncode == python.returncode
    assert compiled.stdout == python.stdout and len(compiled.stdout) > 1000
    assert compiled.stderr == python.stderr


# Differential random testing (as Cedar tests its fast engine against its reference): streams drawn by
# qiyue.testing for every rule file here, each evaluated by the compiled modules and by the Python ones in
# two fresh processes; the reports (or the errors) must be the same bytes.
DRIVER = r"""
import hashlib, json, sys, orjson
from engine import api, native
from engine.diagnostics import QiyueError
jobs = json.load(open(sys.argv[1]))
compiled = {}
out = []
for path, lines, as_of in jobs:
    rules = compiled.get(path) or compiled.setdefault(path, api.compile_file(path))
    try:
        got = orjson.dumps(rules.evaluate(lines, as_of, lang="zh"), default=str)
        got += orjson.dumps(rules.evaluate(lines, as_of, lang="en", explain="words"), default=str)
    except QiyueError as e:
        got = repr([(d.code, d.message, d.span) for d in e.diagnostics]).encode()
    out.append(hashlib.sha256(got).hexdigest())
print(json.dumps({"compiled": all(native.loaded().values()), "hashes": out}))
"""

RULE_FILES = sorted([ROOT / "rules" / "gzmz-2025-it-ops.qy", *(ROOT / "rules" / "examples").glob("*.qy"),
                     *(ROOT / "tests" / "contracts").glob("*.qy")])


@pytest.mark.skipif(not BUILT, reason="the compiled modules are not built here (pip install -e . builds them)")
def test_drawn_streams_give_the_same_reports_compiled_and_as_python(tmp_path):
    import json

    from hypothesis import HealthCheck, given, settings

    from engine.api import compile_file
    from engine.testing import fact_streams, lines

    jobs = []
    for path in RULE_FILES:
        rules = compile_file(path)

        @settings(max_examples=int(os.environ.get("QIYUE_NATIVE_EXAMPLES", "25")), derandomize=True, database=None,
                  deadline=None, suppress_health_check=list(HealthCheck))
        @given(fact_streams(rules, max_facts=25))
        def draw(stream):
            facts, as_of = stream
            jobs.append((str(path), lines(facts), as_of.isoformat() if hasattr(as_of, "isoformat") else str(as_of)))  # noqa: B023

        draw()
    (tmp_path / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
    runs = {}
    for mode in ("on", "off"):
        proc = _run(["-c", DRIVER, str(tmp_path / "jobs.json")], QIYUE_NATIVE=mode)
        assert proc.returncode == 0, proc.stderr.decode()[-3000:]
        runs[mode] = json.loads(proc.stdout)
    assert runs["on"]["compiled"] and not runs["off"]["compiled"]
    differ = [jobs[i][0] for i, (a, b) in enumerate(zip(runs["on"]["hashes"], runs["off"]["hashes"])) if a != b]
    assert len(runs["on"]["hashes"]) == len(jobs) > 100 and not differ, differ[:5]


# Compiled, all the closures of a function share one scope object; a nested function that another nested
# function of the same function reads is kept in that scope, and holds it: a reference cycle that Python
# itself would not make (each closure has its own cells).  An evaluation runs with the collector paused
# (tests/test_memory.py), so code that runs per evaluation or per report must not do it: it passes such a
# function on as an argument (a default, `def rows(why=why)`) instead.  These run once per rule file's compile.
ONCE_PER_COMPILE = {
    ("run.compiler", "expr"), ("run.compiler", "consecutive"), ("run.compiler", "_scanned"),
    ("run.compiler", "_carried"), ("run.plans", "__init__"), ("run.plans", "_by_terms"),
}


def _closures_read_by_siblings(module: str) -> set:
    import ast

    nest = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.GeneratorExp)

    def own(node):  # (the nodes of a function's own scope, and its nested scopes' heads)
        for child in ast.iter_child_nodes(node):
            yield child
            if not isinstance(child, nest + (ast.ClassDef,)):
                yield from own(child)

    def free(n) -> set:
        if isinstance(n, ast.GeneratorExp):
            body, bound = [n.elt, *n.generators], set()
        else:
            a = n.args
            body = n.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) else [n.body]
            bound = {x.arg for x in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg] if x}
        names = [x for b in body for x in ast.walk(b) if isinstance(x, ast.Name)]
        return {x.id for x in names if isinstance(x.ctx, ast.Load)} - bound - {
            x.id for x in names if isinstance(x.ctx, ast.Store)}

    found = set()
    tree = ast.parse(Path(native.source_path(module)).read_text(encoding="utf-8"))
    for f in ast.walk(tree):
        if not isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        nodes = list(own(f))
        defs = {n.name for n in nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))} | {
            t.id for n in nodes if isinstance(n, ast.Assign) and isinstance(n.value, ast.Lambda)
            for t in n.targets if isinstance(t, ast.Name)}
        if any((free(n) & defs) - {getattr(n, "name", None)} for n in nodes if isinstance(n, nest)):
            found.add((module, f.name))
    return found


def test_no_closure_read_by_a_sibling_closure_outside_the_compile():
    found = set().union(*(_closures_read_by_siblings(m) for m in native.MODULES))
    assert found - ONCE_PER_COMPILE == set()
    assert ONCE_PER_COMPILE - found == set()  # (an entry no longer needed: delete it)


def test_a_compiled_file_that_cannot_be_loaded_is_passed_over_for_the_source(tmp_path):
    """A damaged file, or one built on another system with the same suffix: the Python module runs, and
    `--status` says why (a review found every command failing with `ImportError: file too short`)."""
    import shutil

    shutil.copytree(ROOT / "engine", tmp_path / "engine", symlinks=True,
                    ignore=shutil.ignore_patterns("_native", "__pycache__", "grammar"))
    shutil.copytree(ROOT / "grammar", tmp_path / "engine" / "grammar")
    (tmp_path / "engine" / "_native").mkdir()
    source = (tmp_path / "engine" / "lang" / "amounts.py").read_bytes()
    (tmp_path / "engine" / "_native" / native.compiled_name("lang.amounts", source)).write_bytes(b"garbage")
    probe = ("import engine.lang.amounts as a, engine.native as n; "
             "print(a.__file__.endswith('amounts.py'), a.read_amount.__module__, sorted(n._FAILED))")
    e = {**os.environ, "PYTHONPATH": str(tmp_path), "QIYUE_CACHE_DIR": "off"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, cwd=tmp_path, env=e)
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.decode().split() == ["True", "engine.lang.amounts", "['engine.lang.amounts']"]
    status = subprocess.run([sys.executable, "-m", "engine.build_native", "--status"], capture_output=True,
                            cwd=tmp_path, env=e)
    assert status.returncode == 0, status.stderr.decode()
    line = next(x for x in status.stdout.decode().splitlines() if "engine.lang.amounts" in x)
    assert "Python" in line and "could not be loaded" in line and "--force" in line


def test_version_says_how_many_modules_are_compiled():
    """A fresh user: nothing said whether the install had compiled anything (pip hides a failed build)."""
    total = len(native.MODULES)
    off = _run(["-m", "engine.cli", "--version"], QIYUE_NATIVE="off")
    assert off.returncode == 0 and f"编译模块：0/{total}" in off.stdout.decode()
    on = _run(["-m", "engine.cli", "--version", "--lang", "en"])
    built = sum(1 for m in native.MODULES if native.compiled_path(m))
    assert on.returncode == 0 and f"compiled modules: {built} of {total}" in on.stdout.decode()
