"""The engine's own modules compiled once into qiyue's cache directory where Python writes no bytecode
(engine/bytecode.py): a command then does not compile the engine again.  Each case runs in a fresh
interpreter, as a command does."""
from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = """\
import json, sys
import engine.api, engine.run.evaluator
from engine import bytecode
print(json.dumps({"loader": type(engine.run.evaluator.__loader__).__name__,
                  "finder": any(isinstance(f, bytecode._Finder) for f in sys.meta_path),
                  "report": engine.api.compile_file("rules/gzmz-2025-it-ops.qy").evaluate(
                      ['{"id": "s", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}'],
                      "2025-07-01")["obligations"][0]["status"]}))
"""

pytestmark = pytest.mark.skipif(os.path.isdir(ROOT / "engine" / "__pycache__"),
                                reason="bytecode beside the sources: Python's own is used, not this cache")


def probe(cache, **env) -> dict:
    # (QIYUE_NATIVE=off: the module probed is one engine/native.py compiles; this cache is about Python's)
    e = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "QIYUE_CACHE_DIR": str(cache), "QIYUE_NATIVE": "off", **env}
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, env=e)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_compiled_once_then_read(tmp_path):
    first = probe(tmp_path)
    entries = sorted((tmp_path / "pyc").iterdir())
    assert first["finder"] and first["loader"] == "_Loader" and len(entries) > 20
    stamps = {p: p.stat().st_mtime_ns for p in entries}
    second = probe(tmp_path)
    assert second == first
    assert {p: p.stat().st_mtime_ns for p in entries} == stamps  # (read, not written again)


def test_a_damaged_entry_is_compiled_again(tmp_path):
    probe(tmp_path)
    for p in (tmp_path / "pyc").iterdir():
        p.write_bytes(b"\xe3not marshal")
    for p in tmp_path.glob("*.pickle"):  # (the rule file parsed again: the parser's modules imported, as first)
        p.unlink()
    assert probe(tmp_path) == probe(tmp_path)
    for p in (tmp_path / "pyc").iterdir():  # (each written again, whole)
        marshal.loads(p.read_bytes())


def test_off_and_unsafe_directories_are_not_used(tmp_path):
    assert probe("off")["finder"] is False
    (tmp_path / "pyc").mkdir(mode=0o700)
    os.chmod(tmp_path / "pyc", 0o777)  # (another user could put code there: not read)
    got = probe(tmp_path)
    assert got["finder"] is False and got["loader"] == "SourceFileLoader"


def test_python_writing_bytecode_is_left_alone(tmp_path):
    e = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    e.update(QIYUE_CACHE_DIR=str(tmp_path), PYTHONPYCACHEPREFIX=str(tmp_path / "prefix"), QIYUE_NATIVE="off")
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, env=e)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["finder"] is False and not (tmp_path / "pyc").exists()
