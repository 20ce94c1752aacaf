"""Shared fixtures: the seed rule file, compiled once per test session."""
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


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.json from the engine's current reports (after review)")


@pytest.fixture(scope="session")
def update_golden(request):
    return request.config.getoption("--update-golden")
