"""Checked rule files kept on disk: an unchanged file, read by an unchanged engine, is not parsed
and checked again in every new process (compile once, evaluate many — across commands too).

The parse (lark's contextual lexer compiles a regular expression per parser state) and the check
(the amounts in capitals are read with cn2an, whose import compiles its own patterns) are most of
a command's fixed cost: ~0.4 s of CPU for the seed rules, against ~0.03 s to read the result back.
Lark itself keeps its parser tables the same way (``cache=True``).

- **Key**: SHA-256 of the rule text, the path it was read as (spans and messages name it), the
  ``assume`` readings, and a stamp of the engine: the Python and lark versions and the size and
  modification time of every module of ``engine/``, the grammar's text — an edited engine never
  reads an old entry.  Only a file that checks without errors is kept (errors are found again,
  with their spans, every time).
- **Where**: ``$QIYUE_CACHE_DIR``, else ``$XDG_CACHE_HOME/qiyue``, else ``~/.cache/qiyue``; a
  directory of one's own (created 0700; one owned by another user is not used).
  ``QIYUE_CACHE_DIR=off`` (or ``0``, or empty) turns it off.
- **Never wrong, never in the way**: an entry that cannot be read (truncated, another pickle
  format, any exception) is ignored and rewritten; a directory that cannot be written is skipped;
  an entry larger than 64 MB (a rule file of megabytes) is not written; beyond 64 entries the
  least recently used are removed (a mutation run or a property test compiles thousands of files).  Entries are written to a
  temporary name and renamed, so two processes never read half an entry.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Mapping

ENV = "QIYUE_CACHE_DIR"
MAX_ENTRY = 64 * 2**20
MAX_ENTRIES = 64  # (the least recently used beyond these are removed: a mutation run compiles thousands)


def cache_dir() -> Path | None:
    """The directory entries are kept in, or None when the cache is off."""
    v = os.environ.get(ENV)
    if v is not None:
        return None if v.strip().lower() in ("", "0", "off", "no", "none") else Path(v)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "qiyue"


@functools.lru_cache(maxsize=1)
def engine_stamp() -> str:
    """What the engine is: Python's and lark's versions, the grammar's hash, each module's size and mtime."""
    from .lang.limits import grammar_text

    here = Path(__file__).resolve().parent
    parts = [sys.version, _lark_stamp(), hashlib.sha256(grammar_text().encode()).hexdigest()]
    for p in sorted(here.rglob("*.py")):
        try:
            st = p.stat()
        except OSError:
            continue
        parts.append(f"{p.relative_to(here).as_posix()}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts)


def _lark_stamp() -> str:
    """Which lark parses — its module file's place, size and modification time — found without importing
    it: a rule file read back from the cache is never parsed, so the command need not load lark at all
    (~40 ms).  Another lark installed is another file, or the same file changed."""
    import importlib.util

    spec = importlib.util.find_spec("lark")
    origin = getattr(spec, "origin", None) if spec is not None else None
    try:
        st = os.stat(origin) if origin else None
    except OSError:
        st = None
    return f"lark {origin}:{st.st_size}:{st.st_mtime_ns}" if st is not None else "lark ?"


def key(text: str, path: str, assume: Mapping[str, str] | None) -> str:
    h = hashlib.sha256()
    for part in (engine_stamp(), str(path), repr(sorted((assume or {}).items())), text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _own(st: os.stat_result) -> bool:
    """Whether a file or directory is this user's and no other user can write to it (where users exist)."""
    return not hasattr(os, "getuid") or (st.st_uid == os.getuid() and not st.st_mode & 0o022)


def _usable(d: Path) -> bool:
    """A directory of one's own that no other user can write to: what is read from it is unpickled (and the
    engine's bytecode is run from it), so an entry another user could place there would run as this user."""
    try:
        d.mkdir(mode=0o700, parents=True, exist_ok=True)
        return _own(d.stat())
    except OSError:
        return False


def _own_file(f) -> bool:
    """An entry written by this user and writable by no other (opened: checked on the file read, not the name)."""
    return _own(os.fstat(f.fileno()))


def load(k: str, kind: type | None = None):
    """The value kept under ``k`` (of type ``kind``, if given), or None: a directory or an entry another user
    could write, an entry that cannot be read or is of another type, are recomputed, never trusted."""
    d = cache_dir()
    if d is None or not _usable(d):
        return None
    entry = d / f"{k}.pickle"
    try:
        with open(entry, "rb") as f:
            if not _own_file(f):
                return None
            data = f.read()
    except OSError:
        return None
    try:
        value = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is recomputed, never an error
        return None
    if kind is not None and type(value) is not kind:
        return None
    try:
        os.utime(entry)  # (recently used: kept when older entries are removed)
    except OSError:
        pass
    return value


def store(k: str, value) -> None:
    """Keep ``value`` under ``k`` if the directory can take it; never raise."""
    d = cache_dir()
    if d is None or not _usable(d):
        return
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (Exception, RecursionError):  # noqa: BLE001 - a model too deep to pickle is simply not kept
        return
    if len(data) > MAX_ENTRY:
        return
    tmp = d / f"{k}.{os.getpid()}.tmp"
    try:
        tmp.write_bytes(data)
        os.replace(tmp, d / f"{k}.pickle")
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return
    _evict(d)


def _evict(d: Path) -> None:
    """Remove the least recently used entries beyond MAX_ENTRIES."""
    try:
        entries = [(e.stat().st_mtime_ns, e) for e in d.glob("*.pickle")]
    except OSError:
        return
    if len(entries) <= MAX_ENTRIES:
        return
    for _, e in sorted(entries)[:len(entries) - MAX_ENTRIES]:
        try:
            e.unlink()
        except OSError:
            pass
