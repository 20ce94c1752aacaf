"""A long-running process evaluates again and again: each evaluation must leave nothing behind —
no reference cycle for the cyclic collector to find later (while it is paused during an
evaluation, a cycle would be memory that creeps), and the number of live objects stays flat."""
import gc
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STREAMS = sorted(p.stem for p in (ROOT / "facts").glob("*.jsonl"))


def _settle():
    """Collect until nothing is left: what an earlier test left may free more only when its finalizers
    have run (a compiled rule file's durable_rules plan is closed by a finalizer, and freed a pass later)."""
    for _ in range(10):
        if gc.collect() == 0:
            return


@pytest.mark.parametrize("name", STREAMS)
def test_an_evaluation_leaves_no_reference_cycle(seed, name):
    lines = (ROOT / "facts" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    seed.evaluate(lines, "2026-08-31")  # (caches of the compiled rules are filled once)
    _settle()
    was = gc.isenabled()
    gc.disable()
    try:
        report = seed.evaluate(lines, "2026-08-31")
        del report
        assert gc.collect() == 0, "an evaluation left objects only the cyclic collector frees"
    finally:
        if was:
            gc.enable()


def test_repeated_evaluations_keep_the_live_objects_flat(seed):
    lines = (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
    for _ in range(3):
        seed.evaluate(lines, "2026-08-31")
    gc.collect()
    before = len(gc.get_objects())
    for _ in range(200):
        seed.evaluate(lines, "2026-08-31")
    assert len(gc.get_objects()) - before < 50  # (measured: 0 per run; 1,000 per run before)


def test_the_typed_report_leaves_no_reference_cycle(seed):
    path = ROOT / "facts" / "late-payment.jsonl"
    seed.report(path, "2025-12-31")
    _settle()
    was = gc.isenabled()
    gc.disable()
    try:
        report = seed.report(path, "2025-12-31", lang="en")
        del report
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
