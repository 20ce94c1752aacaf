"""Many contracts live at once over worker processes (engine/live/shards.py, issue 14 item 4): each
contract's changes and report are those of its own session, whether its session stayed in memory or
was parked and made again; a bad line, an unknown contract, a dead worker are errors, never a hang."""
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from engine.api import compile_file, fact_lines
from engine.diagnostics import QiyueError
from engine.live.shards import Host, worker_of
from qiyue.testing import fact_streams

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "gzmz-2025-it-ops.qy"
STREAMS = ["full-year", "force-majeure", "data-leak", "interruption-late", "late-payment", "payments",
           "missed-review", "address-change"]


def lines(name):
    return (ROOT / "facts" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()


def in_time_order(ls):
    return sorted(ls, key=lambda l: json.loads(l)["at"])


@pytest.fixture(scope="module")
def rules():
    return compile_file(SEED)


def same(a, b):
    return json.dumps(a, sort_keys=True, default=str) == json.dumps(b, sort_keys=True, default=str)


@pytest.mark.parametrize("max_live", [None, 1, 3])
def test_each_contract_says_what_its_own_session_says(rules, max_live):
    """Eight contracts (one scenario each), fed in bursts interleaved across contracts, with the clock of
    every contract moved on between bursts: the changes of each, and its report at the end, are those of
    one session fed the same way — with max_live 1 every use of a contract makes it again from its lines."""
    streams = {f"c-{n}": in_time_order(lines(n)) for n in STREAMS}
    alone = {c: rules.session(f"<{c}>") for c in streams}
    said_alone = {c: [] for c in streams}
    said = {c: [] for c in streams}
    with Host(SEED, processes=2, max_live=max_live) as host:
        for step in range(4):
            pairs = []
            for c, ls in streams.items():
                part = ls[step * len(ls) // 4:(step + 1) * len(ls) // 4]
                pairs += [(c, l) for l in part]
                if part:
                    alone[c].add(part)
            assert host.feed(pairs) == {}
            for c, ch in host.changes():
                said[c].append(ch)
            for c, s in alone.items():
                said_alone[c] += s.changes()
        for c in streams:  # a deadline passes while a contract is parked: said when it is next looked at
            host.advance("2026-12-31T00:00:00+08:00", c)
            alone[c].advance("2026-12-31T00:00:00+08:00")
        for c, ch in host.changes():
            said[c].append(ch)
        for c, s in alone.items():
            said_alone[c] += s.changes()
            assert said[c] == said_alone[c], c
            assert same(host.report(c, "en"), s.report("en")), c
        stats = host.stats()
        assert sum(w["contracts"] for w in stats) == len(streams)
        if max_live == 1:
            assert all(w["live"] <= 1 for w in stats) and sum(w["rebuilt"] for w in stats) > 0


def test_a_report_is_the_evaluation_of_the_contracts_lines(rules):
    ls = lines("full-year")
    with Host(SEED, processes=1) as host:
        host.add("a", ls)
        host.advance("2026-08-31T00:00:00+08:00")
        got = host.report("a")
    want = rules.evaluate(ls, "2026-08-31T00:00:00+08:00")
    assert same({k: v for k, v in got.items() if k != "facts"}, {k: v for k, v in want.items() if k != "facts"})


def test_a_bad_line_refuses_that_contract_only_and_the_others_go_on(rules):
    good = in_time_order(lines("data-leak"))
    with Host(SEED, processes=2) as host:
        refused = host.feed([("good", l) for l in good] + [("bad", '{"id": "x", "type": "no_such_type", "at": "2026-01-01"}')])
        assert list(refused) == ["bad"] and refused["bad"].diagnostics[0].code
        assert host.changes("good")
        with pytest.raises(QiyueError) as exc:  # a fact before the contract's clock
            host.add("good", '{"id": "early", "type": "contract_signed", "at": "2025-01-01T00:00:00+08:00"}')
        assert exc.value.diagnostics[0].code == "fact_before_clock"
        with pytest.raises(QiyueError) as exc:
            host.report("nobody")
        assert exc.value.diagnostics[0].code == "live_unknown_contract"
        assert host.close("good") and not host.close("good")
        with pytest.raises(QiyueError):
            host.report("good")


def test_wrong_arguments_are_errors(rules):
    with pytest.raises(QiyueError) as exc:
        Host(SEED, processes=1, max_live=0)
    assert exc.value.diagnostics[0].code == "bad_input"
    with Host(SEED, processes=1) as host:
        with pytest.raises(QiyueError) as exc:
            host.add(7, lines("data-leak"))
        assert exc.value.diagnostics[0].code == "bad_input"
        for wrong in (None, 5, "c1"):  # (a fuzzer: None was a TypeError; a string was read pair by letter)
            with pytest.raises(QiyueError) as exc:
                host.feed(wrong)
            assert exc.value.diagnostics[0].code == "bad_input"


def test_a_dead_worker_is_an_error_for_its_contracts_and_the_others_go_on(rules):
    ls = in_time_order(lines("data-leak"))
    with Host(SEED, processes=2) as host:
        a = next(f"c{i}" for i in range(100) if worker_of(f"c{i}", 2) == 0)
        b = next(f"c{i}" for i in range(100) if worker_of(f"c{i}", 2) == 1)
        host.feed([(a, l) for l in ls] + [(b, l) for l in ls])
        host.procs[0].kill()
        host.procs[0].join()
        with pytest.raises(QiyueError) as exc:
            host.report(a)
        assert exc.value.diagnostics[0].code == "live_worker_died"
        assert host.report(b)["obligations"]


def test_a_contract_belongs_to_the_same_worker_in_every_run():
    assert [worker_of(f"contract-{i}", 4) for i in range(8)] == [worker_of(f"contract-{i}", 4) for i in range(8)]
    assert len({worker_of(f"contract-{i}", 4) for i in range(100)}) == 4


# ---------------------------------------------------------------------------- opposing counsel: a Host beside plain sessions
# Every case below drives a Host and, beside it, one plain `rules.session()` per contract fed the same lines
# in the same calls and advanced the same way; each answer of the Host (changes in order, reports, errors
# with their diagnostics' codes, lines and arguments) must be the plain session's.


def diags(exc):
    return [(d.code, d.span.line if d.span else None, json.dumps(d.args, sort_keys=True, default=str))
            for d in exc.diagnostics]


def outcome(call):
    """What a call gave: ("ok", value) or ("error", its diagnostics) — never a traceback of another kind."""
    try:
        return "ok", call()
    except QiyueError as exc:
        return "error", diags(exc)


class Twin:
    """A Host and one plain session per contract, fed the same calls; every answer compared."""

    host_lang = "zh"  # (the language the Host's workers word changes in)

    def __init__(self, rules, host, prefix=""):
        self.rules, self.host, self.prefix, self.alone, self.taken = rules, host, prefix, {}, {}

    def name(self, c):
        return self.prefix + c

    def s(self, c):
        if c not in self.alone:
            self.alone[c] = self.rules.session(f"<{self.name(c)}>")
        return self.alone[c]

    def feed(self, pairs):
        """pairs: (contract, line); each contract's lines are one call to its session, as the Host makes them."""
        got = self.host.feed([(self.name(c), l) for c, l in pairs])
        per = {}
        for c, l in pairs:
            per.setdefault(c, []).append(l)
        want = {}
        for c, ls in per.items():
            kind, value = outcome(lambda: self.s(c).add(ls))
            if kind == "error":
                want[self.name(c)] = value
            else:
                self.taken.setdefault(c, []).extend(fact_lines(ls)[0])
        assert {c: diags(e) for c, e in got.items()} == want
        return got

    def advance(self, at, c=None):
        if c is not None:
            got = outcome(lambda: self.host.advance(at, self.name(c)))
            want = outcome(lambda: self.s(c).advance(at))
            assert got == want, c
            return got
        got = self.host.advance(at)
        want = {}
        for x, s in self.alone.items():
            kind, value = outcome(lambda: s.advance(at))
            if kind == "error":
                want[self.name(x)] = value
        assert {x: diags(e) for x, e in (got or {}).items()} == want
        return got

    def changes(self, c=None, lang="zh"):
        if c is not None:
            got = outcome(lambda: self.host.changes(self.name(c)))
            if got[0] == "ok":
                assert all(x == self.name(c) for x, _ in got[1])
                got = ("ok", [ch for _, ch in got[1]])
            want = outcome(lambda: self.s(c).changes(self.host_lang))
            assert got == want, c
            return got
        pairs = self.host.changes()
        got = {}
        for x, ch in pairs:
            if x.startswith(self.prefix):
                got.setdefault(x, []).append(ch)
        want, failed = {}, {}
        for x, s in self.alone.items():
            kind, value = outcome(lambda: s.changes(self.host_lang))
            if kind == "error":
                failed[self.name(x)] = value
            elif value:
                want[self.name(x)] = value
        assert got == want
        assert {x: diags(e) for x, e in self.host.failed.items() if x.startswith(self.prefix)} == failed
        return got

    def report(self, c, lang="zh"):
        got = outcome(lambda: self.host.report(self.name(c), lang))
        want = outcome(lambda: self.s(c).report(lang))
        assert got[0] == want[0] and same(got[1], want[1]), c
        if got[0] == "ok" and self.taken.get(c):  # and `evaluate` of every line the session took, at its clock
            assert same(got[1], self.rules.evaluate(self.taken[c], self.s(c).clock, f"<{self.name(c)}>", lang=lang))
        return got

    def close(self, c):
        got = self.host.close(self.name(c))
        self.alone.pop(c, None)
        self.taken.pop(c, None)
        return got


SIGN = '{"id": "s1", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}'
BOND = ('{"id": "g1", "type": "guarantee_submitted", "at": "2025-07-15T10:00:00+08:00", "purpose": "performance", '
        '"amount": "349000.00", "valid_until": "2026-12-31"}')
LEAK = '{"id": "k1", "type": "data_leak_discovered", "at": "2026-04-10T09:00:00+08:00", "cause": "supplier"}'
NOTE = ('{"id": "n1", "type": "notice_sent", "at": "2026-04-10T09:00:00+08:00", "from": "乙方", "to": "甲方", '
        '"subject": "data_leak", "method": "fax", "ref": "k1"}')
BAD = '{"id": "x", "type": "no_such_type", "at": "2026-01-01"}'


@pytest.fixture(scope="module")
def host1():
    """One worker, one session live: every use of another contract parks the last one."""
    with Host(SEED, processes=1, max_live=1) as host:
        yield host


_names = iter(range(10**9))


@pytest.fixture
def twin(rules, host1):
    t = Twin(rules, host1, f"t{next(_names)}-")
    yield t
    for c in list(t.alone):
        t.close(c)


def park(twin, c="other"):
    """Use another contract of the same worker: with max_live 1 the one used before is parked."""
    twin.feed([(c, SIGN)])


def test_the_same_fact_twice_in_one_feed_and_across_feeds_is_one_fact(twin):
    twin.feed([("a", SIGN), ("a", SIGN), ("a", BOND)])
    park(twin)
    twin.feed([("a", SIGN), ("a", BOND)])
    twin.changes("a")
    park(twin)
    twin.feed([("a", BOND), ("a", LEAK), ("a", LEAK)])
    park(twin)
    twin.changes()
    twin.report("a")


def test_the_same_id_with_other_content_is_refused_with_the_same_lines_after_a_park(twin):
    twin.feed([("a", SIGN), ("a", BAD)])  # refused: its line is still counted, as the session counts it
    twin.feed([("a", BOND)])
    park(twin)
    twin.feed([("a", BOND.replace("349000.00", "1.00"))])  # conflicting_id: names the first one's line
    twin.feed([("a", LEAK)])
    park(twin)
    twin.changes()
    twin.report("a", "en")


def test_facts_of_one_instant_split_over_two_feeds_with_a_park_between(twin):
    twin.feed([("a", SIGN), ("a", BOND), ("a", LEAK)])
    park(twin)  # no changes asked for in between: the plain session took nothing yet
    twin.feed([("a", NOTE)])
    twin.changes("a")
    twin.report("a")


def test_facts_of_one_instant_split_with_changes_asked_between(twin):
    twin.feed([("a", SIGN), ("a", BOND), ("a", LEAK)])
    twin.changes("a")
    park(twin)
    twin.feed([("a", NOTE)])
    park(twin)
    twin.changes()
    twin.report("a")


def test_a_fact_at_exactly_the_parked_contracts_clock(twin):
    twin.feed([("a", SIGN), ("a", BOND)])
    twin.report("a")
    park(twin)
    twin.feed([("a", BOND.replace('"g1"', '"g2"'))])  # the clock's own instant: taken with the others
    park(twin)
    twin.changes()
    twin.report("a")


def test_advance_of_a_parked_contract_then_a_fact_at_that_instant(twin):
    twin.feed([("a", SIGN), ("a", BOND)])
    park(twin)
    twin.advance("2026-04-10T09:00:00+08:00", "a")
    twin.feed([("a", LEAK)])
    park(twin)
    twin.changes("a")
    twin.advance("2026-04-10T09:00:00+08:00", "a")
    twin.changes("a")
    park(twin)
    twin.feed([("a", NOTE)])
    twin.changes()
    twin.report("a")


def test_advance_backwards_of_a_parked_and_of_a_live_contract(twin):
    twin.feed([("a", SIGN), ("a", BOND)])
    twin.advance("2025-08-01", "a")
    park(twin)
    assert twin.advance("2025-07-01", "a")[0] == "error"  # parked
    twin.feed([("a", LEAK)])
    assert twin.advance("2025-07-01", "a")[0] == "error"  # live
    twin.changes()


def test_advance_of_every_contract_refuses_only_those_past_the_instant(twin):
    twin.feed([("a", SIGN), ("b", SIGN), ("c", SIGN)])
    twin.feed([("b", LEAK)])  # b's clock is 2026-04-10
    refused = twin.advance("2025-12-01")
    assert list(refused) == [twin.name("b")]  # (refused for b only: a and c moved all the same)
    twin.changes()
    for c in "abc":
        twin.report(c)


def test_changes_asked_for_one_contract_and_for_all(twin):
    twin.feed([("a", SIGN), ("b", SIGN), ("a", BOND)])
    twin.changes("a")
    twin.advance("2026-01-01")
    twin.changes()
    twin.changes("b")
    twin.changes("a")
    twin.changes()


def test_a_refused_feed_then_a_good_one(twin):
    twin.feed([("a", BAD)])
    twin.feed([("a", SIGN)])
    park(twin)
    twin.feed([("a", "not json"), ("b", SIGN)])
    twin.feed([("a", BOND), ("a", LEAK)])
    park(twin)
    twin.changes()
    twin.report("a", "en")


def test_a_report_in_english(twin):
    twin.feed([(c, l) for l in in_time_order(lines("late-payment")) for c in "ab"])
    twin.advance("2026-12-31")
    twin.report("a", "en")
    twin.report("b", "en")
    twin.changes()


def test_close_then_the_same_contract_again_is_a_new_contract(twin):
    twin.feed([("a", SIGN), ("a", BOND)])
    twin.changes()
    assert twin.close("a")
    with pytest.raises(QiyueError) as exc:
        twin.host.changes(twin.name("a"))
    assert exc.value.diagnostics[0].code == "live_unknown_contract"
    twin.feed([("a", SIGN)])  # the same id again: a new contract's first fact, not a repeated line
    park(twin)
    twin.changes()
    twin.report("a")


@pytest.mark.parametrize("name", ["合同-甲-α", "", "x" * 5000, "a\nb", "\ud800"], ids=["unicode", "empty", "long",
                                                                                     "newline", "surrogate"])
def test_contract_names_of_any_text(twin, name):
    twin.feed([(name, SIGN), (name, BOND)])
    park(twin)
    twin.changes()
    twin.report(name)
    assert twin.close(name)


def test_unknown_contracts_are_said_to_be(host1):
    for call in (lambda: host1.report("nobody-at-all"), lambda: host1.changes("nobody-at-all"),
                 lambda: host1.advance("2026-01-01", "nobody-at-all")):
        with pytest.raises(QiyueError) as exc:
            call()
        assert exc.value.diagnostics[0].code == "live_unknown_contract"
    refused = host1.feed([("nobody-at-all", BAD)])  # a contract whose only lines were refused
    assert list(refused) == ["nobody-at-all"]
    host1.close("nobody-at-all")


DIVIDES = '''\
contract "T" "t" { calendar official }
party 甲方 "a" as buyer
party 乙方 "b" as supplier
param price = ¥100,000.00
event counted "清点" { n: int 0..100 "台数" }
clause "3" "均摊" {
  remedy share "每台均摊" {
    holder 乙方
    for each counted a
    amount price ÷ a.n
  }
}
'''


def counted(i, n, day):
    return json.dumps({"id": f"x{i}", "type": "counted", "at": f"2026-{day}T10:00:00+08:00", "n": n})


@pytest.mark.parametrize("max_live", [None, 1])
def test_a_contract_whose_replay_fails_while_parked(max_live, monkeypatch):
    from engine.api import compile_rules

    # (the rule cache is off: read back from it, a money param's steps say a number — not the Host's doing)
    monkeypatch.setenv("QIYUE_CACHE_DIR", "off")
    rules = compile_rules(DIVIDES, "t.qy")
    with Host("t.qy", text=DIVIDES, processes=1, max_live=max_live) as host:
        t = Twin(rules, host)
        t.feed([("a", counted(1, 2, "03-31")), ("b", counted(1, 2, "03-31"))])
        t.feed([("a", "nonsense")])  # refused: a line all the same (the error names the lines as counted)
        t.feed([("a", counted(2, 0, "04-30")), ("b", counted(2, 4, "04-30"))])  # a's replay fails: ÷ 0
        t.feed([("b", counted(3, 5, "05-30"))])  # a parked
        assert t.changes("a")[0] == "error"
        t.changes()
        assert list(host.failed) == ["a"]
        t.feed([("a", counted(3, 1, "06-30"))])
        t.advance("2026-07-01")
        t.changes()
        assert t.report("a")[0] == "error"
        t.report("b")


def test_three_workers_one_session_live_each_interleaved(rules):
    streams = {f"c-{n}": in_time_order(lines(n)) for n in STREAMS}
    with Host(SEED, processes=3, max_live=1) as host:
        t = Twin(rules, host)
        for step in range(5):
            pairs = []
            for k in range(max(len(ls) for ls in streams.values())):
                for c, ls in streams.items():
                    part = ls[step * len(ls) // 5:(step + 1) * len(ls) // 5]
                    if k < len(part):
                        pairs.append((c, part[k]))
            t.feed(pairs)
            if step % 2:
                t.changes()
            else:
                t.changes(f"c-{STREAMS[step]}")
        t.advance("2026-12-31T00:00:00+08:00")
        t.changes()
        for c in streams:
            t.report(c, "en")


def test_a_dead_worker_in_a_feed_to_many_workers_leaves_the_others_in_step(rules):
    ls = in_time_order(lines("data-leak"))
    with Host(SEED, processes=2) as host:
        a = next(f"c{i}" for i in range(100) if worker_of(f"c{i}", 2) == 0)
        b = next(f"c{i}" for i in range(100) if worker_of(f"c{i}", 2) == 1)
        host.feed([(a, ls[0]), (b, ls[0])])
        host.procs[1].kill()
        host.procs[1].join()
        refused = host.feed([(a, l) for l in ls[1:]] + [(b, l) for l in ls[1:]])
        assert list(refused) == [b] and refused[b].diagnostics[0].code == "live_worker_died"
        assert same(host.report(a), rules.evaluate(ls, json.loads(ls[-1])["at"], f"<{a}>"))
        got = host.changes()
        assert {c for c, _ in got} == {a} and list(host.failed) == [b]
        assert host.failed[b].diagnostics[0].code == "live_worker_died"
        refused = host.advance("2026-12-31")
        assert list(refused) == [b] and refused[b].diagnostics[0].code == "live_worker_died"
        assert host.report(a)["obligations"]
        with pytest.raises(QiyueError) as exc:
            host.changes(b)
        assert exc.value.diagnostics[0].code == "live_worker_died"


def test_an_engine_fault_in_one_contracts_feed_refuses_that_contract_only(rules, monkeypatch):
    from engine.run.session import Session

    real = Session.add

    def add(self, facts):
        if self.path == "<faulty>":
            raise RuntimeError("an engine fault")
        return real(self, facts)

    monkeypatch.setattr(Session, "add", add)  # (the workers are forked: they have it too)
    ls = in_time_order(lines("data-leak"))
    with Host(SEED, processes=2) as host:
        refused = host.feed([("faulty", ls[0])] + [(f"c{i}", l) for i in range(4) for l in ls])
        assert list(refused) == ["faulty"]
        for i in range(4):
            assert host.report(f"c{i}")["obligations"]
        assert sum(w["contracts"] for w in host.stats()) >= 4


# ---------------------------------------------------------------------------- random streams, split at random


_SEED_RULES = compile_file(SEED)


@pytest.fixture(scope="module")
def host2():
    with Host(SEED, processes=2, max_live=1) as host:
        yield host


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_streams_split_into_feeds_agree_with_plain_sessions(host2, data):
    """Three contracts, each a random stream cut at random points into feeds, the feeds of the three
    interleaved (sometimes two contracts' in one call), changes asked for now and then (of one contract or
    of all), reports now and then: with one session live per worker, nearly every use is a rebuild."""
    t = Twin(_SEED_RULES, host2, f"h{next(_names)}-")
    feeds = {}
    ends = {}
    for c in "abc":
        facts, as_of = data.draw(fact_streams(_SEED_RULES), label=c)
        ls = in_time_order([json.dumps(f, ensure_ascii=False) for f in facts])
        cuts = sorted(data.draw(st.sets(st.integers(1, max(1, len(ls) - 1)), max_size=4), label=c + " cuts"))
        feeds[c] = [ls[i:j] for i, j in zip([0] + cuts, cuts + [len(ls)]) if ls[i:j]]
        ends[c] = as_of
    sent = []
    try:
        while any(feeds.values()):
            c = data.draw(st.sampled_from([c for c in feeds if feeds[c]]))
            pairs = [(c, l) for l in feeds[c].pop(0)]
            others = [x for x in feeds if feeds[x] and x != c]
            if others and data.draw(st.booleans()):
                x = data.draw(st.sampled_from(others))
                more = [(x, l) for l in feeds[x].pop(0)]
                k = data.draw(st.integers(0, len(pairs)))
                pairs = pairs[:k] + more + pairs[k:]  # (each contract's own lines stay in their order)
            t.feed(pairs)
            sent.append(pairs)
            what = data.draw(st.sampled_from(["nothing", "nothing", "changes", "changes of all", "report",
                                              "report en", "again", "advance", "advance all"]))
            if what == "changes":
                t.changes(c)
            elif what == "changes of all":
                t.changes()
            elif what == "report":
                t.report(c)
            elif what == "report en":
                t.report(c, "en")
            elif what == "again":  # a feed sent before, again: repeated facts, or facts before the clock
                t.feed(data.draw(st.sampled_from(sent)))
            elif what == "advance":  # to the clock itself, or to a later fact's instant of another contract
                at = data.draw(st.sampled_from([json.loads(l)["at"] for x in feeds for f in feeds[x] for l in f]
                                               + [json.loads(pairs[-1][1])["at"]]))
                t.advance(at, c)
            elif what == "advance all":
                t.advance(data.draw(st.sampled_from(list(ends.values()))))
        for c in "abc":
            if c in t.alone and (t.alone[c].clock is None or ends[c] >= t.alone[c].clock):
                t.advance(ends[c], c)
        t.changes()
        for c in t.alone:
            t.report(c)
    finally:
        for c in list(t.alone):
            t.close(c)


def test_lines_a_session_would_refuse_are_refused_for_their_contract_only(twin):
    """Fact dicts, lines and a mix of both (refused as a session refuses them, before a line is counted):
    the other contracts of the same feed go in, and the host stays in step."""
    sign = json.loads(SIGN)
    twin.feed([("a", sign), ("b", SIGN), ("c", sign), ("c", BOND)])  # c: a dict and a line in one call
    twin.feed([("a", json.loads(BOND)), ("b", 5), ("c", SIGN)])
    park(twin)
    twin.changes()
    twin.report("a")
    with pytest.raises(QiyueError) as exc:
        twin.host.feed(["a-string"])
    assert exc.value.diagnostics[0].code == "bad_input"
    twin.report("c")


def test_wrong_numbers_of_processes_or_sessions_are_errors():
    for kw in ({"processes": "2"}, {"processes": -1}, {"processes": 1.5}, {"max_live": "3"}, {"max_live": 0}):
        with pytest.raises(QiyueError) as exc:
            Host(SEED, **kw)
        assert exc.value.diagnostics[0].code == "bad_input", kw


def test_a_host_used_after_it_stopped_says_so(rules):
    host = Host(SEED, processes=2)
    with host:
        host.feed([("a", SIGN)])
    for call in (lambda: host.report("a"), lambda: host.changes("a"), lambda: host.add("a", SIGN)):
        with pytest.raises(QiyueError) as exc:
            call()
        assert exc.value.diagnostics[0].code == "live_host_closed"
    assert list(host.feed([("a", BOND)])) == ["a"]
    host.shutdown()  # (again: nothing to do)


def test_one_contracts_facts_as_dicts_and_a_bad_instant(twin):
    sign = json.loads(SIGN)
    got = twin.host.add(twin.name("a"), sign)  # a fact dict, as Session.add takes one
    assert got == len(twin.s("a").add(sign)) == 1
    twin.taken["a"] = [SIGN]
    twin.host.add(twin.name("a"), [json.loads(BOND)])
    twin.s("a").add([json.loads(BOND)])
    twin.taken["a"].append(BOND)
    for c in (None, "a"):
        with pytest.raises(QiyueError) as exc:
            twin.host.advance("not an instant", None if c is None else twin.name(c))
        assert exc.value.diagnostics[0].code == "bad_as_of"
    park(twin)
    twin.changes()
    twin.report("a")


# ---------------------------------------------------------------------------- on the durable backend

def test_the_durable_backend_live_says_what_the_reference_says(rules):
    """A live session on the durable backend (the Rete matching what it can) gives the reference session's
    changes and reports fact by fact; a host of such sessions too, parked and made again."""
    pytest.importorskip("durable_rules_engine")
    for name in ("full-year", "force-majeure", "data-leak", "late-payment"):
        ls = in_time_order(lines(name))
        ref, dur = rules.session(), rules.session(backend="durable")
        for line in ls:
            ref.add(line)
            dur.add(line)
            assert dur.changes("en") == ref.changes("en"), (name, line)
        ref.advance("2027-01-01")
        dur.advance("2027-01-01")
        assert dur.changes() == ref.changes() and same(dur.report(), ref.report()), name
        dur.close()
        with pytest.raises(QiyueError) as exc:
            dur.add(ls[-1])
        assert exc.value.diagnostics[0].code == "live_closed"
    streams = {f"c-{n}": in_time_order(lines(n)) for n in ("full-year", "data-leak", "late-payment")}
    with Host(SEED, processes=1, max_live=1, backend="durable") as host:
        for c, ls in streams.items():
            host.feed([(c, l) for l in ls])
        host.advance("2027-01-01")
        for c, ls in streams.items():
            assert same(host.report(c), rules.evaluate(ls, "2027-01-01") | {"facts": host.report(c)["facts"]}), c
