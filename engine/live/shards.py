"""Many contracts live at once, over worker processes (issue 14, item 4).

    with Host("rules/gzmz-2025-it-ops.qy", processes=2, max_live=5000) as host:
        host.feed([("c-0001", line), ("c-0002", line), …])   # facts as they come, of any contract
        host.advance("2026-07-20")                             # every contract's clock on to an instant
        for contract, change in host.changes():                # what changed, contract by contract
            …
        host.report("c-0001")                                  # == evaluate(c-0001's lines, its clock)
        host.close("c-0001")                                   # a finished contract: its session freed

One contract is one live session (``CompiledRules.session``, the reference evaluator resumed); a
contract belongs to one worker process, chosen by a stable hash of its name, and each worker
compiles the rule file once.  Measured (docs/live.md §7): a seed-contract session of 40 facts holds
~160 KiB, so 20,000 contracts are ~3 GiB in one process; durable_rules could not hold 20,000
sessions in one process at all (MemoryError).  Two things keep the host within bounds:

- **Processes**: contracts are spread over ``processes`` workers (default: the machine's cores), so
  both the memory and the work of a burst of facts are divided.  A worker that dies (killed for
  memory, say) is reported as ``live_worker_died`` for the contracts it held — never a hang, never
  a traceback — and the other workers go on.
- **Parked sessions**: a worker keeps at most ``max_live`` sessions in memory.  Beyond that, the
  session used least recently is *parked*: only its calls are kept — the lines of each ``add``, the
  count of the lines of a refused one (they are numbered all the same), each move of the clock, each
  time it was looked at (changes or a report: the replay ran on to the clock, which decides whether a
  later fact of that instant joins the others or makes the replay again) — and how many changes it
  handed out.  Parking runs nothing.  The next time the contract is used, the session is made again
  by the same calls, and the changes it hands out again are dropped: a session is a function of its
  calls, so the rebuilt one says, and reports, what the one parked would have (``Session.report``
  equals ``evaluate`` of every line).
- ``close(contract)`` frees a contract's session and its lines (a contract that is finished).

Errors are values, as everywhere: a bad line or a fact before the contract's clock refuses that
call for that contract only (``QiyueError`` with the usual diagnostics; ``feed`` returns them per
contract and goes on with the others, so does ``advance`` of every contract for a clock already past
the instant); a contract never fed (or closed since) is ``live_unknown_contract`` — one whose lines
were all refused is known, its session has no clock yet (``no_clock``), as a session's would.  A worker that died is
``live_worker_died`` for each of its contracts in ``feed``, ``advance`` and ``changes`` of every
contract (``failed``), and the other workers' answers are read all the same: the host stays in step.

``backend`` ("reference", the default, or "durable") is each session's evaluator, as for
``CompiledRules.session``; durable without its extra is ``live_unavailable`` when the host starts.
A session let go (parked, closed, faulted) is closed: the durable backend's session is freed.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import zlib
from collections import OrderedDict
from pathlib import Path
from typing import Iterable, Mapping

from ..diagnostics import QiyueError, diag
from ..messages import word


def worker_of(contract: str, n: int) -> int:
    """The worker a contract belongs to: a hash that is the same in every process and every run."""
    return zlib.crc32(contract.encode("utf-8", "surrogatepass")) % n


class Kept:
    """What a worker keeps of a contract whether its session is live or parked: every call that changed
    the session, in order, so a parked session is made again exactly as it was."""

    __slots__ = ("journal", "clock", "handed", "brought", "quiet", "failed")

    def __init__(self):
        # ("add", lines) | ("count", n: lines of a refused call, numbered all the same) | ("advance", at)
        # | ("bring",): the session ran on to its clock (changes or report asked for) — which decides
        # whether a later fact of that instant is taken with the others or makes the replay again
        self.journal: list = []
        self.clock = None  # the session's clock
        self.handed = 0  # changes handed out so far (a rebuild says them again: dropped)
        self.brought = True  # nothing added or advanced since the session last ran on to its clock
        self.quiet = True  # brought, and every change handed out: a parked session has nothing to say
        self.failed: list | None = None  # the diagnostics of a replay that failed (said at every look)


class Contracts:
    """One worker's contracts: live sessions (at most ``max_live``) and parked ones."""

    def __init__(self, rules, lang: str, max_live: int | None, backend: str = "reference"):
        self.rules, self.lang, self.max_live, self.backend = rules, lang, max_live, backend
        self.live: OrderedDict = OrderedDict()  # contract -> Session, least recently used first
        self.kept: dict = {}  # contract -> Kept (every contract of this worker, live or parked)
        self.rebuilt = 0

    def _kept(self, contract: str) -> Kept:
        k = self.kept.get(contract)
        if k is None:
            raise QiyueError([diag("live_unknown_contract", contract=contract)])
        return k

    def session(self, contract: str, create: bool = False):
        """The contract's live session: made again from its journal if it was parked."""
        s = self.live.get(contract)
        if s is not None:
            self.live.move_to_end(contract)
            return s
        k = self.kept.get(contract)
        if k is None:
            if not create:
                raise QiyueError([diag("live_unknown_contract", contract=contract)])
            k = self.kept[contract] = Kept()
        s = self.rules.session(f"<{contract}>", self.backend)
        if k.journal:
            self._replay(s, k)
            self.rebuilt += 1
        self.live[contract] = s
        self._park()
        return s

    @staticmethod
    def _replay(s, k: Kept) -> None:
        """The calls the session was given, given again: the same session (a replay is a function of its
        calls); the changes it said already are dropped."""
        for op in k.journal:
            try:
                if op[0] == "add":
                    s.add(op[1])
                elif op[0] == "count":
                    s.lines += op[1]
                elif op[0] == "advance":
                    s.advance(op[1])
                else:
                    s._bring()
            except Exception:  # noqa: BLE001 - (refused or failed as it was the first time: said then)
                pass
        del s._pending[:k.handed]

    def _park(self):
        while self.max_live is not None and len(self.live) > self.max_live:
            contract, s = self.live.popitem(last=False)
            self._note(contract, s)
            s.close()  # (what it holds outside Python: the durable backend's session)

    def _note(self, contract: str, s) -> None:
        k = self.kept[contract]
        k.clock = s.clock
        k.failed = list(s.failed.diagnostics) if s.failed is not None else None

    def _log(self, k: Kept, op: tuple) -> None:
        j = k.journal
        if op[0] == "advance" and j and j[-1][0] == "advance":
            j[-1] = op  # (two moves of the clock with nothing between: the last one)
        else:
            j.append(op)
        if op[0] != "count":
            k.brought = k.quiet = False

    def _brought(self, k: Kept, s) -> None:
        if not k.brought and s.clock is not None:
            k.journal.append(("bring",))
            k.brought = True
        k.failed = list(s.failed.diagnostics) if s.failed is not None else None

    def add(self, contract: str, lines) -> int:
        s = self.session(contract, create=True)
        k = self.kept[contract]
        before, facts, failed = s.lines, len(s.facts), s.failed
        try:
            added = s.add(lines)
        except Exception as exc:
            if len(s.facts) != facts or s.failed is not failed:  # (taken, and then the replay failed)
                self._log(k, ("add", lines))
            elif s.lines != before:
                self._log(k, ("count", s.lines - before))
            if not isinstance(exc, QiyueError):  # an engine fault: the session is made again when next used
                self.drop(contract)
            else:
                self._note(contract, s)
            raise
        if added or s.lines != before:
            self._log(k, ("add", lines) if added else ("count", s.lines - before))
        self._note(contract, s)
        return len(added)

    def advance(self, contract: str | None, instant) -> dict:
        """One contract's clock, or every contract's: {contract: diagnostics} of those refused (a clock
        already past the instant — the others are moved all the same)."""
        from ..api import as_of_instant

        at = as_of_instant(instant, "instant")
        if contract is not None:
            self._advance(contract, at)
            return {}
        refused = {}
        for c in list(self.kept):
            try:
                self._advance(c, at)
            except QiyueError as exc:
                refused[c] = list(exc.diagnostics)
        return refused

    def _advance(self, contract: str, at) -> None:
        k = self._kept(contract)
        s = self.live.get(contract)
        if s is not None:
            s.advance(at)
        elif k.clock is not None and at < k.clock:  # (parked: the clock moves without waking the session)
            raise QiyueError([diag("clock_backwards", at=at.isoformat(), clock=k.clock.isoformat())])
        if at != k.clock:
            self._log(k, ("advance", at))
            k.clock = at

    def changes(self, contract: str | None) -> tuple[list, dict]:
        """(contract, change) pairs; and the contracts whose replay failed, with their diagnostics."""
        out, failed = [], {}
        for c in ([contract] if contract is not None else list(self.kept)):
            k = self._kept(c)
            if c not in self.live and k.quiet:  # parked with nothing to say (or its failure again)
                if k.failed is None:
                    continue
                if contract is not None:
                    raise QiyueError(k.failed)
                failed[c] = k.failed
                continue
            try:
                s = self.session(c)
            except QiyueError:
                raise
            except Exception as exc:  # noqa: BLE001 - an engine fault making it again: that contract's only
                if contract is not None:
                    raise
                failed[c] = _fault(exc, c)
                continue
            try:
                said = s.changes(self.lang)
            except QiyueError as exc:
                if contract is not None:
                    raise
                failed[c] = list(exc.diagnostics)
                continue
            except Exception as exc:  # noqa: BLE001 - an engine fault: made again from its calls when next used
                self.drop(c)
                if contract is not None:
                    raise
                failed[c] = _fault(exc, c)
                continue
            finally:
                if c in self.live:
                    self._brought(k, s)
                    k.quiet = True
            k.handed += len(said)
            out.extend((c, ch) for ch in said)
        return out, failed

    def report(self, contract: str, lang: str) -> dict:
        from ..api import check_lang

        check_lang(lang)
        s = self.session(contract)
        try:
            return s.report(lang)
        finally:
            self._brought(self.kept[contract], s)

    def close(self, contract: str) -> bool:
        self.drop(contract)
        return self.kept.pop(contract, None) is not None

    def drop(self, contract: str) -> None:
        """The contract's live session let go (closed); it is made again from its calls when next used."""
        s = self.live.pop(contract, None)
        if s is not None:
            try:
                s.close()
            except Exception:  # noqa: BLE001 - (a session that faulted may not close cleanly: it is dropped anyway)
                pass

    def stats(self) -> dict:
        rss = 0
        try:
            with open("/proc/self/status") as f:
                rss = next((int(x.split()[1]) for x in f if x.startswith("VmRSS")), 0)
        except OSError:
            pass
        return {"contracts": len(self.kept), "live": len(self.live), "parked": len(self.kept) - len(self.live),
                "rebuilt": self.rebuilt, "rss_kib": rss, "pid": os.getpid()}


def _diagnostics(exc: QiyueError) -> list:
    return list(exc.diagnostics)


def serve(conn, rules_text: str, rules_path: str, encoding: str | None, assume, lang: str, max_live,
          backend: str = "reference") -> None:
    """A worker: compile the rules once, then answer requests until told to stop."""
    from ..api import compile_rules

    try:
        rules = compile_rules(rules_text, rules_path, assume=assume)
    except QiyueError as exc:
        conn.send(("error", _diagnostics(exc)))
        return
    rules.encoding = encoding  # (as compile_file records it: the report names it)
    try:
        rules.prepared_for(backend)  # (durable without its extra: said before any fact is sent)
    except QiyueError as exc:
        conn.send(("error", _diagnostics(exc)))
        return
    conn.send(("ok", None))
    here = Contracts(rules, lang, max_live, backend)
    while True:
        try:
            op, args = conn.recv()
        except (EOFError, OSError):
            return
        if op == "stop":
            conn.send(("ok", None))
            return
        try:
            if op == "feed":  # [(contract, lines)] -> [(contract, diagnostics)] of the calls refused
                refused = []
                for contract, lines in args[0]:
                    try:
                        here.add(contract, lines)
                    except QiyueError as exc:
                        refused.append((contract, _diagnostics(exc)))
                    except Exception as exc:  # noqa: BLE001 - an engine fault: that contract's call only
                        refused.append((contract, _fault(exc, contract)))
                conn.send(("ok", refused))
                continue
            result = getattr(here, op)(*args)
            conn.send(("ok", result))
        except QiyueError as exc:
            conn.send(("error", _diagnostics(exc)))
        except Exception as exc:  # noqa: BLE001 - an engine fault: said as an error, the worker goes on
            contract = args[0] if args and isinstance(args[0], str) else "—"
            if isinstance(contract, str) and contract in here.live:  # (made again from its calls when next used)
                here.drop(contract)
            conn.send(("error", _fault(exc, contract)))


def _fault(exc: Exception, contract: str) -> list:
    return [diag("live_worker_died", worker=os.getpid(), contract=contract, exitcode=f"{type(exc).__name__}: {exc}")]


def _shown(value) -> str:
    """A wrong argument as the caller wrote it, cut short (its type's name said nothing: "not str" of a str)."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:50]}…（{type(value).__name__}）"


class Host:
    """Many contracts' live sessions over worker processes (the module's docstring)."""

    def __init__(self, rules: str | Path, *, processes: int | None = None, max_live: int | None = None,
                 assume: Mapping[str, str] | None = None, lang: str = "zh", text: str | None = None,
                 backend: str = "reference"):
        from ..api import check_lang, read_text_and_encoding

        check_lang(lang)
        self.path, encoding = str(rules), None
        if text is None:
            text, encoding = read_text_and_encoding(rules, "rule file")
        for what, n in (("processes", processes), ("max_live", max_live)):
            if n is not None and (type(n) is not int or n < 1):
                raise QiyueError([diag("bad_input", what=what, given=_shown(n), accepted=word("input.max_live"))])
        self.n = processes or os.cpu_count() or 1
        self.held: list[set] = [set() for _ in range(self.n)]  # each worker's contracts, by name (a dead one's)
        self.failed: dict = {}
        self.dead: dict = {}  # worker -> its exit code: every later call to it is live_worker_died
        self.closed = False  # (shut down: every later call says so — not that a worker died)
        # fork where there is one (Linux): a worker needs no import of the caller's __main__, which
        # spawn would run again (a script without an `if __name__ == "__main__"` guard, a REPL).  The
        # worker compiles the rules itself, so nothing of this process's state is relied on.
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.conns, self.procs = [], []
        try:
            for _ in range(self.n):
                parent, child = ctx.Pipe()
                p = ctx.Process(target=serve, args=(child, text, self.path, encoding, dict(assume or {}), lang, max_live,
                                                    backend), daemon=True)
                p.start()
                child.close()
                self.conns.append(parent)
                self.procs.append(p)
            for i in range(self.n):
                self._answer(i, None)
        except BaseException:
            self.shutdown()
            raise

    # ------------------------------------------------------------------ talking to a worker
    def _died(self, i: int, contract: str | None) -> QiyueError:
        """Worker i is gone: its error, the same for every later call to it."""
        if self.closed:  # (the host was shut down — `with Host(…)` left —: no worker died)
            return QiyueError([diag("live_host_closed", contract=contract or "—", hint="hint:live_host_closed")])
        if i not in self.dead:
            p = self.procs[i]
            p.join(timeout=5)
            self.dead[i] = p.exitcode if p.exitcode is not None else "?"
        return QiyueError([diag("live_worker_died", worker=i + 1, contract=contract or "—", exitcode=self.dead[i])])

    def _answer(self, i: int, contract: str | None):
        if i in self.dead:
            raise self._died(i, contract)
        try:
            status, value = self.conns[i].recv()
        except (EOFError, OSError):
            raise self._died(i, contract) from None
        if status == "error":
            raise QiyueError(value)
        return value

    def _send(self, i: int, op: str, args: tuple, contract: str | None = None) -> bool:
        """Send a request to worker i: False (the worker noted as dead) if it cannot be."""
        if i in self.dead:
            return False
        try:
            self.conns[i].send((op, args))
        except (OSError, ValueError):
            self._died(i, contract)
            return False
        return True

    def _ask(self, i: int, op: str, args: tuple, contract: str | None = None):
        if not self._send(i, op, args, contract):
            raise self._died(i, contract)
        return self._answer(i, contract)

    def _all(self, op: str, args: tuple) -> dict:
        """The same request to every worker, every answer read (a worker that died is its error):
        {worker: ("ok", value) or ("error", QiyueError)}, the workers kept in step with the host."""
        sent = [i for i in range(self.n) if self._send(i, op, args)]
        out = {}
        for i in range(self.n):
            try:
                out[i] = ("ok", self._answer(i, None)) if i in sent else ("error", self._died(i, None))
            except QiyueError as exc:
                out[i] = ("error", exc)
        return out

    def _lost(self, i: int, exc: QiyueError) -> dict:
        """The contracts worker i held, each with its error (the worker died, or the call failed)."""
        return {c: self._died(i, c) if i in self.dead else exc for c in self.held[i]}

    def _of(self, contract: str) -> int:
        if not isinstance(contract, str):
            raise QiyueError([diag("bad_input", what="contract", given=type(contract).__name__,
                                   accepted=word("input.contract"))])
        return worker_of(contract, self.n)

    # ------------------------------------------------------------------ the API
    def add(self, contract: str, facts) -> int:
        """Add one contract's facts (a JSON line, a text of lines, lines, fact dicts): how many were added."""
        from ..api import fact_lines

        lines, _, _ = fact_lines([facts] if isinstance(facts, dict) else facts)  # (as Session.add takes them)
        i = self._of(contract)
        self.held[i].add(contract)
        return self._ask(i, "add", (contract, lines), contract)

    def feed(self, pairs: Iterable[tuple[str, str]]) -> dict:
        """Facts of many contracts, ``(contract, line)`` in the order they came: one message per worker.
        Returns {contract: QiyueError} for the contracts whose lines were refused (the others went in)
        — a contract of a worker that died is refused with ``live_worker_died``."""
        from ..api import fact_lines

        if isinstance(pairs, (str, bytes)) or not isinstance(pairs, Iterable):  # (None, a number, one line)
            raise QiyueError([diag("bad_input", what="feed", given=_shown(pairs), accepted=word("input.pairs"))])
        batches: list[dict] = [dict() for _ in range(self.n)]
        for pair in pairs:
            if not isinstance(pair, (tuple, list)) or len(pair) != 2 or not isinstance(pair[0], str):
                # (a line of the wrong kind is refused for its contract alone, as a session refuses it)
                raise QiyueError([diag("bad_input", what="feed", given=_shown(pair), accepted=word("input.pair"))])
            contract, line = pair
            batches[self._of(contract)].setdefault(contract, []).append(line)
        sent = []
        refused = {}
        for i, batch in enumerate(batches):
            for contract, lines in list(batch.items()):  # (lines or fact dicts, as a session takes them)
                try:
                    batch[contract] = fact_lines(lines)[0]
                except QiyueError as exc:  # (refused as the session refuses them: before a line is counted)
                    refused[contract] = exc
                    del batch[contract]
            if batch:
                self.held[i].update(batch)
                if self._send(i, "feed", (list(batch.items()),)):
                    sent.append(i)
                else:
                    refused.update({c: self._died(i, c) for c in batch})
        for i in sent:
            try:
                for contract, diags in self._answer(i, None):
                    refused[contract] = QiyueError(diags)
            except QiyueError:
                refused.update({c: self._died(i, c) for c in batches[i]})
        return refused

    def advance(self, instant, contract: str | None = None) -> dict | None:
        """Move one contract's clock, or every contract's, on to ``instant``.  For every contract: returns
        {contract: QiyueError} of those not moved (a clock already past it, a worker that died) — the
        others are moved; for one contract, its error is raised."""
        from ..api import as_of_instant

        at = as_of_instant(instant, "instant")  # (a bad instant is refused here, for every contract alike)
        if contract is not None:
            self._ask(self._of(contract), "advance", (contract, at), contract)
            return None
        refused = {}
        for i, (status, value) in self._all("advance", (None, at)).items():
            if status == "ok":
                refused.update({c: QiyueError(d) for c, d in value.items()})
            elif i in self.dead:
                refused.update(self._lost(i, value))
            else:
                refused.update(self._lost(i, value))  # (an engine fault: that worker's contracts)
        return refused

    def changes(self, contract: str | None = None) -> list[tuple[str, dict]]:
        """What changed since the last call: (contract, change) pairs, each contract's in time order.
        For every contract at once, a contract whose replay fails (or whose worker died) is left out and
        its error kept in ``self.failed`` ({contract: QiyueError}); for one contract, the error is raised."""
        if contract is not None:
            out, _ = self._ask(self._of(contract), "changes", (contract,), contract)
            return out
        out, self.failed = [], {}
        for i, (status, value) in self._all("changes", (None,)).items():
            if status == "ok":
                part, failed = value
                out.extend(part)
                self.failed.update({c: QiyueError(d) for c, d in failed.items()})
            else:
                self.failed.update(self._lost(i, value))
        return out

    def report(self, contract: str, lang: str = "zh") -> dict:
        """The contract's report as of its clock (== evaluate of its lines at that instant)."""
        return self._ask(self._of(contract), "report", (contract, lang), contract)

    def close(self, contract: str) -> bool:
        """Free a contract's session and lines (it is finished); False if it was not known."""
        i = self._of(contract)
        self.held[i].discard(contract)
        return self._ask(i, "close", (contract,), contract)

    def stats(self) -> list[dict]:
        """Per worker: contracts, live and parked sessions, rebuilds, resident memory (KiB)."""
        return [value if status == "ok" else {"contracts": len(self.held[i]), "live": 0, "parked": 0, "rebuilt": 0,
                                              "rss_kib": 0, "pid": None, "dead": self.dead.get(i)}
                for i, (status, value) in self._all("stats", ()).items()]

    def shutdown(self) -> None:
        self.closed = True
        for conn, p in zip(self.conns, self.procs):
            try:
                conn.send(("stop", ()))
            except (OSError, ValueError):
                pass
        for i, (conn, p) in enumerate(zip(self.conns, self.procs)):
            p.join(timeout=5)
            if p.is_alive():
                p.kill()
                p.join()
            conn.close()
            self.dead.setdefault(i, p.exitcode if p.exitcode is not None else "?")
        # (the lists are kept: a later call is live_worker_died, as for a worker that died)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()
