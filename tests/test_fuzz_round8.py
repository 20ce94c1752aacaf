"""Fuzz round 8: today's features — `lapses when COND` (消灭于), `latest()/earliest()` of instants known by their day
alone (DayOnly), `termination_hour_unknown` (a notice of its day alone, a fact its decision reads later that day), a
performance given by its day alone on the trigger's day.

Each xfail(strict) test is a defect found, with a minimal reproduction and the verdict counted by hand; the plain
tests are probes that pass.  Calendar: 2026-03-01 is a Sunday; 03-07/08 a weekend."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError

try:
    import durable  # noqa: F401
    BACKENDS = ["reference", "durable"]
except ImportError:  # pragma: no cover - the [live] extra is not installed
    BACKENDS = ["reference"]

ROOT = Path(__file__).resolve().parent.parent


def F(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def lines(facts):
    return [json.dumps(x, ensure_ascii=False) for x in facts]


def run(rules, facts, as_of, backend="reference"):
    return rules.evaluate(lines(facts), as_of, backend=backend)


def rows(rep, name):
    return [(r["since"], r["status"], r["amount"]) for r in rep["remedies"] if r["name"] == name]


def duty(rep, name):
    (o,) = [o for o in rep["obligations"] if o["name"] == name]
    return o


def codes(rep):
    return [(f["code"], f["args"].get("fact")) for f in rep["findings"]]


# ---------------------------------------------------------------- a power to terminate, with `lapses when`
HEAD = '''contract "L" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
param d0 "起算日" = 2026-03-01
event late "逾期"
event done "全部履行完毕"
event notice "解除通知" { party: party "解除方" }
'''


def R(lapse="", amount="amount ¥100.00", extra=""):
    return HEAD + f'''clause "8" "解除" {{
  remedy terminate "解除权" {{
    holder 乙方
    for each late x
    {amount}
    {lapse}
  }}
}}
clause "9" "解除" {{
  termination t9 "解除" {{
    for each notice n where n.party == 乙方
    exercises terminate held by 乙方
  }}
}}
''' + extra


X1 = F("x1", "late", "2026-03-02T10:00:00+08:00")


@pytest.mark.parametrize("backend", BACKENDS)
def test_lapses_when_a_period_from_a_date_parameter_has_run(backend):
    """Was a DEFECT (fixed in round 13). `lapses when passed(5 days as term since d0)`, d0 = 2026-03-01: the term's days are 03-02..03-06, it
    has run at 03-06 24:00. By hand: the row of 03-02 lapses then, and the late fact of 03-09 gives no row. The
    engine never tests the condition (its deps are empty; evaluator.py reconsider_when tests a `when` only when a
    fact of a kind it reads comes): held, and a second row held from 03-09."""
    rules = compile_rules(R("lapses when passed(5 days as term since d0)"), "l.qy")
    rep = run(rules, [X1, F("x2", "late", "2026-03-09T10:00:00+08:00")], "2026-03-31", backend)
    assert rows(rep, "terminate") == [("2026-03-02T10:00:00+08:00", "lapsed", "0.00")]  # (12-05: a power's one-off amount goes with it)


def test_when_a_period_from_a_date_parameter_has_run():
    """Was a DEFECT (fixed in round 13) (same root, plain `when`). `when passed(5 days as term since d0)`: it holds from 03-06 24:00; the duty
    arises then, due 3 days later (03-09 24:00), nothing performs it: violated. The engine reports it `inactive`
    while its own reason line says the condition 已满足 (自 2026年3月1日0时 起 5日 已于 2026年3月6日24时 届满)."""
    rules = compile_rules(HEAD + '''clause "1" "x" {
  obligation o "o" {
    debtor 乙方
    creditor 甲方
    when passed(5 days as term since d0)
    fulfilled by done d
    within 3 days
  }
}''', "w.qy")
    rep = run(rules, [X1], "2026-03-31")
    assert duty(rep, "o")["status"] == "violated", duty(rep, "o")["because"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_lapses_when_its_own_total_reaches_a_cap(backend):
    """Was a DEFECT (fixed in round 13). `lapses when accrued(terminate) >= ¥200.00`, ¥100.00 a row; rows 03-02, 03-03, 03-04. By hand: after
    the row of 03-03 10:00 the total is ¥200.00: both rows lapse then, the late fact of 03-04 gives none (or, if the
    engine will not read a remedy's own total there, it refuses the file as it does `accrued_cycle`). The engine
    accepts it and never tests it: three rows held, ¥300.00."""
    rules = compile_rules(R("lapses when accrued(terminate) >= ¥200.00"), "l.qy")
    rep = run(rules, [X1, F("x2", "late", "2026-03-03T10:00:00+08:00"), F("x3", "late", "2026-03-04T10:00:00+08:00")],
              "2026-03-31", backend)
    assert [s for _, s, _ in rows(rep, "terminate")] == ["lapsed", "lapsed"], rows(rep, "terminate")


def test_when_a_total_reaches_an_amount():
    """Was a DEFECT (fixed in round 13). A duty `when accrued(terminate) >= ¥200.00`: the total is ¥200.00 from 03-03 10:00; due 3 days later,
    unperformed: violated. The engine: inactive, its reason saying 解除权已计金额不低于¥200.00：已满足."""
    rules = compile_rules(R(extra='''clause "11" "x" {
  obligation o "o" {
    debtor 乙方
    creditor 甲方
    when accrued(terminate) >= ¥200.00
    fulfilled by done d
    within 3 days
  }
}'''), "w.qy")
    rep = run(rules, [X1, F("x2", "late", "2026-03-03T10:00:00+08:00")], "2026-03-31")
    assert duty(rep, "o")["status"] == "violated", duty(rep, "o")["because"]


def test_lapses_when_true_from_the_start():
    """Was a DEFECT (fixed in round 13). `lapses when mode == "gone"`, the assumption being "gone": the remedy is gone from the start, no row
    ever arises (§5: from the instant COND first holds). The engine never tests it: a row held."""
    rules = compile_rules(R('lapses when mode == "gone"',
                            extra='assumption mode "读法" = "gone" one of ("gone", "kept") "r"\n'), "l.qy")
    rep = run(rules, [X1], "2026-03-31")
    assert [s for _, s, _ in rows(rep, "terminate")] in ([], ["lapsed"]), rows(rep, "terminate")


PEN = '''contract "B" { calendar official }
party 甲方 "甲" as buyer
party 乙方 "乙" as seller
event incident "事故"
event notified "通知送达"
event done "全部履行"
clause "1" "通知" {
  obligation notify "通知" {
    debtor 乙方
    creditor 甲方
    for each incident i
    fulfilled by notified n
    within 2 hours
  }
  remedy pen "违约金" {
    holder 甲方
    for each notify.violated v
    amount ¥100.00 per day
    lapses when exists(done)
  }
}
'''


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_per_day_row_stops_accruing_when_it_lapses(backend):
    """Was a DEFECT (fixed in round 13). Violated 03-05 12:00; all performed 03-08 10:00: the row lapses then. By hand (each day begun): 03-05,
    03-06, 03-07, 03-08 = 4 days × ¥100.00 = ¥400.00, as of 03-20 too. The engine: `lapsed` with ¥1,600.00 (16 days,
    to 03-20) — a right gone on 03-08 still growing, and `accrued( )` counting it."""
    rules = compile_rules(PEN, "p.qy")
    rep = run(rules, [F("i", "incident", "2026-03-05T10:00:00+08:00"), F("d", "done", "2026-03-08T10:00:00+08:00")],
              "2026-03-20", backend)
    assert rows(rep, "pen") == [("2026-03-05T12:00:00+08:00", "lapsed", "400.00")]


def test_lapses_when_ended_reads_the_end():
    """Probe: `lapses when present(ended)`: the power exercised at the end stays `exercised` (not lapsed)."""
    rules = compile_rules(R("lapses when present(ended)"), "l.qy")
    rep = run(rules, [X1, F("n1", "notice", "2026-03-05T10:00:00+08:00", party="乙方"),
                      F("x2", "late", "2026-03-06T10:00:00+08:00")], "2026-03-31")
    assert rows(rep, "terminate") == [("2026-03-02T10:00:00+08:00", "exercised", "100.00")]
    assert rep["contract_life"]["ended"] == "2026-03-05T10:00:00+08:00"


def test_lapses_when_ended_written_bare_is_a_diagnostic():
    """Probe: `lapses when ended` (a moment, not a condition) is refused with a diagnostic, no traceback."""
    with pytest.raises(QiyueError) as e:
        compile_rules(R("lapses when ended"), "l.qy")
    assert "type_mismatch.condition" in [d.key for d in e.value.diagnostics]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("order", [0, 1])
def test_the_power_lapsing_at_the_instant_it_is_exercised(backend, order):
    """Probe: performed in full and the notice at one instant: the condition comes first, the power is gone, the
    notice has no right behind it — whichever order they are listed in."""
    rules = compile_rules(R("lapses when exists(done)"), "l.qy")
    now = [F("d", "done", "2026-03-05T10:00:00+08:00"), F("n1", "notice", "2026-03-05T10:00:00+08:00", party="乙方")]
    rep = run(rules, [X1] + (now if order == 0 else now[::-1]), "2026-03-31", backend)
    assert rows(rep, "terminate") == [("2026-03-02T10:00:00+08:00", "lapsed", "0.00")]  # (12-05: a power's one-off amount goes with it)
    assert ("termination_without_right", "n1") in codes(rep)
    assert rep["contract_life"]["ended"] is None


# ---------------------------------------------------------------- latest( ) / earliest( ) of day-only instants
DEEM = '''contract "D" {{ calendar official }}
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event sent "寄出" {{ signed_at: datetime "签收"  b: datetime "其他" }}
event reply "回复"
clause "1" "x" {{
  deemed dl "视为送达" {{
    for each sent n
    at {at}
  }}
  obligation o "回复" {{
    debtor 甲方
    creditor 乙方
    for each dl d
    fulfilled by reply r
    within 1 days
  }}
}}
'''
SENT = F("n", "sent", "2026-03-02T10:00:00+08:00", signed_at="2026-03-05", b="2026-03-05T09:00:00+08:00")


def test_earliest_of_24h_and_the_next_day_alone_is_the_24h():
    """Was a DEFECT (fixed in round 13). earliest(24:00 of 03-04, some hour of 03-05) is 03-04 24:00 exactly, which belongs to 03-04: the reply
    duty `within 1 days` counts 03-05 and is due 03-05 24:00. Written one way round the engine says so; the other
    way round it deems the event at 2026年3月5日0时 (an exact instant of 03-05, though neither argument is one)
    and the duty is due a day later, 03-06 24:00. The tie at the same instant is broken by argument order
    (min(..., key=at)), and the winner's day kept."""
    due = {}
    for at in ("earliest(day_end(2026-03-04), n.signed_at)", "earliest(n.signed_at, day_end(2026-03-04))"):
        due[at] = duty(run(compile_rules(DEEM.format(at=at), "d.qy"), [SENT], "2026-03-20"), "o")["due"]
    assert set(due.values()) == {"2026-03-06T00:00:00+08:00"}, due


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("at, cn, due", [
    ("latest(n.signed_at, n.b)", "2026年3月5日（不早于9时）", "2026-03-07T00:00:00+08:00"),
    ("latest(n.b, n.signed_at, n)", "2026年3月5日（不早于9时）", "2026-03-07T00:00:00+08:00"),
    ("latest(n.signed_at, n.signed_at, n.signed_at)", "2026年3月5日", "2026-03-07T00:00:00+08:00"),
    ("latest(day_end(2026-03-04), n.signed_at)", "2026年3月5日", "2026-03-07T00:00:00+08:00"),
    ("latest(n.signed_at, day_end(2026-03-04))", "2026年3月5日", "2026-03-07T00:00:00+08:00"),
    ("earliest(n.signed_at, n.b)", "2026年3月5日", "2026-03-07T00:00:00+08:00"),
])
def test_latest_and_earliest_of_day_only_values(backend, at, cn, due):
    """Probe: many day-only values, day-only beside an exact time of the day, a 24:00 the day before."""
    rep = run(compile_rules(DEEM.format(at=at), "d.qy"), [SENT], "2026-03-20", backend)
    (e,) = [e for e in rep["events"] if e["name"] == "dl"]
    assert (e["at_cn"], duty(rep, "o")["due"]) == (cn, due)


# ---------------------------------------------------------------- a performance of its day alone, the trigger's day
DUTY = '''contract "B" {{ calendar official }}
party 甲方 "甲" as buyer
party 乙方 "乙" as seller
event incident "事故"
event notified "通知送达"
clause "1" "通知" {{
  obligation notify "通知" {{
    debtor 乙方
    creditor 甲方
    for each incident i
    fulfilled by notified n{earlier}
    within {within}
  }}
}}
'''
INC = F("i", "incident", "2026-03-05T10:00:00+08:00")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("within, later", [("2 hours", "2026-03-05T11:00:00+08:00"),
                                           ("2 days", "2026-03-06T10:00:00+08:00")])
def test_a_timed_act_in_time_performs_whatever_the_day_alone_one_was(backend, within, later):
    """Was a DEFECT (fixed in round 13). Incident 03-05 10:00; a notice recorded "2026-03-05" (hour unknown) and another at `later`, after the
    trigger and within the period. Whether the first came before the incident or after, the duty is performed in
    time — by the first or by the second: fulfilled. Without the day-alone notice the engine says fulfilled; with
    it, `undetermined` — adding a record made the verdict weaker."""
    rules = compile_rules(DUTY.format(earlier="", within=within), "b.qy")
    rep = run(rules, [INC, F("n", "notified", "2026-03-05"), F("n2", "notified", later)], "2026-03-10", backend)
    assert duty(rep, "notify")["status"] == "fulfilled", duty(rep, "notify")["because"][-1]


def test_a_trigger_and_an_act_both_of_one_day_alone():
    """Was a DEFECT (fixed in round 13). Incident "2026-03-05" and notice "2026-03-05", both of the day alone; the clause counts no earlier act.
    The notice may have come before the incident (performs nothing; nothing after: violated at 03-07 24:00) or after
    (fulfilled): undetermined, as docs §4.8 say of a day-alone act on the trigger's day. The engine takes both as
    00:00, simultaneous, and says fulfilled."""
    rules = compile_rules(DUTY.format(earlier="", within="2 days"), "b.qy")
    rep = run(rules, [F("i", "incident", "2026-03-05"), F("n", "notified", "2026-03-05")], "2026-03-10")
    assert duty(rep, "notify")["status"] == "undetermined"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("facts, status", [
    ([INC, F("n", "notified", "2026-03-05")], "undetermined"),
    ([F("i", "incident", "2026-03-05T00:00:00+08:00"), F("n", "notified", "2026-03-05")], "fulfilled"),
])
def test_day_alone_act_probes(backend, facts, status):
    """Probe: the day-alone act on a timed trigger's day is undetermined; on a trigger at the day's 00:00 it cannot
    be before it: fulfilled."""
    rules = compile_rules(DUTY.format(earlier="", within="2 days"), "b.qy")
    assert duty(run(rules, facts, "2026-03-10", backend), "notify")["status"] == status


# ---------------------------------------------------------------- a notice of termination of its day alone
T = R()


def test_evaluate_many_does_not_read_facts_after_its_instant():
    """Was a DEFECT (fixed in round 13). Notice "2026-03-05" (day alone), late fact at 03-05 10:00. As of 09:00, evaluate( ) says
    termination_without_right (nothing is known of 10:00 yet); evaluate_many([09:00, 12:00, 03-31]) says for 09:00
    termination_hour_unknown naming x1 — a fact that has not happened by the report's instant — so the two differ
    (and `qiyue eval --as-of a,b,c` prints it in the 09:00 section)."""
    rules = compile_rules(T, "t.qy")
    facts = lines([F("n1", "notice", "2026-03-05", party="乙方"), F("x1", "late", "2026-03-05T10:00:00+08:00")])
    at = ["2026-03-05T09:00:00+08:00", "2026-03-05T12:00:00+08:00", "2026-03-31"]
    many = rules.evaluate_many(facts, at)
    one = rules.evaluate(facts, at[0])
    assert codes(many[0]) == codes(one), (codes(many[0]), codes(one))


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_notice_and_its_ground_both_of_one_day_alone(backend):
    """Was a DEFECT (fixed in round 13). Late "2026-03-05" (gives 乙方 the power) and 乙方's notice "2026-03-05", both hours unknown: the notice
    before the late fact has no power behind it, after it, it ends the contract — which, the record does not say:
    termination_hour_unknown, the contract going on (docs §4.8). The engine ends the contract at 03-05 00:00 with the
    power `exercised`."""
    rules = compile_rules(T, "t.qy")
    rep = run(rules, [F("x1", "late", "2026-03-05"), F("n1", "notice", "2026-03-05", party="乙方")], "2026-03-31",
              backend)
    assert rep["contract_life"]["ended"] is None
    assert ("termination_hour_unknown", "n1") in codes(rep)


EFF = '''event signed "签署"
effective eff "合同生效" {
  when exists(signed)
}
'''


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_day_alone_notice_on_the_effective_day_that_ends_the_contract_is_not_before_it(backend):
    """Was a DEFECT (fixed in round 13). Signed 03-02 10:00 (in force then); late at 10:00 (the power); notice "2026-03-02": per §4.11 taken
    as come once the contract was in force — it ends the contract at 10:00, power exercised. The report says so, and
    also says termination_before_effective for the same notice (合同生效前的解除通知不发生效力): two findings that
    contradict the contract's life."""
    rules = compile_rules(R(extra=EFF), "t.qy")
    rep = run(rules, [F("s", "signed", "2026-03-02T10:00:00+08:00"), F("n1", "notice", "2026-03-02", party="乙方"),
                      F("x1", "late", "2026-03-02T10:00:00+08:00")], "2026-03-10", backend)
    assert rep["contract_life"]["ended"] == "2026-03-02T10:00:00+08:00"
    assert ("termination_before_effective", "n1") not in codes(rep), codes(rep)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("later, code", [
    ("2026-12-31T23:59:59+08:00", "termination_hour_unknown"),
    ("2026-12-31T16:00:00Z", "termination_without_right"),  # = 2027-01-01 00:00 Beijing: another day
])
def test_hour_unknown_at_the_years_end(backend, later, code):
    """Probe: the last second of the year is later that day; 00:00 of the next year (written in UTC) is not."""
    rules = compile_rules(T, "t.qy")
    rep = run(rules, [F("n1", "notice", "2026-12-31", party="乙方"), F("x2", "late", later)], "2027-01-02", backend)
    assert (code, "n1") in codes(rep)
    assert rep["contract_life"]["ended"] is None


@pytest.mark.parametrize("backend", BACKENDS)
def test_hour_unknown_in_year_9000(backend):
    """Probe: the last day the engine accepts (year 9000): 24:00 of 9000-12-31 is computed without an overflow.  (As of
    23:59:59 that day the notice of that day alone may still come after it: not counted as certain, said — counsel
    round 34 —; the replay that counts it, run beside, meets the same 24:00 as the hour unknown did.)"""
    rules = compile_rules(T, "t.qy")
    rep = run(rules, [F("x1", "late", "9000-12-30T10:00:00+08:00"), F("n1", "notice", "9000-12-31", party="乙方"),
                      F("x2", "late", "9000-12-31T10:00:00+08:00")], "9000-12-31T23:59:59+08:00", backend)
    assert [c for c, _ in codes(rep)] == ["day_alone_at_as_of"]
    assert rep["contract_life"]["ended"] is None


@pytest.mark.parametrize("as_of", ["9999-12-31", "2026-03-05T24:00:00+08:00"])
def test_extreme_as_of_is_a_diagnostic(as_of):
    rules = compile_rules(T, "t.qy")
    with pytest.raises(QiyueError):
        run(rules, [F("n1", "notice", "2026-03-05", party="乙方")], as_of)


def test_a_duplicate_day_alone_notice_is_taken_once():
    """Probe: the same line twice: one notice, one finding."""
    rules = compile_rules(T, "t.qy")
    n1 = F("n1", "notice", "2026-03-05", party="乙方")
    rep = run(rules, [n1, n1, F("x1", "late", "2026-03-05T10:00:00+08:00")], "2026-03-31")
    assert codes(rep) == [("termination_hour_unknown", "n1")]


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_cli_eval_on_a_day_alone_notice_in_year_9000(tmp_path, fmt):
    """Probe: qiyue eval in each format, a lapse and a day-alone termination in the engine's last year."""
    (tmp_path / "t.qy").write_text(R("lapses when exists(done)", amount="amount ¥100.00 per day"), encoding="utf-8")
    (tmp_path / "f.jsonl").write_text("\n".join(lines([
        F("x1", "late", "9000-12-31"), F("n1", "notice", "9000-12-31", party="乙方"),
        F("d", "done", "9000-12-31T23:59:59+08:00")])) + "\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(tmp_path / "t.qy"), "--facts",
                        str(tmp_path / "f.jsonl"), "--as-of", "9000-12-31T23:59:59", "--format", fmt],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 0 and "Traceback" not in p.stderr, p.stderr
