"""Review round 37: the last session's change a1e5b61..b18c67f, read commit by commit and attacked with small rule files.

Attacked: the two fast paths of engine/run/compiler.py — ``_settled`` (an aggregate counting only facts strictly before
the fact tested) and ``_bucketed_timed`` (a running total under a key and a line's value, in time order) — against the
same rules counted in full (``Prepared(checked, calendar, incremental=False)``), with facts of one instant, facts known
by their day alone, as_of inside such a day, a part that raises, an optional amount, a line value that is missing, an
outer kind that is deemed and recorded late; the live session (facts of the clock's own day known by the day alone,
``Session._stamped``) against ``eval``; CR line ends and byte-order marks in the watch; NFC-equal names; ``check`` with
an option between the files; ``facts_all_after_as_of``.

None of the cases below counts working days: every deadline is a calendar instant written out (`day_end(2026-04-09)`,
`within 2 hours`), so no calendar day needs checking (2026-04-09 is a Thursday, 2026-04-10 a Friday — irrelevant here).

Hand counts:
- DUE: `due by day_end(2026-04-09)` — due 2026-04-09 24:00, i.e. the instant 2026-04-10T00:00+08:00; nothing
  performs it, so it is violated at that instant, a known instant (eval: 期限 2026年4月9日24时, violated from then).
  A note of 2026-04-10 known by its day alone has nothing to do with it: the violation's instant is not "of its day
  alone" because of it.
- HOURS: ordered 2026-04-10 06:00, `within 2 hours` → due 08:00 (第201条 does not apply to hours: from the instant);
  a payment known by its day alone (2026-04-10) may be before or after 08:00 → undetermined (docs §9, day_alone_decides).

Defects (strict xfails):
1. watch: an unrelated fact known by its day alone at D makes every change at D 00:00 — a deadline of D-1 24:00 that
   ran out — worded as "of its day alone" (2026年4月10日 / "10 April 2026 (its day alone)"), where eval and the same
   watch without that fact say 2026年4月10日0时 (``Session._stamped`` looks only at which facts share the instant).
2. watch: a fact known by its day alone taken after the clock (new this session) withdraws what was said at 08:00
   "因为同一时刻后到的事实" / "a fact of the same instant, come later" — it is a fact of that day, hour unknown, not of
   the same instant.
3. check: two attributes of one event whose names Unicode reads as one (金额 with U+91D1 and with U+F90A) are both
   accepted — the new NFC check covers declared names but not attributes; a fact giving the second spelling is then
   refused as missing "金额", which it visibly gave.
"""
from __future__ import annotations

import dataclasses
import json
import random
import subprocess
import sys

from pathlib import Path

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.run.plans import Prepared

ROOT = Path(__file__).resolve().parent.parent


def _full(rules):
    return dataclasses.replace(rules, prepared=Prepared(rules.checked, rules.prepared.calendar, incremental=False))


def _lines(facts):
    return [json.dumps(f, ensure_ascii=False) for f in facts]


def _run(rules, facts, as_of):
    try:
        return rules.evaluate(_lines(facts), as_of)
    except QiyueError as exc:
        return ("error", [d.code for d in exc.diagnostics])


HEAD = '''contract "R37" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
'''

# ============================================================== 1. the watch: changes at 00:00 of a day-alone fact's day

DUE = HEAD + '''event ordered "下单" { }
event paid "付款" { }
event note "备忘" { }
clause "3" "付款" {
  obligation pay "付" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by paid p
    due by day_end(2026-04-09)
  }
}
'''
ORDERED = {"id": "o", "type": "ordered", "at": "2026-04-01T09:00:00+08:00"}
NOTE_OF_THE_DAY = {"id": "n1", "type": "note", "at": "2026-04-10"}


def _watch_changes(rules, facts, until, lang="zh"):
    s = rules.session()
    for f in facts:
        s.add(json.dumps(f, ensure_ascii=False))
    s.advance(until)
    return s.changes(lang)


def _violation_text(facts, lang="zh"):
    rules = compile_rules(DUE, "due.qy")
    found = [c["text"] for c in _watch_changes(rules, facts, "2026-04-11", lang) if c["code"] == "obligation_violated"]
    assert len(found) == 1
    return found[0]


def test_passing_the_violation_at_24_00_is_worded_by_its_instant_without_a_day_alone_fact():
    """DUE, ordered alone: violated at 2026-04-09 24:00 = 2026-04-10 00:00, worded 2026年4月10日0时 as eval's instant."""
    assert _violation_text([ORDERED]).startswith("2026年4月10日0时")
    rules = compile_rules(DUE, "due.qy")
    report = rules.evaluate(_lines([ORDERED, NOTE_OF_THE_DAY]), "2026-04-11")
    assert [(o["status"], o["due"]) for o in report["obligations"]] == [("violated", "2026-04-10T00:00:00+08:00")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): fixed the same session: a deadline that ran out, and what a verdict of that instant set off, keep their instant (Session._stamped))
def test_an_unrelated_day_alone_fact_does_not_make_a_deadline_of_24_00_a_day_alone_change():
    assert _violation_text([ORDERED, NOTE_OF_THE_DAY]).startswith("2026年4月10日0时")
    assert "its day alone" not in _violation_text([ORDERED, NOTE_OF_THE_DAY], "en")


def test_passing_a_day_alone_fact_itself_is_stamped_by_its_day():
    """The change the day-alone fact itself is: 2026年4月10日 (no 0时), as eval words such a fact."""
    rules = compile_rules(DUE, "due.qy")
    facts = [c for c in _watch_changes(rules, [ORDERED, NOTE_OF_THE_DAY], "2026-04-11") if c["code"] == "fact"]
    assert facts[-1]["text"].startswith("2026年4月10日　") and "0时" not in facts[-1]["text"]


HOURS = DUE.replace("due by day_end(2026-04-09)", "within 2 hours")
H_ORDERED = {"id": "o", "type": "ordered", "at": "2026-04-10T06:00:00+08:00"}
H_PAID_DAY = {"id": "p", "type": "paid", "at": "2026-04-10"}


def test_passing_a_day_alone_fact_of_the_clocks_day_is_taken_and_the_session_agrees_with_eval():
    """HOURS: the clock at 10:00 (violated said at 08:00 after); the payment of 2026-04-10 known by its day alone is
    taken (new: not fact_before_clock), the day replayed — undetermined, as eval as of the clock and as of 04-11 say."""
    rules = compile_rules(HOURS, "hours.qy")
    s = rules.session()
    s.add(json.dumps(H_ORDERED))
    s.advance("2026-04-10T10:00:00+08:00")
    assert [c["code"] for c in s.changes()][-1] == "obligation_violated"
    s.add(json.dumps(H_PAID_DAY))
    codes = [c["code"] for c in s.changes()]
    assert codes[-1] == "obligation_undetermined"
    assert s.report()["obligations"] == rules.evaluate(_lines([H_ORDERED, H_PAID_DAY]),
                                                       "2026-04-10T10:00:00+08:00")["obligations"]
    assert s.report()["obligations"][0]["status"] == "undetermined"


def test_passing_a_day_alone_fact_of_an_earlier_day_is_refused_by_its_day():
    rules = compile_rules(HOURS, "hours.qy")
    s = rules.session()
    s.add(json.dumps(H_ORDERED))
    with pytest.raises(QiyueError) as exc:
        s.add(json.dumps({"id": "p", "type": "paid", "at": "2026-04-09"}))
    d = exc.value.diagnostics[0]
    assert d.code == "fact_before_clock" and d.args["at"] == "2026-04-09"


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): fixed the same session: change:withdrawn.day)
def test_a_day_alone_fact_taken_after_the_clock_is_not_called_a_fact_of_the_same_instant():
    rules = compile_rules(HOURS, "hours.qy")
    for lang, words in (("zh", "同一时刻"), ("en", "same instant")):
        s = rules.session()
        s.add(json.dumps(H_ORDERED))
        s.advance("2026-04-10T10:00:00+08:00")
        s.changes(lang)
        s.add(json.dumps(H_PAID_DAY))
        withdrawn = [c["text"] for c in s.changes(lang) if c["code"] == "withdrawn"]
        assert withdrawn and all(words not in t for t in withdrawn), withdrawn


# ============================================================== 2. the fast paths against counting in full

TIMED = HEAD + '''event ordered "下单" { }
event rep "报告" { d: date "所属期"  x: money "金额" }
event paid "付款" { d: date "所属期"  k: int "类"  amount: money optional "金额"  n: int "数" }
clause "3" "x" {
  deemed ok "付清" {
    for each paid p, rep r where p.d == r.d and @COND@ >= ¥3.00
    once per r
    at p
  }
  obligation pay "付" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by ok z
    due by day_end(2026-12-31)
  }
}
'''
# (each of these takes compiler._bucketed_timed — checked once by instrumenting _bucketed_timed_shape)
TIMED_CONDS = [
    "sum(x.amount for each paid x where x.k == 1 and x.d == r.d and x.at <= p.at)",
    "sum(x.amount for each paid x where x.k == 1 and x.d == r.d and x.at < p.at)",
    "sum(x.amount for each paid x where x.k == 1 and x.d == r.d and p.at > x.at)",
    "sum(x.amount for each paid x where x.k == 1 and x.d == r.d and 10 / x.n > 1 and x.at <= p.at)",
    "sum(x.amount for each paid x where x.k == 1 and x.d == r.d and x.at <= p.at + 1 days)",
    "sum(x.amount for each paid x where x.k == 1 and x.d == r.d and x.at <= r.at)",
    "count(paid x where x.k == 1 and x.d == r.d and x.at <= p.at) × ¥1.00",
    "sum(x.amount for each paid x where x.k == 1 and x.d == r.d and x.amount == p.amount and x.at <= p.at)",
    "sum(x.amount for each paid x where x.d == r.d and x.k == p.k and x.at <= p.at)",
    "sum(x.amount for each paid x where x.k == 1 and x.d == r.d and x.at <= r.d)",
]
TIMES = ["2026-04-10T10:00:00+08:00", "2026-04-10T10:00:00+08:00", "2026-04-10", "2026-04-11T09:00:00+08:00",
         "2026-04-11", "2026-04-12T00:00:00+08:00", "2026-04-09T23:00:00+08:00"]


def _timed_facts(rnd):
    facts = [{"id": "o", "type": "ordered", "at": "2026-04-01T09:00:00+08:00"}]
    for k in range(rnd.randint(1, 8)):
        at, d = rnd.choice(TIMES), rnd.choice(["2026-03-31", "2026-06-30"])
        if rnd.random() < 0.34:
            facts.append({"id": f"r{k}", "type": "rep", "at": at, "d": d, "x": "1.00"})
        else:
            f = {"id": f"p{k}", "type": "paid", "at": at, "d": d, "k": rnd.choice([1, 2]), "n": rnd.choice([0, 1, 20])}
            if rnd.random() < 0.8:  # (an optional amount left out: the line's value missing)
                f["amount"] = rnd.choice(["1.00", "2.00", "0.25"])
            facts.append(f)
    return facts


@pytest.mark.parametrize("cond", TIMED_CONDS)
def test_passing_running_totals_under_a_key_agree_with_counting_in_full(cond):
    rules = compile_rules(TIMED.replace("@COND@", cond), "timed.qy")
    full = _full(rules)
    rnd = random.Random(cond)
    for _ in range(12):
        facts = _timed_facts(rnd)
        as_of = rnd.choice(["2026-04-10T10:00:00+08:00", "2026-04-11", "2026-05-01"])
        assert _run(rules, facts, as_of) == _run(full, facts, as_of), (facts, as_of)


SETTLED = HEAD + '''event ordered "下单" { }
event rep "报告" { d: date "所属期"  x: money "金额" }
event ack "确认" { d: date "所属期" }
clause "3" "x" {
  deemed seen "视为已阅" {
    for each rep s, ack a where a.d == s.d
    at s
  }
  obligation pay "付" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled when @COND@
    due by day_end(2026-12-31)
  }
}
'''
# (`seen` is deemed at the report `s` once an acknowledgement comes — later: recorded out of time order; an aggregate
# over it whose condition counts plain facts strictly before it is still settled, every such fact being recorded)
SETTLED_CONDS = [
    "count(seen r where not exists(rep e where e.d == r.d and e.at < r.at)) >= 2",
    "sum(r.x for each seen r where not exists(ack e where e.d == r.d and e.at < r.at)) >= ¥2.00",
    "count(rep r where not exists(seen e where e.d == r.d and e.at < r.at)) >= 2",
    "count(rep r where not exists(ack e where e.d == r.d and e.at < r.at)) >= 2",
]


@pytest.mark.parametrize("cond", SETTLED_CONDS)
def test_passing_settled_aggregates_over_a_kind_deemed_late_agree_with_counting_in_full(cond):
    rules = compile_rules(SETTLED.replace("@COND@", cond), "settled.qy")
    full = _full(rules)
    rnd = random.Random(cond)
    for _ in range(15):
        facts = [{"id": "o", "type": "ordered", "at": "2026-04-01T09:00:00+08:00"}]
        for k in range(rnd.randint(1, 8)):
            kind = rnd.choice(["rep", "ack"])
            facts.append({"id": f"f{k}", "type": kind, "at": rnd.choice(TIMES[:-1]),
                          "d": rnd.choice(["2026-03-31", "2026-06-30"]), **({"x": "1.00"} if kind == "rep" else {})})
        as_of = rnd.choice(["2026-04-10T10:00:00+08:00", "2026-04-11", "2026-05-01"])
        assert _run(rules, facts, as_of) == _run(full, facts, as_of), (facts, as_of)


def test_passing_a_session_fed_fact_by_fact_agrees_with_eval_on_the_running_total():
    """Facts of one day, some known by the day alone coming after the clock's hour (taken, the day replayed): the
    session's report equals eval's as of the clock, for the first running-total shape."""
    rules = compile_rules(TIMED.replace("@COND@", TIMED_CONDS[0]), "timed.qy")
    rnd = random.Random(37)
    for _ in range(15):
        facts = [{"id": "o", "type": "ordered", "at": "2026-04-01T09:00:00+08:00"}]
        for k in range(rnd.randint(1, 6)):
            at = rnd.choice(["2026-04-10T10:00:00+08:00", "2026-04-10", "2026-04-10T12:00:00+08:00", "2026-04-11"])
            if rnd.random() < 0.34:
                facts.append({"id": f"r{k}", "type": "rep", "at": at, "d": "2026-03-31", "x": "1.00"})
            else:
                facts.append({"id": f"p{k}", "type": "paid", "at": at, "d": "2026-03-31", "k": 1, "n": 1,
                              "amount": rnd.choice(["1.00", "2.00"])})
        s, taken = rules.session(), []
        for f in facts:
            try:
                s.add(json.dumps(f))
            except QiyueError:
                s.lines -= 1  # (refused: eval is given the facts taken, numbered as they were)
                continue
            taken.append(f)
        assert s.report() == rules.evaluate(_lines(taken), s.clock.isoformat()), taken


# ============================================================== 3. the watch's bytes: CR, byte-order marks

def _cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "engine.cli", *args], cwd=ROOT, capture_output=True, input=stdin,
                          timeout=60)


PAY_LINES = ['{"id":"o","type":"ordered","at":"2026-04-01T09:00:00+08:00"}',
             '{"id":"p","type":"paid","at":"2026-04-02T09:00:00+08:00"}']


@pytest.mark.parametrize("raw", [
    ("\ufeff" + "\r".join(PAY_LINES) + "\r").encode("utf-8"),  # UTF-8 with its mark, lines ended by CR alone
    (PAY_LINES[0] + "\r\n" + PAY_LINES[1] + "\r").encode("utf-8"),  # CR LF then CR
    b"\xff\xfe" + ("\r".join(PAY_LINES) + "\r").encode("utf-16-le"),  # UTF-16 with its mark, CR alone
], ids=["utf8-bom-cr", "crlf-cr", "utf16-cr"])
def test_passing_watch_reads_cr_line_ends_as_eval_does(raw, tmp_path):
    rules = tmp_path / "pay.qy"
    rules.write_text(DUE.replace("due by day_end(2026-04-09)", "due by day_end(2026-04-30)"), encoding="utf-8")
    facts = tmp_path / "f.jsonl"
    facts.write_bytes(raw)
    e = _cli("eval", str(rules), "--facts", str(facts), "--as-of", "2026-05-01", "--format", "json")
    assert e.returncode == 0, e.stderr.decode()
    assert [o["status"] for o in json.loads(e.stdout)["obligations"]] == ["fulfilled"]
    w = _cli("watch", str(rules), "--facts", "-", "--once", "--format", "json", stdin=raw)
    assert w.returncode == 0, w.stderr.decode()
    codes = [json.loads(x)["code"] for x in w.stdout.decode().splitlines() if x.strip()]
    assert codes == ["fact", "obligation_triggered", "fact", "obligation_fulfilled"]


def test_passing_a_utf16_line_inside_a_utf8_watch_is_refused_on_its_line(tmp_path):
    rules = tmp_path / "pay.qy"
    rules.write_text(DUE, encoding="utf-8")
    raw = (PAY_LINES[0] + "\n").encode() + b"\xff\xfe" + PAY_LINES[1].encode("utf-16-le") + b"\n"
    w = _cli("watch", str(rules), "--facts", "-", "--once", "--format", "json", "--lang", "en", stdin=raw)
    out = [json.loads(x) for x in w.stdout.decode().splitlines() if x.strip()]
    assert w.returncode == 1 and "errors" in out[-1]
    assert [x.get("code") for x in out[:-1]] == ["fact", "obligation_triggered"]


# ============================================================== 4. names Unicode reads as one

A_91D1, A_F90A = "\u91d1额", "\uf90a额"  # (NFC maps U+F90A to U+91D1: both print 金额)


def test_passing_two_events_whose_names_nfc_reads_as_one_are_one_name_twice():
    with pytest.raises(QiyueError) as exc:
        compile_rules(HEAD + f'event {A_91D1} "a"\nevent {A_F90A} "b"\n', "nfc.qy")
    assert [d.code for d in exc.value.diagnostics] == ["duplicate_name"]


def test_passing_the_same_attribute_spelt_twice_is_refused():
    with pytest.raises(QiyueError) as exc:
        compile_rules(HEAD + f'event ordered "下单" {{ {A_91D1}: money "a"  {A_91D1}: money optional "b" }}\n', "a.qy")
    assert [d.code for d in exc.value.diagnostics] == ["duplicate_attribute"]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): fixed the same session: attributes compared as Unicode reads them (NFC) for duplicates)
def test_two_attributes_whose_names_nfc_reads_as_one_are_one_attribute_twice():
    with pytest.raises(QiyueError) as exc:
        compile_rules(HEAD + f'event ordered "下单" {{ {A_91D1}: money "a"  {A_F90A}: money optional "b" }}\n', "a.qy")
    assert [d.code for d in exc.value.diagnostics] == ["duplicate_attribute"]


# ============================================================== 5. check's files on both sides of an option; as_of

def test_passing_check_takes_files_on_both_sides_of_an_option_and_refuses_an_unknown_option_after():
    ok = _cli("check", "tests/contracts/agency.qy", "--format", "json", "rules/gzmz-2025-it-ops.qy")
    assert ok.returncode == 0, ok.stderr.decode()
    assert [f["file"] for f in json.loads(ok.stdout)["files"]] == ["tests/contracts/agency.qy",
                                                                   "rules/gzmz-2025-it-ops.qy"]
    bad = _cli("check", "tests/contracts/agency.qy", "--lang", "en", "rules/gzmz-2025-it-ops.qy", "--bogus")
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr


def test_passing_facts_all_after_as_of_only_in_the_report_before_every_fact():
    """Facts at 2026-04-01 09:00 and 2026-04-02 (day alone): as of 2025-04-01 both later (count 2); as of 2026-04-01
    10:00 the first is counted — no such finding."""
    rules = compile_rules(DUE, "due.qy")
    facts = [ORDERED | {"at": "2026-04-01T09:00:00+08:00"}, {"id": "p", "type": "paid", "at": "2026-04-02"}]
    many = rules.evaluate_many(_lines(facts), ["2025-04-01", "2026-04-01T10:00:00+08:00"]) \
        if hasattr(rules, "evaluate_many") else None
    reports = list(many.values()) if isinstance(many, dict) else [rules.evaluate(_lines(facts), t) for t in
                                                                  ("2025-04-01", "2026-04-01T10:00:00+08:00")]
    found = [[(f["code"], f["args"].get("count")) for f in r["findings"] if f["code"] == "facts_all_after_as_of"]
             for r in reports]
    assert found == [[("facts_all_after_as_of", 2)], []]
