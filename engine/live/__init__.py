"""Live evaluation on durable_rules (issue 14): an optional second backend, in its own subpackage.

durable_rules (a Rete engine in C with a Python binding) is an optional extra — ``pip install -e
'.[live]'`` — that the core never imports.  ``import qiyue`` imports this package too (it imports
every module of ``engine/``), so nothing here touches durable_rules until ``durable_engine()`` is
called; where the extra is missing, or fails to import (durable-rules 2.0.28 has no wheels and does
not import on Python 3.13), that call raises ``QiyueError`` with the code ``live_unavailable`` and
says how to install it, in Chinese and in English.

Modules: ``rete`` drives a durable_rules ruleset synchronously (no threads, no wall-clock timers:
qiyue keeps time itself); ``patterns`` compiles a rule file's `for each` patterns into one.
docs/live.md is the design and the measured limits.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, QiyueError
from ..messages import DEFAULT_LANG

REQUIREMENT = "durable-rules==2.0.28"
INSTALL = "pip install -e '.[live]'"
CODE = "live_unavailable"

# (The words of the message: the catalogue in engine/messages.py should gain `live_unavailable` and
# `hint:live_unavailable` with these templates; until then this module carries them itself.)
WORDS = {
    "zh": ("实时求值需要可选依赖 durable-rules 2.0.28，但在 Python {python} 上无法导入它（{error}）",
           "在 Python 3.11 或 3.12 上运行 {install} 安装它（durable-rules 没有预编译的 wheel，需从源码编译，"
           "要有 C 编译器；它在 Python 3.13 上无法导入，上游尚未发布修复）"),
    "en": ("live evaluation needs the optional dependency durable-rules 2.0.28, which could not be imported "
           "on Python {python} ({error})",
           "install it with {install} on Python 3.11 or 3.12 (durable-rules has no wheels and builds from "
           "source, which needs a C compiler; it does not import on Python 3.13, where upstream has released "
           "no fix)"),
}


@dataclass
class LiveDiagnostic(Diagnostic):
    """A diagnostic whose words this module carries (``WORDS``), in either language."""

    words: dict = field(default_factory=dict)  # lang -> (message, hint)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return self.words.get(lang, self.words["en"])[0]

    def hint_text(self, lang: str = DEFAULT_LANG) -> str | None:
        return self.words.get(lang, self.words["en"])[1]


def unavailable(error: BaseException | str) -> QiyueError:
    """The error saying that durable_rules cannot be used here, and how to install it."""
    args = {"python": ".".join(map(str, sys.version_info[:3])), "install": INSTALL,
            "error": error if isinstance(error, str) else f"{type(error).__name__}: {error}"}
    words = {lang: (msg.format(**args), hint.format(**args)) for lang, (msg, hint) in WORDS.items()}
    return QiyueError([LiveDiagnostic(CODE, words["en"][0], hint=words["en"][1], args=args, words=words)])


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
