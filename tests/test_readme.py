"""The README's examples run as they are written (from the repository's root)."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCKS = re.findall(r"^```python\n(.*?)^```", (ROOT / "README.md").read_text(encoding="utf-8"), re.M | re.S)


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_a_python_example_of_the_readme_runs(code):
    out = subprocess.run([sys.executable, "-c", code], cwd=str(ROOT), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


def test_the_readme_main_command_runs():
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", "rules/gzmz-2025-it-ops.qy", "--facts",
                          "facts/clean-year.jsonl", "--as-of", "2026-07-20"], cwd=str(ROOT), capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0 and "一、概要" in out.stdout, out.stderr
