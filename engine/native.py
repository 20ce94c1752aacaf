"""The engine's hot modules run compiled (Cython) where the install built them, and as Python otherwise.

The modules of ``MODULES`` — the evaluator, the compiled conditions, the time arithmetic, the report's
encoder and the fact reader, where a ``qiyue eval`` spends its time — are plain Python, and stay the only
source: ``pip install`` (``setup.py``) also runs them through Cython, unchanged, into C extension modules:
the same code without the interpreter's dispatch of each operation, 16–31% less CPU end to end where the
evaluation and the report are most of the time (``bench/README.md``). Nothing else differs: the suite runs
the same whichever is loaded, and ``tests/test_native.py`` compares reports of both.

A compiled module is kept in ``engine/_native/`` under the name of its module and the SHA-256 of the source
it was made from and of how it was compiled (``run-evaluator-<16 hex>.cpython-311-x86_64-linux-gnu.so``);
this finder loads it only while that hash is the hash of the ``.py`` file as it is now (with ``DIRECTIVES``
and ``CFLAGS``). So a module edited after the install simply runs as Python (slower, never stale) until
``pip install -e .`` or ``python -m engine.build_native`` builds it again; another interpreter's build (its
own suffix) is never read; nothing is compiled while a command runs. A file that is there but cannot be
loaded (damaged, or built on another system with the same suffix) is passed over for the ``.py``
(``--status`` says so; ``--force`` builds every module again).

``QIYUE_NATIVE=off`` runs every module as Python (to compare, or where a compiled module is suspected);
``python -m engine.build_native --status`` says which modules would load compiled.
"""
from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import sys

# the modules compiled, by their names under ``engine``
MODULES = (
    "run.evaluator", "run.compiler", "run.state", "run.plans", "run.steps",
    "report.explain", "report.build", "report.phrase", "report.html",
    "time.timecalc",
    "facts", "lang.amounts",
)

_HERE = os.path.dirname(os.path.abspath(__file__))
NATIVE_DIR = os.path.join(_HERE, "_native")


def source_path(module: str, package_dir: str = _HERE) -> str:
    """The ``.py`` file of ``module`` (a name of ``MODULES``) under ``package_dir``."""
    return os.path.join(package_dir, *module.split(".")) + ".py"


# How the modules are compiled (``build``); part of each file's key, so that a change here builds them again.
DIRECTIVES = {"language_level": 3, "binding": True, "annotation_typing": False}
CFLAGS = ["-g0"] if os.name == "posix" else []  # (no debugging symbols: a fifth of the size; the source is the .py)
_BUILD_KEY = repr((sorted(DIRECTIVES.items()), CFLAGS)).encode()


def compiled_name(module: str, source: bytes) -> str:
    """The file name a compiled ``module`` made from ``source`` has in ``_native/`` (this interpreter's suffix)."""
    digest = hashlib.sha256(source + b"\0" + _BUILD_KEY).hexdigest()[:16]
    return f"{module.replace('.', '-')}-{digest}{importlib.machinery.EXTENSION_SUFFIXES[0]}"


def compiled_path(module: str, package_dir: str = _HERE) -> str | None:
    """The compiled twin of ``module``'s source as it is now, if one was built; else None."""
    try:
        with open(source_path(module, package_dir), "rb") as f:
            source = f.read()
    except OSError:
        return None
    path = os.path.join(package_dir, "_native", compiled_name(module, source))
    return path if os.path.isfile(path) else None


def enabled() -> bool:
    return os.environ.get("QIYUE_NATIVE", "").strip().lower() not in ("off", "0", "no", "false")


class _Loader(importlib.machinery.ExtensionFileLoader):
    """The compiled twin; where it cannot be loaded (a damaged file, a build for another system with the same
    suffix), the module's Python source instead — never in the way of an import."""

    def create_module(self, spec):
        try:
            return super().create_module(spec)
        except ImportError as e:
            _FAILED[self.name] = f"{type(e).__name__}: {e}"
            self.fallback = importlib.machinery.SourceFileLoader(self.name, source_path(self.name[len("engine."):]))
            spec.origin = self.fallback.path
            return None  # (the default module; exec_module runs the source into it)

    def exec_module(self, module):
        fallback = getattr(self, "fallback", None)
        if fallback is None:
            return super().exec_module(module)
        module.__file__ = fallback.path
        module.__loader__ = fallback
        module.__cached__ = None
        return fallback.exec_module(module)


_FAILED: dict[str, str] = {}  # (a module whose compiled twin could not be loaded here: why)


class _Finder:
    """Finds ``engine.<module>`` of ``MODULES`` as its compiled twin, when one matches its source."""

    def __init__(self, names: frozenset[str]):
        self.names = names

    def find_spec(self, name, path=None, target=None):
        if name not in self.names:
            return None
        try:
            compiled = compiled_path(name[len("engine."):])
            if compiled is None:
                return None
            return importlib.util.spec_from_file_location(name, compiled, loader=_Loader(name, compiled))
        except Exception:  # noqa: BLE001 - never in the way of an import: the Python module then
            return None

    def invalidate_caches(self):
        pass


def install() -> None:
    """Load the compiled twins of ``MODULES`` that match their sources (unless ``QIYUE_NATIVE=off``)."""
    try:
        if not enabled() or not os.path.isdir(NATIVE_DIR):
            return
        if any(isinstance(f, _Finder) for f in sys.meta_path):
            return
        sys.meta_path.insert(0, _Finder(frozenset(f"engine.{m}" for m in MODULES)))
    except Exception:  # noqa: BLE001 - never in the way of an import
        return


def loaded() -> dict[str, bool]:
    """For each module of ``MODULES`` already imported: whether it runs compiled."""
    out = {}
    for m in MODULES:
        mod = sys.modules.get(f"engine.{m}")
        if mod is not None:
            out[m] = not str(getattr(mod, "__file__", "")).endswith(".py")
    return out


_STAMP = "CYTHON_VERSION"  # (in ``_native/``: the Cython that built what is there; not part of a file's key, so that
# the engine need not have Cython to find its compiled modules — a build with another Cython makes them all again)


def built_with(package_dir: str = _HERE) -> str | None:
    """The version of Cython that built the compiled modules in ``package_dir/_native``, if known."""
    try:
        with open(os.path.join(package_dir, "_native", _STAMP), encoding="utf-8") as f:
            return f.read().strip() or None
    except OSError:
        return None


def to_build(package_dir: str, cython_version: str) -> tuple[set[str], list[tuple[str, str]]]:
    """The file names the modules' current sources want in ``package_dir/_native``, and the (module, name)
    of those to build: the missing ones — or all of them when another Cython built what is there."""
    same_cython = built_with(package_dir) == cython_version
    wanted, todo = set(), []
    for m in MODULES:
        with open(source_path(m, package_dir), "rb") as f:
            name = compiled_name(m, f.read())
        wanted.add(name)
        if not same_cython or not os.path.isfile(os.path.join(package_dir, "_native", name)):
            todo.append((m, name))
    return wanted, todo


def build(package_dir: str = _HERE, jobs: int | None = None, quiet: bool = True) -> list[str]:
    """Compile each module of ``MODULES`` whose twin for its current source is missing, into
    ``package_dir/_native/``; returns the files made. Needs Cython and a C compiler; raises if either fails.
    Twins of older sources are removed; every module is built again when the Cython at hand is not the one that
    built them (``built_with``)."""
    import shutil
    import tempfile

    from Cython.Build import cythonize
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    import Cython

    out_dir = os.path.join(package_dir, "_native")
    os.makedirs(out_dir, exist_ok=True)
    same_cython = built_with(package_dir) == Cython.__version__
    wanted, todo = to_build(package_dir, Cython.__version__)
    made = []
    if todo:
        with tempfile.TemporaryDirectory(prefix="qiyue-native-") as tmp:
            # the sources are copied as a package tree so that each module keeps its dotted name
            exts = []
            for m, _ in todo:
                src = os.path.join(tmp, "engine", *m.split(".")) + ".py"
                os.makedirs(os.path.dirname(src), exist_ok=True)
                shutil.copyfile(source_path(m, package_dir), src)
                exts.append(Extension(f"engine.{m}", [src], extra_compile_args=CFLAGS))
            for d, _, files in os.walk(os.path.join(tmp, "engine")):
                if "__init__.py" not in files:
                    open(os.path.join(d, "__init__.py"), "w").close()
            exts = cythonize(exts, quiet=quiet, nthreads=jobs or os.cpu_count() or 1, build_dir=os.path.join(tmp, "c"),
                             compiler_directives=DIRECTIVES)
            dist = Distribution({"name": "qiyue-native", "ext_modules": exts})
            cmd = build_ext(dist)
            cmd.build_lib = os.path.join(tmp, "lib")
            cmd.build_temp = os.path.join(tmp, "tmp")
            cmd.parallel = jobs or os.cpu_count() or 1
            cmd.ensure_finalized()
            cmd.run()
            for (m, name), ext in zip(todo, exts):
                built = cmd.get_ext_fullpath(ext.name)
                target = os.path.join(out_dir, name)
                shutil.copyfile(built, target + ".tmp")
                os.replace(target + ".tmp", target)
                made.append(target)
    if todo or not same_cython:
        with open(os.path.join(out_dir, _STAMP), "w", encoding="utf-8") as f:
            f.write(Cython.__version__ + "\n")
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for f in os.listdir(out_dir):  # (twins of sources that are no more: this interpreter's only)
        if f.endswith(suffix) and f not in wanted:
            try:
                os.remove(os.path.join(out_dir, f))
            except OSError:
                pass
    return made


def main(argv: list[str] | None = None) -> int:
    import argparse
    import importlib

    p = argparse.ArgumentParser(prog="python -m engine.build_native",
                                description="compile the engine's hot modules with Cython (see engine/native.py)")
    p.add_argument("--status", action="store_true", help="say which modules load compiled, and build nothing")
    p.add_argument("--force", action="store_true", help="compile every module again, even one built already")
    args = p.parse_args(argv)
    if not args.status:
        if args.force and os.path.isdir(NATIVE_DIR):
            for f in os.listdir(NATIVE_DIR):
                if f.endswith(importlib.machinery.EXTENSION_SUFFIXES[0]):
                    os.remove(os.path.join(NATIVE_DIR, f))
        try:
            made = build(quiet=False)
        except ModuleNotFoundError as e:  # (Cython: a build requirement pip keeps in its own build environment)
            print(f"not built: {e}. `pip install -e .` builds them (pip fetches Cython for the build), or "
                  "`pip install 'cython>=3.0'` and run this again", file=sys.stderr)
            return 1
        except Exception as e:  # noqa: BLE001 - said, not a traceback
            print(f"not built: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}", file=sys.stderr)
            return 1
        print(f"built {len(made)} module(s) into {NATIVE_DIR}" if made else "every module is built already")
    for m in MODULES:  # (each imported, so that what is said is what loads)
        try:
            importlib.import_module(f"engine.{m}")
        except Exception as e:  # noqa: BLE001 - said, not a traceback
            _FAILED.setdefault(f"engine.{m}", f"{type(e).__name__}: {e}")
    now = loaded()
    for m in MODULES:
        why = ("" if compiled_path(m) else "  (no build of its current source)") if enabled() else ""
        if f"engine.{m}" in _FAILED:
            why = f"  (its compiled file could not be loaded: {_FAILED[f'engine.{m}']}; --force builds it again)"
        print(f"  engine.{m:<17} {'compiled' if now.get(m) else 'Python'}{why}")
    if built_with():
        print(f"built with Cython {built_with()}")
    if not enabled():
        print("QIYUE_NATIVE=off: every module runs as Python")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
