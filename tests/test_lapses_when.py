"""`lapses when COND` (`消灭于 COND`): a remedy gone from the instant COND first holds — the rows still held lapse, none
arises after.  The seed's powers to end the contract lapse once it is performed in full (民法典第557条; assumption
termination_after_performance); counsel round 13.  Hand counts below; each scenario on both backends."""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError

try:
    import durable  # noqa: F401
    BACKENDS = ["reference", "durable"]
except ImportError:  # pragma: no cover - the [live] extra is not installed
    BACKENDS = ["reference"]

RULES = '''contract "L" {{ calendar official }}
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event late "逾期"
event done "全部履行完毕"
clause "8" "解除" {{
  remedy terminate "解除权" {{
    holder 乙方
    for each late x
    amount ¥100.00
    {lapse}
  }}
}}
'''


def _run(lapse, facts, as_of="2026-03-31", backend="reference"):
    rules = compile_rules(RULES.format(lapse=lapse), "l.qy")
    report = rules.evaluate([json.dumps(x) for x in facts], as_of, backend=backend)
    return [(r["since"][:10], r["status"]) for r in report["remedies"] if r["name"] == "terminate"], report


LATE1 = {"id": "x1", "type": "late", "at": "2026-03-02T10:00:00+08:00"}
DONE = {"id": "d", "type": "done", "at": "2026-03-10T10:00:00+08:00"}
LATE2 = {"id": "x2", "type": "late", "at": "2026-03-12T10:00:00+08:00"}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("lapse", ["lapses when exists(done)", "消灭于 exists(done)"])
def test_a_held_row_lapses_and_none_arises_after(lapse, backend):
    """Late 03-02: the power is held from then; all performed 03-10 10:00: it lapses then; late again 03-12: no new
    row (the remedy is gone).  What the lapsed row came to stays on it (¥100.00)."""
    rows, report = _run(lapse, [LATE1, DONE, LATE2], backend=backend)
    assert rows == [("2026-03-02", "lapsed")]
    [r] = [r for r in report["remedies"] if r["name"] == "terminate"]
    assert r["amount"] == "100.00"
    assert r["because"][-1] == "消灭：存在全部履行完毕，于 2026年3月10日10时 成立（最后满足的是 2026年3月10日10时 全部履行完毕（d））；依第8条本项权利不再享有，此后也不再产生", \
        r["because"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_before_the_condition_holds_the_row_is_held(backend):
    """As of 03-10 09:59 the performance has not happened yet: held."""
    rows, _ = _run("lapses when exists(done)", [LATE1, DONE], "2026-03-10T09:59:00+08:00", backend)
    assert rows == [("2026-03-02", "held")]


@pytest.mark.parametrize("backend", BACKENDS)
def test_at_the_same_instant_the_condition_comes_first(backend):
    """Late and performed in full at one instant (03-10 10:00): the order they are listed in changes nothing —
    the remedy is gone at that instant, and the row set off then does not arise."""
    late_now = dict(LATE1, at=DONE["at"])
    for facts in ([late_now, DONE], [DONE, late_now]):
        rows, _ = _run("lapses when exists(done)", facts, backend=backend)
        assert rows == [], facts


def test_without_lapses_when_nothing_changes():
    rows, _ = _run("", [LATE1, DONE, LATE2])
    assert rows == [("2026-03-02", "held"), ("2026-03-12", "held")]


def test_the_condition_must_be_a_condition():
    with pytest.raises(QiyueError) as e:
        compile_rules(RULES.format(lapse="lapses when 5"), "l.qy")
    assert "type_mismatch.condition" in [d.key for d in e.value.diagnostics]


def test_written_twice_is_refused_naming_both():
    with pytest.raises(QiyueError) as e:
        compile_rules(RULES.format(lapse="lapses when exists(done)\n    lapses when exists(late)"), "l.qy")
    [d] = [d for d in e.value.diagnostics if d.key == "duplicate_part"]
    assert "消灭于" in d.text("zh")
