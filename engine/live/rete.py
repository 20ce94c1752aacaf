"""durable_rules driven synchronously and deterministically: one ruleset, any number of sessions.

durable_rules' Python layer (``durable.lang`` / ``durable.engine.Host``) starts two
``threading.Timer`` threads that dispatch actions and timers in the background every 0.2–0.5 s, runs
actions under a 5-second lease, and swallows an action's exception into the session's state.  None
of that suits a replay that must give the same verdicts every time.  This module calls the C engine
(``durable_rules_engine``) directly: a fact is asserted, and the actions it makes ready are taken
at once, in the same call, until none is left — no thread, no timer, no wall clock.  (The C engine
still reads ``time(NULL)`` to stamp an action's lease, 30 s, and for its own timers; an action taken
and completed within one call never meets the lease, and no rule here uses ``$t`` timers.)

Limits measured (bench/live.py, docs/live.md): a ruleset holds at most 1,024 sessions — the 1,025th
is refused with ``MemoryError`` (the C engine's ``MAX_STATE_INDEX_LENGTH``) — so ``Pool`` spreads
sessions over copies of a ruleset; a correlation on the reserved attribute ``id`` crashes the
process (segmentation fault), so fact ids travel as an ordinary attribute (``ID``); a message's
identity is a 32-bit hash of its ``id``, so distinct ids collide and a fact is silently dropped as
"already seen" (see ``Ruleset.assert_fact``); and
``delete_state`` frees two pointers of the session's action context that the C engine never sets
when it makes a session (``stateNode.context.messages`` / ``.stateFact``: whatever the heap held
there) — ``free(): invalid pointer`` or a segmentation fault as soon as the process has used its heap
(``import orjson`` is enough), unless the session has completed an action, which sets both to NULL.
So every session is opened with an event that completes the rule ``OPEN`` (an event, consumed: it
is not kept), and only then used.
"""
from __future__ import annotations

import json
from itertools import count

import orjson

from . import durable_engine

# the reserved keys of a message: its session, its identity, its type; a fact's own attributes are
# prefixed (``A + name``) so that no attribute of a rule file can be taken for one of them
SID, MID, TYPE, ID, A = "sid", "id", "qy_type", "qy_id", "a_"

MAX_SESSIONS = 1024  # per ruleset: durable_rules' MAX_STATE_INDEX_LENGTH

OPEN = "qy:open"  # the rule (and the event type) a session is opened with; see above (a colon: no name of a rule file)

_NOT_HANDLED, _OBSERVED = 1, 2
_SID_NOT_FOUND = "error code: 309"
_names = count()


def _text(fact: dict) -> str:
    """A message as the C engine reads it: JSON text, made by orjson (as ``json.dumps`` with
    ``ensure_ascii=False`` would, several times faster); an integer beyond 64 bits (an amount of 10^17 fen)
    by ``json.dumps``, as before."""
    try:
        return orjson.dumps(fact).decode()
    except TypeError:
        return json.dumps(fact, ensure_ascii=False)


class Beyond(Exception):
    """A fact durable_rules cannot hold as it is (a text of 64 KiB or more: it compares texts over
    16-bit lengths; more properties than a message holds; no message identity left for it): its
    evaluation's lines become qiyue's."""


class Ruleset:
    """One durable_rules ruleset: ``rules`` maps a rule's name to its antecedent (``{"all": [...]}``
    in durable_rules' JSON form); ``assert_fact`` gives the rules each fact completes."""

    def __init__(self, rules: dict[str, dict], name: str = "qiyue"):
        self.engine = durable_engine()
        self.definition = {r: dict(a) for r, a in rules.items()}
        self.definition[OPEN] = {"all": [{"m": {TYPE: OPEN}}]}
        self.name = f"{name}-{next(_names)}"
        self.handle = self.engine.create_ruleset(self.name, json.dumps(self.definition, ensure_ascii=False))
        self.sessions: set[str] = set()

    def assert_fact(self, fact: dict) -> list[tuple[str, dict]]:
        """Assert ``fact`` (a message with ``sid`` and ``id``) in its session; each (rule, bindings) it
        completes, bindings as {alias: message}.  A fact with qiyue's ``ID`` is new by construction: if
        its message identity collides with another's, it is asserted under a salted one (``fact`` is
        updated, so that ``retract_fact`` finds it); without ``ID``, a fact whose ``id`` the session has
        seen completes nothing again."""
        e = self.engine
        sid = fact[SID]
        if sid not in self.sessions and len(self.sessions) >= MAX_SESSIONS:
            raise MemoryError(f"a durable_rules ruleset holds at most {MAX_SESSIONS} sessions")
        if sid not in self.sessions:
            self.open(sid)
        code, state = e.assert_fact(self.handle, _text(fact))
        salt, mid = 0, fact[MID]
        while code == _OBSERVED and salt < 8 and fact.get(ID) is not None:
            # a message's identity is a 32-bit FNV-1a hash of its `id`: two ids of one session can
            # collide (92 of 200,000 ids "i0".."p99999" did), and the later fact is silently taken for
            # the earlier — or a fact's id may be the very identity of another message (a copy's
            # `qy:copy1:v1`, a reviewer's case).  qiyue's ids are unique already (its own ``ID`` attribute
            # carries the id), so a colliding one is asserted again under another message identity
            salt += 1
            fact[MID] = f"{mid}#{salt}"
            code, state = e.assert_fact(self.handle, _text(fact))
        if code == _OBSERVED and fact.get(ID) is not None:  # (every identity tried taken: never a fact lost)
            fact[MID] = mid
            raise Beyond(f"no message identity left for {mid!r}")
        if code in (_NOT_HANDLED, _OBSERVED):
            return []
        return self._take_actions(state)

    def open(self, sid: str):
        """Make the session ``sid`` and complete one action in it (so that it can be deleted safely)."""
        code, state = self.engine.assert_event(self.handle, json.dumps({SID: sid, MID: OPEN, TYPE: OPEN}))
        self.sessions.add(sid)
        taken = self._take_actions(state) if code == 0 else []
        if [r for r, _ in taken] != [OPEN]:  # pragma: no cover - the C engine's own contract
            raise RuntimeError(f"durable_rules did not open session {sid!r}: {code}, {taken!r}")

    def retract_fact(self, fact: dict) -> list[tuple[str, dict]]:
        code, state = self.engine.retract_fact(self.handle, _text(fact))
        return [] if code in (_NOT_HANDLED, _OBSERVED) else self._take_actions(state)

    def _take_actions(self, state: int) -> list[tuple[str, dict]]:
        e, out = self.engine, []
        started = e.start_action_for_state(self.handle, state)
        if started is None:
            return out
        messages = started[1]
        try:
            while messages is not None:
                out.extend(json.loads(messages).items())
                messages = e.complete_and_start_action(self.handle, state)
        except BaseException:
            e.abandon_action(self.handle, state)
            raise
        return out

    def facts(self, sid: str) -> list[dict]:
        """The facts the session keeps (those some rule's condition may still need)."""
        try:
            return json.loads(self.engine.get_facts(self.handle, sid))
        except Exception as exc:  # noqa: BLE001 - the C engine's one error type
            if _SID_NOT_FOUND in str(exc):
                return []
            raise

    def delete_session(self, sid: str) -> bool:
        """Free a session (a contract that is finished); False if there was none."""
        self.sessions.discard(sid)
        try:
            self.engine.delete_state(self.handle, sid)
        except Exception as exc:  # noqa: BLE001
            if _SID_NOT_FOUND in str(exc):
                return False
            raise
        return True

    def close(self):
        """Free the ruleset itself (its sessions first: deleting a ruleset alone leaks theirs)."""
        if self.handle is not None:
            for sid in list(self.sessions):
                self.delete_session(sid)
            self.engine.delete_ruleset(self.handle)
            self.handle = None


class Pool:
    """Any number of sessions over copies of one ruleset, at most ``per_ruleset`` sessions each (a
    ruleset refuses its 1,025th).  A copy whose sessions were all deleted is freed."""

    def __init__(self, rules: dict[str, dict], name: str = "qiyue", per_ruleset: int = MAX_SESSIONS):
        self.rules, self.name, self.per_ruleset = rules, name, min(per_ruleset, MAX_SESSIONS)
        self.copies: list[Ruleset] = []
        self.home: dict[str, Ruleset] = {}

    def ruleset_for(self, sid: str) -> Ruleset:
        rs = self.home.get(sid)
        if rs is None:
            rs = next((c for c in self.copies if len(c.sessions) < self.per_ruleset), None)
            if rs is None:
                rs = Ruleset(self.rules, self.name)
                self.copies.append(rs)
            rs.open(sid)
            self.home[sid] = rs
        return rs

    def assert_fact(self, fact: dict) -> list[tuple[str, dict]]:
        return self.ruleset_for(fact[SID]).assert_fact(fact)

    def delete_session(self, sid: str) -> bool:
        rs = self.home.pop(sid, None)
        if rs is None:
            return False
        rs.delete_session(sid)
        if not rs.sessions:
            self.copies.remove(rs)
            rs.close()
        return True

    def close(self):
        for rs in self.copies:
            rs.close()
        self.copies, self.home = [], {}


__all__ = ["A", "Beyond", "ID", "MAX_SESSIONS", "MID", "Pool", "Ruleset", "SID", "TYPE"]
