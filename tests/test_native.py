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
