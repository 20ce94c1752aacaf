"""How a run's cost grows with its input: the scaling tests of the fuzz rounds (28, 29, 36, ...) share this.

A ratio of two sizes is asked, never a wall-clock limit. Each size is timed in CPU seconds, the best of three, with
the garbage collector run before and held off during the run: a full collection falling inside one run and not the
other measured a linear run at ×6.9–8.1 for ×4 the input on a loaded machine (CI, 2026-12-07) — the collector's
cost is not the engine's shape.
"""
import gc
import time


def cpu(run, n, tries: int = 3) -> float:
    """The best of ``tries`` CPU times of ``run(n)``, the collector held off."""
    out = []
    for _ in range(tries):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            run(n)
            out.append(time.process_time() - start)
        finally:
            gc.enable()
    return min(out)


def ratio(run, small: int, big: int) -> float:
    """Cost at ``big`` over cost at ``small``: ~4 linear, ~16 quadratic for big = 4 × small."""
    run(small)  # (warm)
    return cpu(run, big) / max(cpu(run, small), 1e-3)
