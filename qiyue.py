"""``import qiyue``: the public Python API of 契约 qiyue.

The package's modules live in ``engine/`` (the folder name the project keeps); this module makes
each of them importable under ``qiyue`` too — the very same module objects, so ``qiyue.api`` is
``engine.api`` and an error raised by one is caught as the other's.
"""
import importlib as _importlib
import pkgutil as _pkgutil
import sys as _sys

import engine as _engine

for _m in (m for m in _pkgutil.iter_modules(_engine.__path__) if not m.name.startswith("_")):
    _module = _importlib.import_module(f"engine.{_m.name}")
    _sys.modules.setdefault(f"{__name__}.{_m.name}", _module)
    globals()[_m.name] = _module  # as a package has its submodules: qiyue.api
__path__ = _engine.__path__  # `import qiyue.api` finds the module aliased above

from engine.api import CompiledRules, compile_file, compile_rules, evaluate, evaluate_many, parse_as_of  # noqa: E402
from engine.diagnostics import Diagnostic, QiyueError  # noqa: E402
from engine.results import Report  # noqa: E402

__version__ = _engine.__version__
__all__ = ["CompiledRules", "Diagnostic", "QiyueError", "Report", "compile_file", "compile_rules", "evaluate",
           "evaluate_many", "parse_as_of", "__version__"]
