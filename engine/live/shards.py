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
  session used least recently is *parked*: what it has to say is taken first (kept for the next
  ``changes``), and then only its accepted lines and its clock are kept (a few KiB). The next
  time the contract is used, the session is made again from those lines — facts, then the clock —
  and the changes that rebuild repeats are dropped (they were said already).  A rebuilt session's
  reports and later changes are those the session would have given: a live session's state is a
  function of its lines and its clock (``Session.report`` equals ``evaluate`` of every line).
- ``close(contract)`` frees a contract's session and its lines (a contract that is finished).

Errors are values, as everywhere: a bad line or a fact before the contract's clock refuses that
call for that contract only (``QiyueError`` with the usual diagnostics; ``feed`` returns them per
contract and goes on with the others); a contract never given a fact is ``live_unknown_contract``.
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


class Contracts:
    """One worker's contracts: live sessions (at most ``max_live``) and parked ones."""

    def __init__(self, rules, lang: str, max_live: int | None):
        self.rules, self.lang, self.max_live = rules, lang, max_live
        self.live: OrderedDict = OrderedDict()  # contract -> Session, least recently used first
        self.lines: dict = {}  # contract -> the lines its session accepted, in order
        self.parked: dict = {}  # contract -> (its clock when parked, its clock now)
        self.said: dict = {}  # contract -> changes taken from its session before it was parked
        self.rebuilt = 0

    def session(self, contract: str, create: bool = False):
        """The contract's live session: made again from its lines if it was parked."""
        s = self.live.get(contract)
        if s is not None:
            self.live.move_to_end(contract)
            return s
        if contract not in self.lines:
            if not create:
                raise QiyueError([diag("live_unknown_contract", contract=contract)])
            self.lines[contract] = []
        s = self.rules.session(f"<{contract}>")
        if contract in self.parked:
            was, now = self.parked.pop(contract)
            if self.lines[contract]:
                s.add(self.lines[contract])
            if was is not None:
                s.advance(was)
            try:
                s.changes(self.lang)  # (what it said before it was parked: said already)
            except QiyueError:
                pass  # (a replay that fails says so again at the next look)
            if now is not None and (was is None or now > was):
                s.advance(now)
            self.rebuilt += 1
        self.live[contract] = s
        self._park()
        return s

    def _park(self):
        while self.max_live is not None and len(self.live) > self.max_live:
            contract, s = self.live.popitem(last=False)
            try:
                self.said.setdefault(contract, []).extend(s.changes(self.lang))
            except QiyueError:
                pass
            self.parked[contract] = (s.clock, s.clock)

    def add(self, contract: str, lines: list[str]) -> int:
        added = self.session(contract, create=True).add(lines)
        self.lines[contract].extend(lines)
        return len(added)

    def advance(self, contract: str | None, instant) -> None:
        from ..api import as_of_instant

        at = as_of_instant(instant)
        for c in ([contract] if contract is not None else list(self.lines)):
            if c in self.parked:  # the clock moves without waking the session
                was, now = self.parked[c]
                if now is not None and at < now:
                    raise QiyueError([diag("clock_backwards", at=at.isoformat(), clock=now.isoformat())])
                self.parked[c] = (was, at)
            else:
                self.session(c).advance(at)

    def changes(self, contract: str | None) -> tuple[list, dict]:
        """(contract, change) pairs; and the contracts whose replay failed, with their diagnostics."""
        out, failed = [], {}
        for c in ([contract] if contract is not None else list(self.lines)):
            if c not in self.lines:
                raise QiyueError([diag("live_unknown_contract", contract=c)])
            said = self.said.pop(c, [])
            moved = c in self.parked and self.parked[c][0] != self.parked[c][1]
            if c in self.live or moved:
                try:
                    said.extend(self.session(c).changes(self.lang))
                except QiyueError as exc:
                    if contract is not None:
                        raise
                    failed[c] = list(exc.diagnostics)
            out.extend((c, ch) for ch in said)
        return out, failed

    def report(self, contract: str, lang: str) -> dict:
        return self.session(contract).report(lang)

    def close(self, contract: str) -> bool:
        known = contract in self.lines
        for kept in (self.live, self.lines, self.parked, self.said):
            kept.pop(contract, None)
        return known

    def stats(self) -> dict:
        rss = 0
        try:
            with open("/proc/self/status") as f:
                rss = next((int(x.split()[1]) for x in f if x.startswith("VmRSS")), 0)
        except OSError:
            pass
        return {"contracts": len(self.lines), "live": len(self.live), "parked": len(self.parked),
                "rebuilt": self.rebuilt, "rss_kib": rss, "pid": os.getpid()}


def _diagnostics(exc: QiyueError) -> list:
    return list(exc.diagnostics)


def serve(conn, rules_text: str, rules_path: str, encoding: str | None, assume, lang: str, max_live) -> None:
    """A worker: compile the rules once, then answer requests until told to stop."""
    from ..api import compile_rules

    try:
        rules = compile_rules(rules_text, rules_path, assume=assume)
    except QiyueError as exc:
        conn.send(("error", _diagnostics(exc)))
        return
    rules.encoding = encoding  # (as compile_file records it: the report names it)
    conn.send(("ok", None))
    here = Contracts(rules, lang, max_live)
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
                conn.send(("ok", refused))
                continue
            result = getattr(here, op)(*args)
            conn.send(("ok", result))
        except QiyueError as exc:
            conn.send(("error", _diagnostics(exc)))
        except Exception as exc:  # noqa: BLE001 - an engine fault: said as an error, the worker goes on
            conn.send(("error", [diag("live_worker_died", worker=os.getpid(), contract=str(args[:1]),
                                      exitcode=f"{type(exc).__name__}: {exc}")]))


class Host:
    """Many contracts' live sessions over worker processes (the module's docstring)."""

    def __init__(self, rules: str | Path, *, processes: int | None = None, max_live: int | None = None,
                 assume: Mapping[str, str] | None = None, lang: str = "zh", text: str | None = None):
        from ..api import check_lang, read_text_and_encoding

        check_lang(lang)
        self.path, encoding = str(rules), None
        if text is None:
            text, encoding = read_text_and_encoding(rules, "rule file")
        self.n = max(1, processes or os.cpu_count() or 1)
        if max_live is not None and max_live < 1:
            raise QiyueError([diag("bad_input", what="max_live", given=str(max_live), accepted=word("input.max_live"))])
        self.failed: dict = {}
        # fork where there is one (Linux): a worker needs no import of the caller's __main__, which
        # spawn would run again (a script without an `if __name__ == "__main__"` guard, a REPL).  The
        # worker compiles the rules itself, so nothing of this process's state is relied on.
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.conns, self.procs = [], []
        try:
            for _ in range(self.n):
                parent, child = ctx.Pipe()
                p = ctx.Process(target=serve, args=(child, text, self.path, encoding, dict(assume or {}), lang, max_live),
                                daemon=True)
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
    def _answer(self, i: int, contract: str | None):
        conn, p = self.conns[i], self.procs[i]
        try:
            status, value = conn.recv()
        except (EOFError, OSError):
            p.join(timeout=5)
            raise QiyueError([diag("live_worker_died", worker=i + 1, contract=contract or "—",
                                   exitcode=p.exitcode if p.exitcode is not None else "?")]) from None
        if status == "error":
            raise QiyueError(value)
        return value

    def _ask(self, i: int, op: str, args: tuple, contract: str | None = None):
        try:
            self.conns[i].send((op, args))
        except (OSError, ValueError):
            p = self.procs[i]
            p.join(timeout=5)
            raise QiyueError([diag("live_worker_died", worker=i + 1, contract=contract or "—",
                                   exitcode=p.exitcode if p.exitcode is not None else "?")]) from None
        return self._answer(i, contract)

    def _of(self, contract: str) -> int:
        if not isinstance(contract, str):
            raise QiyueError([diag("bad_input", what="contract", given=type(contract).__name__,
                                   accepted=word("input.contract"))])
        return worker_of(contract, self.n)

    # ------------------------------------------------------------------ the API
    def add(self, contract: str, facts) -> int:
        """Add one contract's facts (a JSON line, a text of lines, lines): how many facts were added."""
        from ..api import fact_lines

        lines, _, _ = fact_lines(facts)
        return self._ask(self._of(contract), "add", (contract, lines), contract)

    def feed(self, pairs: Iterable[tuple[str, str]]) -> dict:
        """Facts of many contracts, ``(contract, line)`` in the order they came: one message per worker.
        Returns {contract: QiyueError} for the contracts whose lines were refused (the others went in)."""
        batches: list[dict] = [dict() for _ in range(self.n)]
        for contract, line in pairs:
            batches[self._of(contract)].setdefault(contract, []).append(line)
        sent = []
        for i, batch in enumerate(batches):
            if batch:
                self._send(i, "feed", (list(batch.items()),))
                sent.append(i)
        refused = {}
        for i in sent:
            for contract, diags in self._answer(i, None):
                refused[contract] = QiyueError(diags)
        return refused

    def _send(self, i: int, op: str, args: tuple):
        try:
            self.conns[i].send((op, args))
        except (OSError, ValueError):
            self._answer(i, None)  # (raises live_worker_died)

    def advance(self, instant, contract: str | None = None) -> None:
        """Move one contract's clock, or every contract's, on to ``instant``."""
        if contract is not None:
            self._ask(self._of(contract), "advance", (contract, instant), contract)
            return
        for i in range(self.n):
            self._send(i, "advance", (None, instant))
        for i in range(self.n):
            self._answer(i, None)

    def changes(self, contract: str | None = None) -> list[tuple[str, dict]]:
        """What changed since the last call: (contract, change) pairs, each contract's in time order.
        For every contract at once, a contract whose replay fails is left out and its error kept in
        ``self.failed`` ({contract: QiyueError}); for one contract, the error is raised."""
        if contract is not None:
            out, _ = self._ask(self._of(contract), "changes", (contract,), contract)
            return out
        for i in range(self.n):
            self._send(i, "changes", (None,))
        out, self.failed = [], {}
        for i in range(self.n):
            part, failed = self._answer(i, None)
            out.extend(part)
            self.failed.update({c: QiyueError(d) for c, d in failed.items()})
        return out

    def report(self, contract: str, lang: str = "zh") -> dict:
        """The contract's report as of its clock (== evaluate of its lines at that instant)."""
        return self._ask(self._of(contract), "report", (contract, lang), contract)

    def close(self, contract: str) -> bool:
        """Free a contract's session and lines (it is finished); False if it was not known."""
        return self._ask(self._of(contract), "close", (contract,), contract)

    def stats(self) -> list[dict]:
        """Per worker: contracts, live and parked sessions, rebuilds, resident memory (KiB)."""
        for i in range(self.n):
            self._send(i, "stats", ())
        return [self._answer(i, None) for i in range(self.n)]

    def shutdown(self) -> None:
        for conn, p in zip(self.conns, self.procs):
            try:
                conn.send(("stop", ()))
            except (OSError, ValueError):
                pass
        for conn, p in zip(self.conns, self.procs):
            p.join(timeout=5)
            if p.is_alive():
                p.kill()
                p.join()
            conn.close()
        self.conns, self.procs = [], []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()
