"""``python -m engine.build_native [--status]``: compile the engine's hot modules with Cython now (after
editing one, say), or say which load compiled. What and why: ``engine/native.py``."""
from .native import main

if __name__ == "__main__":
    raise SystemExit(main())
