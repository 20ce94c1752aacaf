"""qiyue's own modules compiled once, not at every command, where Python is told not to write bytecode.

With ``PYTHONDONTWRITEBYTECODE`` set (as in many containers and CI images) and no ``__pycache__`` beside
the sources, every ``qiyue`` command compiles the engine's ~17,000 lines again: ~0.2 s of a one-fact
command's ~0.8 s, measured here.  The variable asks Python not to write ``.pyc`` files beside the sources;
this writes none there either: the engine's modules (only they) are compiled into qiyue's own cache
directory (the one ``rulecache`` keeps checked rule files in, ``QIYUE_CACHE_DIR``; ``off`` turns both off),
as marshalled code keyed by the module's path, size and modification time and the interpreter's cache tag,
so an edited module or another Python never reads an old entry.

Never in the way: a cache that cannot be read or written, or anything unexpected, is the normal import.
Installed by ``engine/__init__.py`` only where bytecode is not written and none is there to read.
"""
from __future__ import annotations

import hashlib
import importlib.machinery
import marshal
import os
import sys
import types

from .rulecache import _own_file

_PREFIX = "engine."


class _Loader(importlib.machinery.SourceFileLoader):
    """A module of the engine: its code from the cache directory, else compiled and kept there."""

    cache: str = ""

    def get_code(self, fullname):
        path = self.get_filename(fullname)
        try:
            st = os.stat(path)
            key = f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{sys.implementation.cache_tag}\0{sys.flags.optimize}"
            entry = os.path.join(self.cache, hashlib.sha256(key.encode()).hexdigest()[:32] + ".bin")
            try:
                with open(entry, "rb") as f:
                    if _own_file(f):  # (written by this user alone)
                        code = marshal.loads(f.read())
                        if type(code) is types.CodeType:
                            return code
            except (OSError, ValueError, EOFError, TypeError):
                pass
            code = compile(self.get_data(path), path, "exec", dont_inherit=True, optimize=sys.flags.optimize)
            try:
                tmp = f"{entry}.{os.getpid()}.tmp"
                with open(tmp, "wb") as f:
                    f.write(marshal.dumps(code))
                os.replace(tmp, entry)  # (two commands at once never read half an entry)
            except OSError:
                pass
            return code
        except Exception:  # noqa: BLE001 - anything unexpected: the normal way
            return super().get_code(fullname)


class _Finder:
    """Finds the engine's modules as Python does, and loads them with ``_Loader``."""

    def __init__(self, cache: str):
        self.cache = cache

    def find_spec(self, name, path=None, target=None):
        if not name.startswith(_PREFIX):
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and type(spec.loader) is importlib.machinery.SourceFileLoader:
            loader = _Loader(spec.loader.name, spec.loader.path)
            loader.cache = self.cache
            spec.loader = loader
        return spec

    def invalidate_caches(self):
        pass


def install(package_dir: str) -> None:
    """Load the engine's modules through the cache, where Python writes no bytecode and there is none
    beside ``package_dir``'s sources; otherwise nothing."""
    try:
        if not sys.dont_write_bytecode or os.path.isdir(os.path.join(package_dir, "__pycache__")):
            return
        if any(isinstance(f, _Finder) for f in sys.meta_path):
            return
        from .rulecache import _usable, cache_dir

        base = cache_dir()
        if base is None:
            return
        cache = base / "pyc"
        # (a directory of one's own, as rulecache's: code read from it runs, so none another user could write)
        if not (_usable(base) and _usable(cache)):  # (each its user's, writable by no other: _usable)
            return
        sys.meta_path.insert(0, _Finder(str(cache)))
    except Exception:  # noqa: BLE001 - never in the way of an import
        return
