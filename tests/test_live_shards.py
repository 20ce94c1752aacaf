"""Many contracts live at once over worker processes (engine/live/shards.py, issue 14 item 4): each
contract's changes and report are those of its own session, whether its session stayed in memory or
was parked and made again; a bad line, an unknown contract, a dead worker are errors, never a hang."""
import json
import os
from pathlib import Path

import pytest

from engine.api import compile_file
from engine.diagnostics import QiyueError
from engine.live.shards import Host, worker_of

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
