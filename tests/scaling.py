"""How a run's cost grows with its input: the scaling tests of the fuzz rounds (28, 29, 36, ...) share this.

A ratio of two sizes is asked, never a wall-clock limit. Each size is timed in CPU seconds, the best of three, with
the garbage collector run before and held off during the run: a full collection falling inside one run and not the
other measured a linear run at ×6.9–8.1 for ×4 the input on a loaded machine (CI, 2026-12-07) — the collector's
cost is not the engine's shape.  A run shorter than a tenth of a second is repeated until the repeats last that
long and their mean is taken: 300 pauses ran in 0.02–0.03 s, and one scheduler tick on a loaded CI machine made a
linear ×4 read as ×6.8 (CI, 2026-12-07, tests/test_fuzz_round30.py).
"""
import gc
import time


MIN_SECONDS = 0.1


def _timed(run, n, repeats: int) -> float:
    """The mean CPU time of ``repeats`` runs of ``run(n)``, the collector collected first and held off."""
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        for _ in range(repeats):
            run(n)
        return (time.process_time() - start) / repeats
    finally:
        gc.enable()


def cpu(run, n, tries: int = 3) -> float:
    """The best of ``tries`` CPU times of ``run(n)``, the collector held off; a short run is repeated to last
    ``MIN_SECONDS`` and its mean taken, so that a tick of the scheduler is not a large part of it."""
    first = _timed(run, n, 1)
    repeats = 1 if first >= MIN_SECONDS else min(50, int(MIN_SECONDS / max(first, 1e-4)) + 1)
    out = [first] if repeats == 1 else []
    while len(out) < tries:
        out.append(_timed(run, n, repeats))
    return min(out)


def ratio(run, small: int, big: int, rounds: int = 3) -> float:
    """Cost at ``big`` over cost at ``small``: ~4 linear, ~16 quadratic for big = 4 × small.  Small and big are timed
    side by side in each round and the least of the rounds' ratios is taken: this machine's speed drifts by ×2 over
    seconds (the same 300 pauses took 0.016 s in one process and 0.031 s in the next, 2026-12-07), and a small size timed
    in a slow moment against a big one in a fast moment is not the engine's shape.  A quadratic shape gives ×16 in
    every round, so the least of them does not hide it."""
    run(small)  # (warm)
    return min(cpu(run, big, 1) / max(cpu(run, small, 1), 1e-3) for _ in range(rounds))
