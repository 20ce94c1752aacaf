"""Live evaluation on durable_rules (issue 14): an optional second backend, in its own subpackage.

durable_rules (a Rete engine in C with a Python binding) is an optional extra — ``pip install -e
'.[live]'`` — that the core never imports.  ``import qiyue`` imports this package too (it imports
every module of ``engine/``), so nothing here touches durable_rules until ``durable_engine()`` is
called; where the extra is missing, or fails to import (durable-rules 2.0.28 has no wheels and does
not import on Python 3.13), that call raises ``QiyueError`` with the code ``live_unavailable`` and
says how to install it, in Chinese and in English (the catalogue's ``live_unavailable``).

Modules: ``rete`` drives a durable_rules ruleset synchronously (no threads, no wall-clock timers:
qiyue keeps time itself); ``patterns`` compiles a rule file's `for each` patterns into one.
docs/live.md is the design and the measured limits.
"""
from __future__ import annotations

import sys
from ..diagnostics import QiyueError, diag

REQUIREMENT = "durable-rules==2.0.28"
INSTALL = "pip install -e '.[live]'"
CODE = "live_unavailable"


def unavailable(error: BaseException | str) -> QiyueError:
    """The error saying that durable_rules cannot be used here, and how to install it (its words:
    ``live_unavailable`` and ``hint:live_unavailable`` in the catalogue, engine/messages.py)."""
    return QiyueError([diag("live_unavailable", python=".".join(map(str, sys.version_info[:3])), install=INSTALL,
                            error=error if isinstance(error, str) else f"{type(error).__name__}: {error}",
                            hint="hint:live_unavailable")])


_ENGINE = None


def durable_engine():
    """durable_rules' C engine (the module ``durable_rules_engine``), imported on first use; a
    ``QiyueError`` (``live_unavailable``) where it is missing or does not import."""
    global _ENGINE
    if _ENGINE is None:
        try:  # (any failure, not only ImportError: a build that is broken on this Python fails otherwise)
            import durable  # noqa: F401 - the package the extra installs, beside its C engine
            import durable_rules_engine
        except Exception as exc:  # noqa: BLE001
            raise unavailable(exc) from None
        _ENGINE = durable_rules_engine
    return _ENGINE


def available() -> bool:
    """Whether durable_rules imports here (for tests that skip without it)."""
    try:
        durable_engine()
    except QiyueError:
        return False
    return True


__all__ = ["CODE", "INSTALL", "REQUIREMENT", "available", "durable_engine", "unavailable"]
