"""The contract's life, the law's boundaries, one fact for several duties — on a small contract
that is not the seed (the engine needs no code for it), counted by hand.

民法典第502条 (in force from the effective moment), 第562–567条 (termination: open duties are
discharged, what the contract keeps alive survives, a power to terminate is used once),
第1259条 (“以内” includes the end: an hours or minutes period includes its end instant).
One table of cases drives the Python API and the CLI.
"""
import json
import subprocess
import sys
import textwrap

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError

RULES = textwrap.dedent('''\
    contract "L-1" "测试合同" { calendar official }
    party 甲方 "买方" as buyer
    party 乙方 "卖方" as supplier
    param price "价款" = ¥10,000.00
    event signed "签署" { party: party optional }
    event ordered "订单" { line: int 1..9 }
    event fixed "修复" { line: int 1..9 }
    event objected "异议"
    event accepted "确认"
    event alarm "告警"
    event answered "响应"
    event paid "付款" { amount: money }
    event harm "损害"
    event ended_notice "解除通知" { party: party ground: one of (harm, agreement, other) }
    event leak "泄密" { party: party }
    clause "9" "生效" {
      effective in_force "合同生效" {
        when any of (exists(signed s where not present(s.party)),
                     all of (exists(signed s where s.party == 甲方), exists(signed s where s.party == 乙方)))
      }
    }
    clause "1" "修复" {
      obligation fix "修复" {
        debtor 乙方
        creditor 甲方
        for each ordered o
        fulfilled by fixed f where f.line == o.line
        within 3 days
      }
      obligation fix_one "一单一修" {
        debtor 乙方
        creditor 甲方
        for each ordered o
        fulfilled by fixed f where f.line == o.line exclusively
        within 3 days
      }
      obligation reply "答复" {
        debtor 甲方
        creditor 乙方
        for each ordered o
        fulfilled by accepted a or by objected x
        within 3 days
      }
      obligation respond "响应" {
        debtor 乙方
        creditor 甲方
        for each alarm a
        fulfilled by answered r
        within 30 minutes
      }
      obligation pay "付款" {
        debtor 甲方
        creditor 乙方
        for each in_force c
        fulfilled by paid p where p.amount >= price counting earlier
        within 10 days
      }
    }
    clause "2" "解除" {
      remedy may_end "甲方解除权" {
        holder 甲方
        for each harm h
        once
      }
      termination ends_for_harm "因损害解除" {
        for each ended_notice t where t.party == 甲方 and t.ground == "harm"
        exercises may_end held by 甲方
      }
      termination ends_by_agreement "协商解除" {
        for each ended_notice t where t.ground == "agreement"
      }
      obligation secrecy "保密" {
        debtor 乙方
        creditor 甲方
        for each in_force c
        violated by leak l where l.party == 乙方
        until end of 1 year as term after earliest(ended, c.at + 2 years)
        survives
      }
      obligation forever "长期保密" {
        debtor 甲方
        creditor 乙方
        for each in_force c
        violated by leak l where l.party == 甲方
        without end
        survives
      }
    }
    ''')

UNDETERMINED = RULES.replace("{ calendar official }", "{ calendar official calendar fallback undetermined }")
WEEKDAYS = RULES.replace("{ calendar official }", "{ calendar official calendar fallback weekdays }")


class Stops:
    """A case whose evaluation stops with an error: its code, the year, the fact's line and id, the rule's line."""

    def __init__(self, code, year, line, id, rule_line):
        self.code, self.year, self.line, self.id, self.rule_line = code, year, line, id, rule_line

    def api(self, exc):
        (d,) = exc.diagnostics
        assert (d.code if "." not in self.code else d.key, d.args["year"], d.args["line"], d.args["id"],
                d.span.line) == (self.code, self.year, self.line, self.id, self.rule_line)
        assert d.hint is not None

    def cli(self, out):
        (e,) = out["errors"]
        assert (e["code"], e["line"]) == (self.code.split(".")[0], self.rule_line)
        assert f"第 {self.line} 行的事实 {self.id}" in e["message"] and str(self.year) in e["message"]
        assert "calendars/2027.toml" in e["hint"] and "calendar fallback undetermined" in e["hint"]

SIGN = {"id": "s", "type": "signed", "at": "2026-03-02T10:00:00+08:00"}  # Mon


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def status(report, name, trigger=None):
    rows = [o for o in report["obligations"] if o["name"] == name and (trigger is None or o["trigger"] == trigger)]
    return [(o["trigger"], o["status"], o["due"]) for o in rows]


# each case: id, facts, as_of, checks (a function of the report)
CASES = [
    # ---- 第1259条: 30 minutes from 10:00 includes 10:30:00; 10:30:01 is late
    ("minutes: the end instant is in time", [SIGN, f("a", "alarm", "2026-03-03T10:00:00+08:00"),
                                              f("r", "answered", "2026-03-03T10:30:00+08:00")], "2026-03-04",
     lambda r: status(r, "respond") == [("a", "fulfilled", "2026-03-03T10:30:00+08:00")]
     and r["obligations"][[o["name"] for o in r["obligations"]].index("respond")]["due_included"] is True),
    ("minutes: one second after the end is late", [SIGN, f("a", "alarm", "2026-03-03T10:00:00+08:00"),
                                                   f("r", "answered", "2026-03-03T10:30:01+08:00")], "2026-03-04",
     lambda r: status(r, "respond") == [("a", "violated", "2026-03-03T10:30:00+08:00")]),
    ("minutes: as_of at the end instant, still active", [SIGN, f("a", "alarm", "2026-03-03T10:00:00+08:00")],
     "2026-03-03T10:30:00+08:00", lambda r: status(r, "respond") == [("a", "active", "2026-03-03T10:30:00+08:00")]),
    # ---- days: 3 days from Tue 03-03 → last day Fri 03-06, due 03-07T00:00, an act at 00:00 is late
    ("days: an act at 00:00 of the next day is late", [SIGN, f("o", "ordered", "2026-03-03T09:00:00+08:00", line=1),
                                                      f("x", "fixed", "2026-03-07T00:00:00+08:00", line=1)],
     "2026-03-10", lambda r: status(r, "fix") == [("o", "violated", "2026-03-07T00:00:00+08:00")]),
    ("days: 23:59:59 of the last day is in time", [SIGN, f("o", "ordered", "2026-03-03T09:00:00+08:00", line=1),
                                                   f("x", "fixed", "2026-03-06T23:59:59+08:00", line=1)],
     "2026-03-10", lambda r: status(r, "fix") == [("o", "fulfilled", "2026-03-07T00:00:00+08:00")]),
    # ---- simultaneous: a fulfilling fact at the trigger's own instant counts, whichever is listed first
    ("same instant, fix listed first", [SIGN, f("x", "fixed", "2026-03-03T09:00:00+08:00", line=1),
                                        f("o", "ordered", "2026-03-03T09:00:00+08:00", line=1)], "2026-03-10",
     lambda r: status(r, "fix") == [("o", "fulfilled", "2026-03-07T00:00:00+08:00")]),
    ("same instant, order listed first", [SIGN, f("o", "ordered", "2026-03-03T09:00:00+08:00", line=1),
                                          f("x", "fixed", "2026-03-03T09:00:00+08:00", line=1)], "2026-03-10",
     lambda r: status(r, "fix") == [("o", "fulfilled", "2026-03-07T00:00:00+08:00")]),
    # ---- one fact, several duties: one fix ends both open orders of line 1 …
    ("one fix ends every open duty it answers", [SIGN, f("o1", "ordered", "2026-03-03T09:00:00+08:00", line=1),
                                                 f("o2", "ordered", "2026-03-04T09:00:00+08:00", line=1),
                                                 f("x", "fixed", "2026-03-05T09:00:00+08:00", line=1)], "2026-03-20",
     lambda r: [s for _, s, _ in status(r, "fix")] == ["fulfilled", "fulfilled"]
     # … unless the clause says `exclusively`: then it performs the oldest only
     and [s for _, s, _ in status(r, "fix_one")] == ["fulfilled", "violated"]),
    # ---- an alternative written explicitly: accept or object
    ("or by: an objection answers as well", [SIGN, f("o", "ordered", "2026-03-03T09:00:00+08:00", line=1),
                                             f("x", "objected", "2026-03-04T09:00:00+08:00")], "2026-03-20",
     lambda r: status(r, "reply") == [("o", "fulfilled", "2026-03-07T00:00:00+08:00")]),
    # ---- effectiveness: no duty from a fact before the contract is in force; a payment before it counts
    ("no duty before the later signature", [f("s1", "signed", "2026-03-02T10:00:00+08:00", party="甲方"),
                                            f("o", "ordered", "2026-03-03T09:00:00+08:00", line=1),
                                            f("p", "paid", "2026-03-03T10:00:00+08:00", amount="10000.00"),
                                            f("s2", "signed", "2026-03-04T15:00:00+08:00", party="乙方")],
     "2026-03-20",
     # pay, from the later signature Wed 03-04 15:00: 10 days → last day Sat 03-14, a rest day →
     # Mon 03-16 (第203条) → due 03-17T00:00; the payment of 03-03, made before the contract was
     # in force, still performs it (counting earlier)
     lambda r: status(r, "fix") == [(None, "inactive", None)]
     and status(r, "pay") == [("s2", "fulfilled", "2026-03-17T00:00:00+08:00")]
     and r["contract_life"]["effective"] == "2026-03-04T15:00:00+08:00"),
    ("never signed: nothing arises, and the report says why", [f("o", "ordered", "2026-03-03T09:00:00+08:00", line=1)],
     "2026-03-20", lambda r: status(r, "fix") == [(None, "inactive", None)]
     and "contract_not_in_force" in [x["code"] for x in r["findings"]]),
    # ---- termination: open duties discharged, breaches before stay, survivors survive, power spent
    ("termination by agreement discharges what is open",
     [SIGN, f("o1", "ordered", "2026-03-03T09:00:00+08:00", line=1),
      f("o2", "ordered", "2026-03-09T09:00:00+08:00", line=2),
      f("t", "ended_notice", "2026-03-10T12:00:00+08:00", party="乙方", ground="agreement"),
      f("o3", "ordered", "2026-03-11T09:00:00+08:00", line=3),
      f("l", "leak", "2026-04-01T09:00:00+08:00", party="乙方")], "2026-05-01",
     # o1: due 03-07T00:00, violated before the end (stays violated); o2: due 03-13, open at the end
     # on 03-10 → discharged; pay (from Mon 03-02: Thu 03-12 → due 03-13T00:00) likewise
     lambda r: status(r, "fix", "o1") == [("o1", "violated", "2026-03-07T00:00:00+08:00")]
     and status(r, "fix", "o2")[0][1] == "discharged"
     and not status(r, "fix", "o3")                                     # nothing new after the end
     and status(r, "secrecy")[0][1] == "violated"                       # confidentiality survives
     and status(r, "pay")[0][1] == "discharged"
     and r["contract_life"]["ended_by"] == "ends_by_agreement"),
    ("a termination without the power has no effect",
     [SIGN, f("t", "ended_notice", "2026-03-10T12:00:00+08:00", party="甲方", ground="harm")], "2026-05-01",
     lambda r: r["contract_life"]["ended"] is None
     and "termination_without_right" in [x["code"] for x in r["findings"]]),
    # ---- a fact given by its day alone happened some time that day (time-and-law.md)
    # (a fix of that day alone may have come before the order of 15:00 — then it fixes nothing, the clause counting
    # no earlier act — or after it: undetermined, round 13; it counted before, as if it came after)
    ("bare date: a fix that day cannot be told to come after an order of 15:00 that day",
     [SIGN, f("o", "ordered", "2026-03-03T15:00:00+08:00", line=1), f("x", "fixed", "2026-03-03", line=1)],
     "2026-03-10", lambda r: status(r, "fix") == [("o", "undetermined", "2026-03-07T00:00:00+08:00")]),
    ("bare date: a fix the next day counts for an order of 15:00",
     [SIGN, f("o", "ordered", "2026-03-03T15:00:00+08:00", line=1), f("x", "fixed", "2026-03-04", line=1)],
     "2026-03-10", lambda r: status(r, "fix") == [("o", "fulfilled", "2026-03-07T00:00:00+08:00")]),
    ("bare date: within 30 minutes cannot be told from a day alone",
     [SIGN, f("a", "alarm", "2026-03-03T10:00:00+08:00"), f("r", "answered", "2026-03-03")], "2026-03-10",
     lambda r: status(r, "respond") == [("a", "undetermined", "2026-03-03T10:30:00+08:00")]),
    ("bare date: a later day is late",
     [SIGN, f("a", "alarm", "2026-03-03T10:00:00+08:00"), f("r", "answered", "2026-03-04")], "2026-03-10",
     lambda r: status(r, "respond") == [("a", "violated", "2026-03-03T10:30:00+08:00")]),
    # ---- a year no calendar knows (the package knows up to 2026): by default the evaluation stops with an
    # error naming the rule, the fact (by its line), the year and how to add it (time-and-law.md: never guessed)
    ("unknown year: the evaluation stops, naming the rule, the fact and the year",
     [SIGN, f("o", "ordered", "2026-12-30T09:00:00+08:00", line=1)], "2026-12-30T10:00:00+08:00",
     Stops("calendar_year_unknown.fact", year=2027, line=2, id="o", rule_line=28)),
    ("unknown year: nothing needs it before as_of, nothing stops",
     [SIGN, f("o", "ordered", "2026-12-30T09:00:00+08:00", line=1)], "2026-12-30T08:00:00+08:00",
     lambda r: [o["status"] for o in r["obligations"] if o["name"] == "fix"] == ["inactive"]),
    # … or, where the header chose `calendar fallback undetermined`: 3 days from Wed 2026-12-30 end at 24:00
    # of Sat 2027-01-02 at the earliest (第203条 only moves a last day later)
    ("unknown year, fallback undetermined: an act before the earliest end is in time",
     [SIGN, f("o", "ordered", "2026-12-30T09:00:00+08:00", line=1), f("x", "fixed", "2026-12-31T09:00:00+08:00", line=1)],
     "2027-02-01", lambda r: [(o["status"], o["due"], o["due_not_before"]) for o in r["obligations"]
                              if o["name"] == "fix"] == [("fulfilled", None, "2027-01-03T00:00:00+08:00")]
     and [x["code"] for x in r["findings"]] == ["calendar_year_unknown"], UNDETERMINED),
    ("unknown year, fallback undetermined: before the earliest end it is still running",
     [SIGN, f("o", "ordered", "2026-12-30T09:00:00+08:00", line=1)], "2027-01-02T23:00:00+08:00",
     lambda r: status(r, "fix") == [("o", "active", None)], UNDETERMINED),
    ("unknown year, fallback undetermined: after it, unperformed, only the calendar can tell",
     [SIGN, f("o", "ordered", "2026-12-30T09:00:00+08:00", line=1)], "2027-02-01",
     lambda r: status(r, "fix") == [("o", "undetermined", None)]
     and status(r, "pay")[0][1] == "violated", UNDETERMINED),  # the rest of the report stands
    ("unknown year, fallback weekdays: Monday–Friday (Sat 2027-01-02 → Mon 01-04)",
     [SIGN, f("o", "ordered", "2026-12-30T09:00:00+08:00", line=1)], "2027-02-01",
     lambda r: status(r, "fix") == [("o", "violated", "2027-01-05T00:00:00+08:00")], WEEKDAYS),
    # the power arises at the very instant of the notice: held at it, whatever the facts' ids
    ("a power arising at the notice's own instant is held (ids zz, aa)",
     [SIGN, f("zz", "harm", "2026-03-05T09:00:00+08:00"),
      f("aa", "ended_notice", "2026-03-05T09:00:00+08:00", party="甲方", ground="harm")], "2026-05-01",
     lambda r: r["contract_life"]["ended_by"] == "ends_for_harm"
     and [x["status"] for x in r["remedies"] if x["name"] == "may_end"] == ["exercised"]),
    ("a power arising at the notice's own instant is held (ids aa, zz)",
     [SIGN, f("aa", "harm", "2026-03-05T09:00:00+08:00"),
      f("zz", "ended_notice", "2026-03-05T09:00:00+08:00", party="甲方", ground="harm")], "2026-05-01",
     lambda r: r["contract_life"]["ended_by"] == "ends_for_harm"),
    ("a second notice after the end changes nothing, and says so",
     [SIGN, f("t", "ended_notice", "2026-03-10T12:00:00+08:00", party="乙方", ground="agreement"),
      f("t2", "ended_notice", "2026-03-12T12:00:00+08:00", party="甲方", ground="agreement")], "2026-05-01",
     lambda r: r["contract_life"]["ended"] == "2026-03-10T12:00:00+08:00"
     and [x["code"] for x in r["findings"]] == ["already_terminated"]),
    ("a power to terminate is used once, and the end is counted again for survivors",
     [SIGN, f("h1", "harm", "2026-03-05T09:00:00+08:00"), f("h2", "harm", "2026-03-06T09:00:00+08:00"),
      f("t", "ended_notice", "2026-03-10T12:00:00+08:00", party="甲方", ground="harm"),
      f("t2", "ended_notice", "2026-03-11T12:00:00+08:00", party="甲方", ground="harm")], "2026-05-01",
     lambda r: [(x["trigger"], x["status"]) for x in r["remedies"] if x["name"] == "may_end"] == [("h1", "exercised")]
     and r["contract_life"]["ended"] == "2026-03-10T12:00:00+08:00"
     # secrecy: 1 year as a term after the end (Tue 2026-03-10) → last day 2027-03-10 → 2027-03-11T00:00
     and status(r, "secrecy") == [("s", "active", "2027-03-11T00:00:00+08:00")]
     and status(r, "forever") == [("s", "active", None)]),
]


TABLE = [c if len(c) == 5 else (*c, RULES) for c in CASES]


@pytest.fixture(scope="module")
def compiled():
    return compile_rules(RULES, "life.qy")


@pytest.fixture(scope="module")
def compiled_for(compiled):
    cache = {RULES: compiled}
    return lambda text: cache.get(text) or cache.setdefault(text, compile_rules(text, "life.qy"))


@pytest.mark.parametrize("case", TABLE, ids=[c[0] for c in TABLE])
def test_api(compiled_for, case):
    _, facts, as_of, check, rules = case
    compiled = compiled_for(rules)
    if isinstance(check, Stops):
        with pytest.raises(QiyueError) as exc:
            compiled.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], as_of)
        check.api(exc.value)
        return
    report = compiled.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], as_of)
    assert check(report), json.dumps([(o["name"], o["trigger"], o["status"], o["due"]) for o in report["obligations"]],
                                     ensure_ascii=False)
    # simultaneous facts: listing them in reverse changes nothing
    again = compiled.evaluate([json.dumps(x, ensure_ascii=False) for x in reversed(facts)], as_of)
    assert again == report


@pytest.mark.parametrize("case", TABLE, ids=[c[0] for c in TABLE])
def test_cli(tmp_path, case):
    _, facts, as_of, check, rules = case
    (tmp_path / "life.qy").write_text(rules, encoding="utf-8")
    (tmp_path / "f.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in facts), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(tmp_path / "life.qy"), "--facts",
                          str(tmp_path / "f.jsonl"), "--as-of", as_of, "--format", "json"],
                         capture_output=True, text=True)
    if isinstance(check, Stops):
        assert out.returncode == 1, out.stderr
        check.cli(json.loads(out.stdout))
        return
    assert out.returncode == 0, out.stderr
    assert check(json.loads(out.stdout))


# ---------------------------------------------------------------- what the checker refuses

@pytest.mark.parametrize("old,new,code,text", [
    ("    within 3 days\n  }\n  obligation fix_one", "    within 3 days\n    within 4 days\n  }\n"
     "  obligation fix_one", "duplicate_part", "twice"),
    ("    fulfilled by accepted a or by objected x\n", "    fulfilled by accepted a\n    fulfilled by objected x\n",
     "duplicate_part", "or by"),
    ("    fulfilled by answered r\n", "    fulfilled by answered r\n    fulfilled when exists(answered)\n",
     "duplicate_part", "twice"),
    ("    within 30 minutes\n", "    within 0 working days\n", "zero_period", "0"),
    ("  termination ends_by_agreement", "  termination ends_by_agreement_x", None, None),
])
def test_duplicated_and_impossible_parts_are_errors_naming_both_places(old, new, code, text):
    assert RULES.count(old) == 1, old
    if code is None:  # a renamed termination is fine
        compile_rules(RULES.replace(old, new), "life.qy")
        return
    with pytest.raises(QiyueError) as exc:
        compile_rules(RULES.replace(old, new), "life.qy")
    found = [d for d in exc.value.diagnostics if d.code == code]
    assert found, [d.code for d in exc.value.diagnostics]
    assert text in (found[0].message + (found[0].hint or ""))
    if code == "duplicate_part" and "twice" in text:
        assert found[0].message.count("life.qy:") >= 2  # both places named


def test_other_party_is_an_error_with_more_than_two_parties():
    text = RULES.replace('party 乙方 "卖方" as supplier\n', 'party 乙方 "卖方" as supplier\nparty 丙方 "代理" as agent\n')
    text = text.replace("    debtor 乙方\n    creditor 甲方\n    for each alarm a",
                        "    debtor 乙方\n    creditor other(乙方)\n    for each alarm a")
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "three.qy")
    assert "ambiguous_other" in {d.code for d in exc.value.diagnostics}


@pytest.mark.parametrize("as_of,expected", [
    ("2026-03-04", "2026-03-04T00:00:00+08:00"),
    (__import__("datetime").date(2026, 3, 4), "2026-03-04T00:00:00+08:00"),
    (__import__("datetime").datetime(2026, 3, 4, 9, 30), "2026-03-04T09:30:00+08:00"),  # naive: contract time
    (__import__("datetime").datetime(2026, 3, 4, 1, 30, tzinfo=__import__("datetime").timezone.utc),
     "2026-03-04T09:30:00+08:00"),
])
def test_as_of_may_be_a_text_a_date_or_a_datetime(compiled, as_of, expected):
    assert compiled.evaluate([json.dumps(SIGN)], as_of)["as_of"] == expected


@pytest.mark.parametrize("as_of", [None, 0, 1.5])
def test_as_of_of_another_kind_is_a_clear_error(compiled, as_of):
    with pytest.raises(QiyueError) as exc:  # a value with its code, in both languages — not a TypeError
        compiled.evaluate([json.dumps(SIGN)], as_of)
    assert exc.value.diagnostics[0].code == "bad_as_of" and "as_of must be" in exc.value.diagnostics[0].text("en")


def test_a_termination_before_the_contract_is_in_force_has_no_effect_and_says_so(compiled):
    facts = [f("s1", "signed", "2026-03-02T10:00:00+08:00", party="甲方"),
             f("t", "ended_notice", "2026-03-03T10:00:00+08:00", party="甲方", ground="agreement"),
             f("s2", "signed", "2026-03-04T10:00:00+08:00", party="乙方")]
    report = compiled.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], "2026-03-20")
    assert report["contract_life"]["ended"] is None
    assert [x["code"] for x in report["findings"]] == ["termination_before_effective"]


def test_a_duty_whose_fact_came_before_the_contract_bound_says_so_in_its_row(compiled):
    """An alarm on 03-03, the contract in force on 03-04 (both signatures): no duty to respond arises (第502条) — the
    row says why, not only that it waits for an alarm (opposing counsel, round 27)."""
    facts = [f("s1", "signed", "2026-03-02T10:00:00+08:00", party="甲方"), f("a", "alarm", "2026-03-03T10:00:00+08:00"),
             f("s2", "signed", "2026-03-04T10:00:00+08:00", party="乙方")]
    for lang, said in (("zh", "早于合同生效（2026年3月4日10时）：合同生效前不产生本项义务（民法典第502条）"),
                       ("en", "before the contract took effect (4 March 2026, 10:00): no duty arises before it binds")):
        report = compiled.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], "2026-03-20", lang=lang)
        (row,) = [o for o in report["obligations"] if o["name"] == "respond"]
        assert row["status"] == "inactive" and said in row["because"][1], row["because"]
        assert [s["code"] for s in row["steps"]][:2] == ["not_triggered", "matched_before_effect"]


def test_a_condition_reading_ended_holds_from_the_instant_a_ground_ends_the_contract():
    # (`when present(ended)` read no kind of fact — `ended` was left out of what a condition depends on — so the
    # remedy never arose: it arises at the instant of the termination)
    rules = compile_rules(textwrap.dedent('''\
        contract "E" { calendar official }
        party 甲方 "买方" as buyer
        party 乙方 "卖方" as supplier
        event signed "签"
        event quit "解除" { party: party "p" }
        clause "1" "x" {
          termination by_quit "解除" {
            for each quit q
          }
          remedy after_end "终止后" {
            holder 甲方
            when present(ended)
            once
          }
          remedy before_end "终止前" {
            holder 乙方
            when not present(ended) and exists(signed)
            once
          }
        }
        '''), "e.qy")
    facts = [{"id": "s", "type": "signed", "at": "2026-03-02T09:00:00+08:00"},
             {"id": "q", "type": "quit", "at": "2026-03-05T09:00:00+08:00", "party": "甲方"}]
    report = rules.evaluate([json.dumps(f) for f in facts], "2026-04-30")
    assert [(r["name"], r["since"]) for r in report["remedies"]] == [
        ("before_end", "2026-03-02T09:00:00+08:00"), ("after_end", "2026-03-05T09:00:00+08:00")]
