"""``python -m engine.build_native [--status] [--force]``: compile the engine's hot modules with Cython now
(after editing one, say), or say which load compiled. What and why: ``engine/native.py``."""
import os
import sys

from .native import main

if __name__ == "__main__":
    try:
        rc = main()
        sys.stdout.flush()
    except BrokenPipeError:  # (`… --status | head`: the reader went away; not a traceback)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        rc = 0
    raise SystemExit(rc)
