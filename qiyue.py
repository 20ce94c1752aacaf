"""``import qiyue``: the public Python API of 契约 qiyue.

The package's modules live in ``engine/`` (the folder name the project keeps); this module makes
each of them importable under ``qiyue`` too — the very same module objects, so ``qiyue.api`` is
``engine.api`` and an error raised by one is caught as the other's.
"""
import importlib as _importlib
import importlib.util  # noqa: F401 - _importlib.util
import pkgutil as _pkgutil
import sys as _sys

import engine as _engine



class _Alias:
    """``import qiyue.X.Y`` at any depth is ``engine.X.Y`` itself, never a second copy of it run again (its
    classes and errors would then be others: ``except engine.…`` would not catch what ``qiyue.…`` raised)."""

    def find_spec(self, name, path=None, target=None):
        if not name.startswith(f"{__name__}."):
            return None
        real = "engine." + name[len(__name__) + 1:]
        spec = _importlib.util.find_spec(real)  # (ModuleNotFoundError for a package that is not there)
        if spec is None:
            return None  # (then: No module named 'qiyue.…', as for any module that is not there)
        return _importlib.util.spec_from_loader(name, self, is_package=spec.submodule_search_locations is not None)

    def create_module(self, spec):
        module = _importlib.import_module("engine." + spec.name[len(__name__) + 1:])
        spec.loader_state = (module.__spec__, module.__loader__)  # (put back by exec_module: it stays engine's)
        return module

    def exec_module(self, module):
        module.__spec__, module.__loader__ = module.__spec__.loader_state

    def invalidate_caches(self):
        pass


if not any(type(f).__name__ == "_Alias" and getattr(f, "prefix", None) == __name__ for f in _sys.meta_path):
    _finder = _Alias()
    _finder.prefix = __name__
    _sys.meta_path.insert(0, _finder)

for _m in (m for m in _pkgutil.iter_modules(_engine.__path__) if not m.name.startswith("_")):
    _module = _importlib.import_module(f"engine.{_m.name}")
    _sys.modules.setdefault(f"{__name__}.{_m.name}", _module)
    globals()[_m.name] = _module  # as a package has its submodules: qiyue.api
__path__ = _engine.__path__  # (a package's path; what is imported under it is found by _Alias)

from engine.api import CompiledRules, compile_file, compile_rules, evaluate, evaluate_many, parse_as_of  # noqa: E402
from engine.diagnostics import Diagnostic, QiyueError  # noqa: E402
from engine.results import Report  # noqa: E402

__version__ = _engine.__version__
__all__ = ["CompiledRules", "Diagnostic", "QiyueError", "Report", "compile_file", "compile_rules", "evaluate",
           "evaluate_many", "parse_as_of", "__version__"]
