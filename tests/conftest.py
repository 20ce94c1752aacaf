"""Shared fixtures: the seed rule file, compiled once per test session."""
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from engine.api import compile_file

ROOT = Path(__file__).resolve().parent.parent
SEED_RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"
FACTS = ROOT / "facts"


@pytest.fixture(scope="session")
def seed():
    """The seed contract's compiled rules (compile once, evaluate many)."""
    return compile_file(SEED_RULES)


@pytest.fixture(scope="session")
def seed_undetermined():
    """The seed rules with `calendar fallback undetermined` in the header: a verdict that needs a year no calendar
    knows is undetermined instead of stopping the evaluation (the seed rules themselves choose no fallback)."""
    from engine.api import compile_rules

    text = SEED_RULES.read_text(encoding="utf-8")
    assert text.count("  calendar official\n") == 1
    return compile_rules(text.replace("  calendar official\n", "  calendar official\n  calendar fallback undetermined\n"),
                         str(SEED_RULES))


_CACHE: list[str] = []


def pytest_configure(config):
    """Checked rule files are kept (engine/rulecache.py) in a directory of this run's own, not the
    user's ~/.cache/qiyue (removed at the end); a run may name one with QIYUE_CACHE_DIR, or `off`."""
    if "QIYUE_CACHE_DIR" not in os.environ:
        _CACHE.append(tempfile.mkdtemp(prefix="qiyue-test-cache-"))
        os.environ["QIYUE_CACHE_DIR"] = _CACHE[0]


def pytest_unconfigure(config):
    for d in _CACHE:
        shutil.rmtree(d, ignore_errors=True)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.json from the engine's current reports (after review)")


@pytest.fixture(scope="session")
def update_golden(request):
    return request.config.getoption("--update-golden")
