"""Every assumption of the seed rules that decides a verdict can be replaced from the command line
(`qiyue eval --assume NAME=VALUE`), and the verdict that rests on it moves; the report names
the assumptions each verdict rests on and the ones overridden.  Counted by hand."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from seedfacts import PAY_1

ROOT = Path(__file__).resolve().parent.parent
SIGN = {"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}


def cli(tmp_path, facts, as_of, *assume):
    (tmp_path / "f.jsonl").write_text("\n".join(json.dumps(f, ensure_ascii=False) for f in facts), encoding="utf-8")
    args = [sys.executable, "-m", "engine.cli", "eval", str(ROOT / "rules" / "gzmz-2025-it-ops.qy"), "--facts",
            str(tmp_path / "f.jsonl"), "--as-of", as_of, "--format", "json"]
    for a in assume:
        args += ["--assume", a]
    out = subprocess.run(args, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def row(report, name):
    (o,) = [o for o in report["obligations"] if o["name"] == name and o["status"] != "inactive"]
    return o


CASES = [
    # payment_term 30 → 45 days from Fri 2025-07-04: 08-03 (Sun) → Mon 08-04 → due 08-05; 45 days:
    # Mon 08-18 → due 08-19
    ("payment_term", "45 days", PAY_1, "2025-09-01", "pay_installment_1", "due",
     "2025-08-05T00:00:00+08:00", "2025-08-19T00:00:00+08:00"),
    # immediate_notice 2 → 3 hours: an incident found 09:00, notice by fax at 11:30 → late, then in time
    ("immediate_notice", "3 hours",
     [SIGN, {"id": "i", "type": "security_incident_found", "at": "2026-04-10T09:00:00+08:00"},
      {"id": "n", "type": "notice_sent", "at": "2026-04-10T11:30:00+08:00", "from": "乙方", "to": "甲方",
       "subject": "security_incident", "method": "fax", "ref": "i"}],
     "2026-04-11", "security_incident_notice", "status", "violated", "fulfilled"),
    # rectification_term 30 → 10 days from Fri 07-10: Sun 08-09 → Mon 08-10 → due 08-11; 10 days:
    # Mon 07-20 → due 07-21
    ("rectification_term", "10 days",
     [SIGN, {"id": "h", "type": "acceptance_held", "at": "2026-07-10T10:00:00+08:00", "passed": False}],
     "2026-09-01", "resubmit_acceptance", "due", "2026-08-11T00:00:00+08:00", "2026-07-21T00:00:00+08:00"),
    # bond_release_term 30 → 15 days after a passed acceptance on Mon 2026-07-20: 30 days → Wed 08-19
    # → due 08-20; 15 days → Tue 08-04 → due 08-05
    ("bond_release_term", "15 days",
     [SIGN, {"id": "h", "type": "acceptance_held", "at": "2026-07-20T10:00:00+08:00", "passed": True}],
     "2026-09-01", "release_bond", "due", "2026-08-20T00:00:00+08:00", "2026-08-05T00:00:00+08:00"),
    # cooperation_end: the end of the service period (24:00 2026-06-27) → 3 years → 2029-06-28; taken
    # as the signing instead: 3 years from 2025-06-27 → 2028-06-28
    ("cooperation_end", "first(contract_effective)", [SIGN], "2025-07-01", "confidentiality", "due",
     "2029-06-28T00:00:00+08:00", "2028-06-28T00:00:00+08:00"),
    # service_start: the first staff on site (07-01 09:00) → 2 months passed at 09-02 00:00; taken as
    # the signing instead: 2 months from 06-27 → passed at 08-28 00:00
    ("service_start", "first(contract_effective)",
     [SIGN, {"id": "st", "type": "staff_onsite", "at": "2025-07-01T09:00:00+08:00", "count": 2},
      {"id": "m", "type": "midterm_report_approved", "at": "2025-08-01T10:00:00+08:00"},
      {"id": "ap", "type": "payment_application_received", "at": "2025-08-01T10:00:00+08:00", "installment": 2,
       "amount": "1396000.00"},
      {"id": "in", "type": "invoice_received", "at": "2025-08-01T11:00:00+08:00", "installment": 2,
       "amount": "1396000.00", "kind": "vat_ordinary"}],
     "2025-09-30", "pay_installment_2", "triggered_at", "2025-09-02T00:00:00+08:00", "2025-08-28T00:00:00+08:00"),
]


@pytest.mark.parametrize("name,value,facts,as_of,obligation,field,before,after", CASES, ids=[c[0] for c in CASES])
def test_overriding_an_assumption_moves_the_verdict_that_rests_on_it(tmp_path, name, value, facts, as_of,
                                                                      obligation, field, before, after):
    plain = cli(tmp_path, facts, as_of)
    assert row(plain, obligation)[field] == before
    assert name in row(plain, obligation)["assumptions"]
    assert plain["assumptions_overridden"] == {}
    changed = cli(tmp_path, facts, as_of, f"{name}={value}")
    assert row(changed, obligation)[field] == after
    assert changed["assumptions_overridden"] == {name: value}
    assert any(f["code"] == "open_point" and name in f["message"] and "本次运行改用" in f["message"]
               and "overridden for this run" in f["text"]["en"] for f in changed["findings"])


def test_a_deadline_counted_from_an_assumption_says_so(tmp_path):
    o = row(cli(tmp_path, PAY_1, "2025-09-01"), "pay_installment_1")
    assert any(s["code"] == "deadline_from" and s["args"]["assumption"] == "payment_term" for s in o["steps"])
    assert any(b.startswith("期限：") and "假定 payment_term（付款期限）" in b for b in o["because"])


def test_an_unknown_assumption_or_value_is_a_clear_error(tmp_path):
    (tmp_path / "f.jsonl").write_text(json.dumps(SIGN), encoding="utf-8")
    base = [sys.executable, "-m", "engine.cli", "eval", str(ROOT / "rules" / "gzmz-2025-it-ops.qy"), "--facts",
            str(tmp_path / "f.jsonl"), "--as-of", "2025-07-01"]
    out = subprocess.run(base + ["--assume", "paymen_term=45 days"], capture_output=True, text=True)
    assert out.returncode == 1 and "payment_term" in out.stderr and "Traceback" not in out.stderr
    out = subprocess.run(base + ["--assume", "payment_term=45 dayz"], capture_output=True, text=True)
    assert out.returncode == 1 and "dayz" in out.stderr
    out = subprocess.run(base + ["--assume", "payment_term"], capture_output=True, text=True)
    assert out.returncode == 2 and "NAME=VALUE" in out.stderr


def test_a_remedy_shows_how_its_amount_was_computed(tmp_path):
    facts = [SIGN, {"id": "i", "type": "service_interruption_started", "at": "2026-05-06T08:00:00+08:00",
                    "subproject": 3, "cause": "supplier"},
             {"id": "n", "type": "notice_sent", "at": "2026-05-06T09:00:00+08:00", "from": "甲方", "to": "乙方",
              "subject": "service_interruption", "method": "fax", "ref": "i"}]
    report = cli(tmp_path, facts, "2026-06-01")
    (r,) = [r for r in report["remedies"] if r["name"] == "interruption_damages"]
    assert r["amount"] == "1757.00"
    assert "金额：¥175,700.00 × 1% = ¥1,757.00（一次性计算，依假定 8.2违约金计算方式（interruption_damages_basis））" in r["because"]
    (step,) = [s for s in r["steps"] if s["code"] == "amount"]
    assert step["args"]["base"] == {"kind": "money", "amount": "175700.00"} and step["args"]["formula"] == "1%"
    assert "interruption_damages_basis" in r["assumptions"]


def test_an_obligation_not_triggered_says_which_conditions_hold_and_which_not_yet(tmp_path):
    facts = PAY_1[:3]  # signed, staff, plan — no application or invoice yet
    report = cli(tmp_path, facts, "2025-07-03")
    (o,) = [o for o in report["obligations"] if o["name"] == "pay_installment_1"]
    assert o["status"] == "inactive"
    lines = "\n".join(o["because"])
    assert "存在提交运维服务方案：已满足" in lines
    assert "存在甲方收到《付款申请》（期次为1，且申请金额为第一期款（50%））：尚未满足" in lines
    states = {s["args"]["text"]["text"].split("(")[1].split(")")[0].split()[0]: s["args"]["state"]
              for s in o["steps"] if s["code"] == "condition_state" and s["args"]["text"]["text"].startswith("exists(")}
    assert states["service_plan_submitted"] == "holds" and states["payment_application_received"] == "not_yet"


def test_a_violated_duty_says_which_exception_was_considered(tmp_path):
    facts = [SIGN, {"id": "i", "type": "service_interruption_started", "at": "2026-05-06T08:00:00+08:00",
                    "subproject": 3, "cause": "supplier"},
             {"id": "n", "type": "notice_sent", "at": "2026-05-06T09:00:00+08:00", "from": "甲方", "to": "乙方",
              "subject": "service_interruption", "method": "fax", "ref": "i"}]
    o = row(cli(tmp_path, facts, "2026-06-01"), "resolve_interruption")
    assert o["status"] == "violated"
    assert any(b.startswith("不予免除：") and "8.2 但书" in b for b in o["because"])
    assert any(s["code"] == "not_excused" for s in o["steps"])


def test_the_text_report_is_chinese_first_with_a_summary_and_english_on_request(tmp_path):
    root = Path(__file__).resolve().parent.parent
    base = [sys.executable, "-m", "engine.cli", "eval", str(root / "rules" / "gzmz-2025-it-ops.qy"), "--facts",
            str(root / "facts" / "missed-review.jsonl"), "--as-of", "2026-10-20"]
    zh = subprocess.run(base, capture_output=True, text=True)
    assert zh.returncode == 0
    text = zh.stdout
    assert text.index("一、概要") < text.index("二、逐条")
    assert "已违约 2 项" in text and "审核验收申请（acceptance_review" in text
    assert "：已违约" in text and "未触发：" in text and "VIOLATED" not in text
    en = subprocess.run(base + ["--lang", "en"], capture_output=True, text=True)
    assert en.returncode == 0 and "VIOLATED" in en.stdout and "一、概要" not in en.stdout


# ---------------------------------------------------------------- the readings the rules switch on
def remedy(name, field):
    return lambda r: [x[field] for x in r["remedies"] if x["name"] == name]


def life(field):
    return lambda r: r["contract_life"][field]


def statuses(name):
    return lambda r: [o["status"] for o in r["obligations"] if o["name"] == name]


INTERRUPTION = [SIGN, {"id": "i", "type": "service_interruption_started", "at": "2026-05-06T08:00:00+08:00",
                       "subproject": 3, "cause": "supplier"},
                {"id": "n", "type": "notice_sent", "at": "2026-05-06T09:00:00+08:00", "from": "甲方", "to": "乙方",
                 "subject": "service_interruption", "method": "fax", "ref": "i"}]
TWO_INVOICES = PAY_1[:4] + [
    {"id": f"in{k}", "type": "invoice_received", "at": f"2025-07-04T1{k}:00:00+08:00", "installment": 1,
     "amount": "1745000.00", "kind": "vat_ordinary"} for k in (0, 1)]
PAY_2_LATE = [
    {"id": "m", "type": "midterm_report_approved", "at": "2025-08-01T10:00:00+08:00"},
    {"id": "ap2", "type": "payment_application_received", "at": "2025-08-01T10:00:00+08:00", "installment": 2,
     "amount": "1396000.00"},
    {"id": "in2", "type": "invoice_received", "at": "2025-08-01T11:00:00+08:00", "installment": 2,
     "amount": "1396000.00", "kind": "vat_ordinary"},
    {"id": "p1", "type": "payment_made", "at": "2025-10-10T10:00:00+08:00", "installment": 1, "amount": "3490000.00"}]
SUPPLIER_ENDS = [{"id": "t", "type": "termination_notified", "at": "2025-09-01T10:00:00+08:00", "party": "乙方",
                  "ground": "late_payment"}]
TERMINATION_NOTICE = {"id": "tn", "type": "notice_sent", "at": "2025-09-01T10:00:00+08:00", "from": "乙方", "to": "甲方",
                      "subject": "termination", "method": "express", "ref": "t"}
AGREED_BY_BUYER = {"id": "t", "type": "termination_notified", "at": "2026-01-10T10:00:00+08:00", "party": "甲方",
                   "ground": "agreement"}
FM = {"id": "fm", "type": "force_majeure_occurred", "at": "2026-03-04T10:00:00+08:00", "party": "乙方"}


def fm_notice(at, method, local=True):
    return {"id": "fn", "type": "notice_sent", "at": at, "from": "乙方", "to": "甲方", "subject": "force_majeure",
            "method": method, "local": local, "ref": "fm"}


# facts/full-year.jsonl (accepted Fri 2026-07-10) without the guarantee's release (f-026) and the handover (f-020),
# and 甲方 ending the contract Sat 07-25
_FULL_YEAR = [json.loads(x) for x in (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines()
              if x.strip()]
_CLEAN_YEAR = [json.loads(x) for x in (ROOT / "facts" / "clean-year.jsonl").read_text(encoding="utf-8").splitlines()
               if x.strip()]
ENDED_AFTER_ACCEPTANCE = [x for x in _FULL_YEAR if x["id"] not in ("f-020", "f-026")] + [
    {"id": "t", "type": "termination_notified", "at": "2026-07-25T10:00:00+08:00", "party": "甲方", "ground": "other"}]

LATE_APPLICATION = [x for x in _FULL_YEAR if x["id"] not in ("f-017", "f-018", "f-019", "f-020", "f-026")] + [
    {"id": "app", "type": "acceptance_applied", "at": "2026-07-20T10:00:00+08:00"},
    {"id": "rv", "type": "acceptance_review_completed", "at": "2026-07-24T10:00:00+08:00", "passed": True},
    {"id": "h", "type": "acceptance_held", "at": "2026-08-05T10:00:00+08:00", "passed": True}]

SWITCHES = [
    # failed_review_organizes: 乙方 applies Mon 2026-06-29 10:00 after the service year (ended 24:00 Sat 06-27); 甲方
    # reviews Mon 07-06 17:00 and the review fails — 2.2(4)'s 30 days (06-28 … Mon 07-27 → 07-28 00:00) are met by that
    # timely review; read as not organizing, no acceptance was held: violated (counsel round 16)
    ("failed_review_organizes", '"does not organize"',
     [SIGN, {"id": "a1", "type": "acceptance_applied", "at": "2026-06-29T10:00:00+08:00"},
      {"id": "r1", "type": "acceptance_review_completed", "at": "2026-07-06T17:00:00+08:00", "passed": False}],
     "2026-09-01", statuses("organize_acceptance"), ["fulfilled"], ["violated"]),
    # buyer_termination_cause: sub-project 2 down through 乙方 from Mon 2025-09-01 09:00, 甲方's fax at 10:00; 8.2's
    # 5 days (09-02 … Sat 09-06 → Mon 09-08) violated at 09-09 00:00; 甲方 ends the contract Mon 11-10 10:00 on no
    # contractual ground — 无故 (¥349,000.00 to 乙方); read as a cause, under 民法典第563条: ended, no 5% (counsel
    # round 16)
    ("buyer_termination_cause", '"supplier breach is a cause"',
     [SIGN, {"id": "s", "type": "service_interruption_started", "at": "2025-09-01T09:00:00+08:00", "subproject": 2,
             "cause": "supplier"},
      {"id": "n", "type": "notice_sent", "at": "2025-09-01T10:00:00+08:00", "from": "甲方", "to": "乙方",
       "subject": "service_interruption", "method": "fax", "ref": "s"},
      {"id": "t", "type": "termination_notified", "at": "2025-11-10T10:00:00+08:00", "party": "甲方",
       "ground": "other"}],
     "2025-12-01", lambda r: (r["contract_life"]["ended_by"], remedy("unjustified_termination_damages", "amount")(r)),
     ("buyer_without_cause", ["349000.00"]), ("buyer_for_supplier_breach", [])),
    # force_majeure_notice_subject: a force majeure hits 乙方 Tue 2026-03-03 14:00; 乙方 faxes 甲方 Wed 03-04 09:30 a
    # written notice of it (ref fm) filed under subject "other": 8.4's 2 days (03-04, 03-05 → due 03-06T00:00) —
    # performed at 09:30; read as needing the force-majeure heading, nothing performs it: violated (counsel round 13)
    ("force_majeure_notice_subject", '"labelled force_majeure"',
     [SIGN, {"id": "fm", "type": "force_majeure_occurred", "at": "2026-03-03T14:00:00+08:00", "party": "乙方"},
      {"id": "n", "type": "notice_sent", "at": "2026-03-04T09:30:00+08:00", "from": "乙方", "to": "甲方",
       "subject": "other", "method": "fax", "ref": "fm"}],
     "2026-03-10", lambda r: [(o["status"], o["fulfilled_at"]) for o in r["obligations"]
                              if o["name"] == "force_majeure_notice"],
     [("fulfilled", "2026-03-04T09:30:00+08:00")], [("violated", None)]),
    # fm_notice_after_performance: the full year performed in full by Fri 2026-07-24 10:00 (facts/full-year.jsonl); a force
    # majeure strikes 乙方 Mon 08-03 10:00, no notice: 8.4's 2 days (08-04, Wed 08-05 → due 08-06T00:00) — excused as it
    # arises (nothing left to perform, 第557条); read as still owed: violated (counsel round 32)
    ("fm_notice_after_performance", '"owed"',
     [*(json.loads(x) for x in (ROOT / "facts" / "full-year.jsonl").read_text(encoding="utf-8").splitlines() if x),
      {"id": "fm-late", "type": "force_majeure_occurred", "at": "2026-08-03T10:00:00+08:00", "party": "乙方"}],
     "2026-08-20", lambda r: [(o["status"], o["due"]) for o in r["obligations"] if o["name"] == "force_majeure_notice"
                              and o["trigger"] == "fm-late"],
     [("excused", None)], [("violated", "2026-08-06T00:00:00+08:00")]),
    # address_notice_subject: 乙方 changes its address Mon 2025-09-15 10:00 and faxes 甲方 Mon 09-01 10:00 a notice of
    # that change (ref ac) filed under subject "other": 10.2's 10 days before the change (last day Fri 09-05, due
    # 09-06T00:00) — performed on 09-01; read as needing the address-change heading, nothing performs it: violated
    # (counsel round 17)
    ("address_notice_subject", '"labelled address_change"',
     [SIGN, {"id": "n", "type": "notice_sent", "at": "2025-09-01T10:00:00+08:00", "from": "乙方", "to": "甲方",
             "subject": "other", "method": "fax", "ref": "ac"},
      {"id": "ac", "type": "address_changed", "at": "2025-09-15T10:00:00+08:00", "party": "乙方"}],
     "2025-10-01", lambda r: [(o["status"], o["fulfilled_at"]) for o in r["obligations"]
                              if o["name"] == "address_change_notice"],
     [("fulfilled", "2025-09-01T10:00:00+08:00")], [("violated", None)]),
    # leak_notice_subject: 乙方 finds a supplier-caused leak Mon 2025-11-10 10:00 and faxes 甲方 at 11:00 a notice of
    # that leak (ref lk) headed "security incident": 三.5's written notice within 2 hours (due 12:00) — performed at
    # 11:00; read as needing the data-leak heading, no notice performs it and it is violated from 12:00 (counsel
    # round 11)
    ("leak_notice_subject", '"labelled data_leak"',
     [SIGN, {"id": "lk", "type": "data_leak_discovered", "at": "2025-11-10T10:00:00+08:00", "cause": "supplier",
             "found_by": "乙方"},
      {"id": "bn", "type": "notice_sent", "at": "2025-11-10T11:00:00+08:00", "from": "乙方", "to": "甲方",
       "subject": "security_incident", "method": "fax", "ref": "lk"}],
     "2025-11-11", lambda r: [(o["status"], o["fulfilled_at"]) for o in r["obligations"] if o["name"] == "breach_notice"],
     [("fulfilled", "2025-11-10T11:00:00+08:00")], [("violated", None)]),
    # interruption_notice_subject: sub-project 3 down through 乙方 Mon 2025-09-01 10:00; 甲方 faxes 乙方 at 11:00 a
    # notice of that outage (ref s) headed "other": 8.2's 5 days from 09-01 — 09-02 .. Sat 09-06 → Mon 09-08 → due
    # 09-09T00:00, unresolved: violated; read as needing the service-interruption heading, no duty arises (counsel
    # round 30)
    ("interruption_notice_subject", '"labelled service_interruption"',
     [SIGN, {"id": "s", "type": "service_interruption_started", "at": "2025-09-01T10:00:00+08:00", "subproject": 3,
             "cause": "supplier"},
      {"id": "n", "type": "notice_sent", "at": "2025-09-01T11:00:00+08:00", "from": "甲方", "to": "乙方",
       "subject": "other", "method": "fax", "ref": "s"}],
     "2025-10-01", lambda r: [(o["status"], o["due"]) for o in r["obligations"]
                              if o["name"] == "resolve_interruption" and o["status"] != "inactive"],
     [("violated", "2025-09-09T00:00:00+08:00")], []),
    # leak_found_by_buyer: 甲方 itself finds a supplier-caused leak Mon 2025-11-10 10:00 and tells 乙方 by fax at
    # 11:00 (delivered then): 乙方's written notice is due 2 hours from 甲方's notice, 13:00 — or, read from the
    # discovery, from 10:00: 12:00 (counsel round 10)
    ("leak_found_by_buyer", '"from discovery"',
     [SIGN, {"id": "lk", "type": "data_leak_discovered", "at": "2025-11-10T10:00:00+08:00", "cause": "supplier",
             "found_by": "甲方"},
      {"id": "bn", "type": "notice_sent", "at": "2025-11-10T11:00:00+08:00", "from": "甲方", "to": "乙方",
       "subject": "data_leak", "method": "fax", "ref": "lk"}],
     "2025-11-11", lambda r: [o["due"] for o in r["obligations"] if o["name"] == "breach_notice"],
     ["2025-11-10T13:00:00+08:00"], ["2025-11-10T12:00:00+08:00"]),
    # address_notice_for: 乙方 changes address Sat 2025-09-20 and Sat 2025-12-20, and sends one notice, by fax
    # Fri 12-05 (delivered then), naming no change: it is for the change still to come (December: due 12-11 00:00,
    # fulfilled; September: violated, never notified) — read as "earliest open", it goes to September, late, and
    # December is violated (counsel round 9)
    ("address_notice_for", '"earliest open"',
     [SIGN, {"id": "a1", "type": "address_changed", "at": "2025-09-20T10:00:00+08:00", "party": "乙方"},
      {"id": "a2", "type": "address_changed", "at": "2025-12-20T10:00:00+08:00", "party": "乙方"},
      {"id": "n", "type": "notice_sent", "at": "2025-12-05T10:00:00+08:00", "from": "乙方", "to": "甲方",
       "subject": "address_change", "method": "fax"}],
     "2026-01-10", statuses("address_change_notice"), ["violated", "fulfilled"], ["violated", "violated"]),
    # wind_up_after_termination: the guarantee's release (30 days: Sun 08-09 → Mon 08-10, due 08-11) survives the
    # termination of 07-25 and is violated by 08-20; read as ending with the contract, it is discharged
    ("wind_up_after_termination", '"ends with the contract"', ENDED_AFTER_ACCEPTANCE, "2026-08-20",
     statuses("release_bond"), ["violated"], ["discharged"]),
    # interruption_grace 5 → 2 days: an interruption Wed 05-06 08:00 never resolved: the bond may be
    # cut once 5 days have run (05-07…05-11, as a term) at 05-12 00:00; with 2 days (05-07, 05-08) at 05-09 00:00
    ("interruption_grace", "2 days", INTERRUPTION, "2026-06-01", remedy("bond_deduction", "since"),
     ["2026-05-12T00:00:00+08:00"], ["2026-05-09T00:00:00+08:00"]),
    # acceptance_after_late_application: the full year without its acceptance history; 乙方 applies only Mon
    # 2026-07-20 10:00 (day 23 of 2.2(4)'s 30); review Fri 07-24 (due 08-04T00:00: 10 working days 07-21 .. 08-03),
    # acceptance held and passed Wed 08-05 (due 08-08T00:00).  2.2(4): 06-28 .. Mon 07-27 → due 07-28T00:00; no
    # acceptance by then: violated.  Read as "application-led", 甲方 had missed no 5.2.3 period at 07-28: excused
    # (counsel round 15)
    ("acceptance_after_late_application", '"application-led"', LATE_APPLICATION, "2026-09-01",
     statuses("organize_acceptance"), ["violated"], ["excused"]),
    # failed_review_fails: 乙方 applies Wed 2026-07-01 after the service year; 甲方's review fails Fri 07-03 10:00 →
    # rectify and apply again within 30 days: 07-04 .. Sun 08-02 → Mon 08-03 → due 08-04T00:00, violated by 08-20;
    # read as "not an acceptance", only a failed expert acceptance gives that duty (counsel round 26)
    ("failed_review_fails", '"not an acceptance"',
     [SIGN, {"id": "a", "type": "acceptance_applied", "at": "2026-07-01T10:00:00+08:00"},
      {"id": "r", "type": "acceptance_review_completed", "at": "2026-07-03T10:00:00+08:00", "passed": False}],
     "2026-08-20", statuses("resubmit_acceptance"), ["violated"], ["inactive"]),
    # staff_required: 2 staff on site (07-01), plan, application, invoice (07-04): installment 1 owed, due 08-05;
    # read as the 11 of 附件1's column, the condition is not met and nothing is owed (counsel round 26)
    ("staff_required", "11", PAY_1, "2025-08-01", statuses("pay_installment_1"), ["active"], ["inactive"]),
    # invoice_in_parts: two invoices of ¥1,745,000.00 together equal installment 1 and meet 2.2(1); read
    # as "one invoice", they do not, and nothing falls due
    ("invoice_in_parts", '"one invoice"', TWO_INVOICES, "2025-08-01", statuses("pay_installment_1"),
     ["active"], ["inactive"]),
    # interruption_damages_basis: resolve_interruption (notice by fax 05-06 09:00, 5 days: Mon 05-11 → due
    # 05-12 00:00) violated: 1% of ¥175,700.00 once = ¥1,757.00; per day from 24:00 of 05-11 to 06-01,
    # 21 days begun = ¥36,897.00
    ("interruption_damages_basis", '"per day"', INTERRUPTION, "2026-06-01", remedy("interruption_damages", "amount"),
     ["1757.00"], ["36897.00"]),
    # damages_after_termination: installment 1 due 08-05 00:00, unpaid; 乙方 holds the power from 08-20 00:00
    # (15 days as a term) and ends the contract Mon 09-01 10:00. Daily ¥6,980.00 from 24:00 of 08-04:
    # to 10-01 = 58 days (¥404,840.00); until the contract ends, to 09-01 = 28 days (¥195,440.00)
    ("damages_after_termination", '"until the contract ends"',
     PAY_1 + [{"id": "t", "type": "termination_notified", "at": "2025-09-01T10:00:00+08:00", "party": "乙方",
               "ground": "late_payment"}],
     "2025-10-01", remedy("late_payment_damages", "amount"), ["404840.00"], ["195440.00"]),
    # leak_notice_after_end: the contract ended by agreement 01-10; a leak found 02-01 09:00 and never
    # notified: the notice duty survives (violated at 11:00) — or ended with the contract (no duty)
    ("leak_notice_after_end", '"ends with the contract"',
     [SIGN, {"id": "t", "type": "termination_notified", "at": "2026-01-10T10:00:00+08:00", "party": "甲方",
             "ground": "agreement"},
      {"id": "d", "type": "data_leak_discovered", "at": "2026-02-01T09:00:00+08:00", "cause": "supplier"}],
     "2026-02-02", statuses("breach_notice"), ["violated"], ["inactive"]),
    # notice_effective: force majeure Wed 03-04 10:00, notice due within 2 days (03-05, Fri 03-06 → due 03-07
    # 00:00); sent by express in the city Thu 03-05 10:00, delivered on day 3, Sun 03-08 00:00: late. Read
    # as effective on dispatch, it came 03-05 10:00: in time
    ("notice_effective", '"dispatch"', [SIGN, FM, fm_notice("2026-03-05T10:00:00+08:00", "express")],
     "2026-03-20", statuses("force_majeure_notice"), ["violated"], ["fulfilled"]),
    # delivery_outside_city: the same notice sent out of the city Wed 03-04 11:00 with no receipt: delivery
    # undetermined (so is the duty); read as within the city, day 3 is Sat 03-07 00:00, after the due instant
    ("delivery_outside_city", '"as within the city"',
     [SIGN, FM, fm_notice("2026-03-04T11:00:00+08:00", "express", local=False)],
     "2026-03-20", statuses("force_majeure_notice"), ["undetermined"], ["violated"]),
    # change_soon_after_signing: in force from Fri 2025-06-27 10:00; 乙方's address changes Tue 07-01 — the last day
    # to notify (07-01 - 10 days = 06-21) is before the contract existed: excused; read as violated, the notice was
    # due by 24:00 on 06-21 (06-22 00:00). A change on 07-07 (last day 06-27, the signing day) is owed either way
    ("change_soon_after_signing", '"violated"',
     [SIGN, {"id": "ac", "type": "address_changed", "at": "2025-07-01T10:00:00+08:00", "party": "乙方"},
      {"id": "ac2", "type": "address_changed", "at": "2025-07-07T10:00:00+08:00", "party": "甲方"}],
     "2025-07-20", lambda r: [(o["trigger"], o["status"], o["due"]) for o in r["obligations"]
                              if o["name"] == "address_change_notice"],
     [("ac", "excused", None), ("ac2", "violated", "2025-06-28T00:00:00+08:00")],
     [("ac", "violated", "2025-06-22T00:00:00+08:00"), ("ac2", "violated", "2025-06-28T00:00:00+08:00")]),
    # early_handover: the project's materials handed over Wed 2026-07-01, after the service year's end and before
    # acceptance passed (Wed 07-08 10:00; due a month later, 24:00 on Sat 08-08 → Mon 08-10): performed early,
    # which does the creditor no harm (第530条) — or, read as not counting, violated at 08-11 00:00
    ("early_handover", '"does not count"',
     [SIGN, {"id": "app", "type": "acceptance_applied", "at": "2026-06-29T10:00:00+08:00"},
      {"id": "ho", "type": "handover_delivered", "at": "2026-07-01T10:00:00+08:00"},
      {"id": "rev", "type": "acceptance_review_completed", "at": "2026-07-02T10:00:00+08:00", "passed": True},
      {"id": "acc", "type": "acceptance_held", "at": "2026-07-08T10:00:00+08:00", "passed": True}],
     "2026-09-01", statuses("handover"), ["fulfilled"], ["violated"]),
    # operations_after_service_period: the service year from 2025-06-27 10:00 ends at 24:00 on Sat 2026-06-27;
    # an incident 乙方 finds on 07-01 09:00, never notified, and an interruption begun then: no duty, no right
    # — or, read as continuing, the notice violated at 11:00 and the bond may be cut (5 days as a term from
    # 07-01: 07-02…07-06, at 07-07 00:00)
    ("operations_after_service_period", '"continue"',
     [SIGN, {"id": "si", "type": "security_incident_found", "at": "2026-07-01T09:00:00+08:00"},
      {"id": "i", "type": "service_interruption_started", "at": "2026-07-01T09:00:00+08:00", "subproject": 3,
       "cause": "supplier"}],
     "2026-07-20", lambda r: (statuses("security_incident_notice")(r), remedy("bond_deduction", "since")(r)),
     (["inactive"], []), (["violated"], ["2026-07-07T00:00:00+08:00"])),
    # force_majeure_termination_basis: both parties may end the contract from the event (03-04 10:00), or only
    # once it is certified (03-20 10:00)
    ("force_majeure_termination_basis", '"on certification"',
     [SIGN, FM, {"id": "cert", "type": "force_majeure_certified", "at": "2026-03-20T10:00:00+08:00", "ref": "fm"}],
     "2026-04-01", remedy("force_majeure_termination", "since"),
     ["2026-03-04T10:00:00+08:00"] * 2, ["2026-03-20T10:00:00+08:00"] * 2),
    # late_payment_damages_basis: installment 1 due 08-05 00:00, paid late Fri 10-10; installment 2 (service
    # two months old at 09-02 00:00; 30 days: last day Thu 10-02 falls in the National Day holiday → Thu 10-09
    # → due 10-10 00:00) unpaid at 10-15. Per late installment: 67 days (08-05…10-10) and 6 days
    # (10-10…10-15) = ¥467,660.00 and ¥41,880.00; once a day, 10-10 is counted by installment 1 only: 5 days
    ("late_payment_damages_basis", '"once a day"', PAY_1 + PAY_2_LATE, "2025-10-15",
     remedy("late_payment_damages", "amount"), ["467660.00", "41880.00"], ["467660.00", "34900.00"]),
    # termination_effective: 乙方 (holding the power since 08-20 00:00) ends the contract Mon 09-01 10:00 and
    # sends notice of it by express in the city the same instant: the contract ends at the fact, or at the
    # notice's deemed delivery on day 3, Thu 09-04 00:00 (10.3.3, not moved)
    ("termination_effective", '"on delivery of the notice"', PAY_1 + SUPPLIER_ENDS + [TERMINATION_NOTICE],
     "2025-10-01", life("ended"), "2025-09-01T10:00:00+08:00", "2025-09-04T00:00:00+08:00"),
    # … and without any notice of it, read as effective on delivery, it never takes effect
    ("termination_effective", '"on delivery of the notice"', PAY_1 + SUPPLIER_ENDS, "2025-10-01",
     life("ended"), "2025-09-01T10:00:00+08:00", None),
    # agreement_record: 甲方's record of the agreement 01-10 ends the contract; read as needing a record from
    # each party, it does not — until 乙方's on 01-12
    ("agreement_record", '"a record from each party"', [SIGN, AGREED_BY_BUYER], "2026-02-01", life("ended"),
     "2026-01-10T10:00:00+08:00", None),
    ("agreement_record", '"a record from each party"',
     [SIGN, AGREED_BY_BUYER, dict(AGREED_BY_BUYER, id="u", at="2026-01-12T10:00:00+08:00", party="乙方")],
     "2026-02-01", life("ended"), "2026-01-10T10:00:00+08:00", "2026-01-12T10:00:00+08:00"),
    # acceptance_application: an application Mon 05-04, before the service period ends (06-27 24:00), starts
    # no review (5.2.1) — or, read as valid any time, the review runs: 10 working days, due 05-19 00:00
    ("acceptance_application", '"any time"',
     [SIGN, {"id": "a", "type": "acceptance_applied", "at": "2026-05-04T10:00:00+08:00"}],
     "2026-05-10", statuses("acceptance_review"), ["inactive"], ["active"]),
    # termination_damages_basis (opposing counsel, round 5): installment 1 due 08-05 00:00 and unpaid; 15 days as a
    # term, 乙方 holds the power from 08-20 00:00 with the 5% beside it — or, read as owed once 15 days late, the 5%
    # is a remedy of its own (late_payment_five_percent) and the power carries no amount
    ("termination_damages_basis", '"once 15 days late"', PAY_1, "2025-09-01",
     lambda r: (remedy("supplier_termination", "amount")(r), remedy("late_payment_five_percent", "amount")(r)),
     (["349000.00"], []), ([None], ["349000.00"])),
    # termination_after_performance (opposing counsel, round 5): the clean year performed in full — accepted 07-10,
    # the three installments paid, materials handed over 07-17, the guarantee's release assisted 07-20 — then
    # 甲方 "terminates" 08-03: no effect (and no 5%); read as counting, 甲方 ends the contract without cause
    ("termination_after_performance", '"counts"', _CLEAN_YEAR + [
        {"id": "r1", "type": "bond_release_assisted", "at": "2026-07-20T10:00:00+08:00"},
        {"id": "t1", "type": "termination_notified", "at": "2026-08-03T10:00:00+08:00", "party": "甲方",
         "ground": "other"}],
     "2026-08-20", lambda r: (life("ended")(r), remedy("unjustified_termination_damages", "amount")(r),
                              [f["code"] for f in r["findings"] if f["code"] == "termination_after_performance"]),
     (None, [], ["termination_after_performance"]), ("2026-08-03T10:00:00+08:00", ["349000.00"], [])),
    # deduction_needs_bond (opposing counsel, round 5): 乙方 never gave the performance guarantee; a leak of its
    # making 2026-04-10 09:00: the deduction is listed, with deduction_without_bond — or, read as needing a
    # bond held, not at all
    ("deduction_needs_bond", '"bond held"',
     [SIGN, {"id": "l", "type": "data_leak_discovered", "at": "2026-04-10T09:00:00+08:00", "cause": "supplier"}],
     "2026-04-20", lambda r: (remedy("bond_deduction", "since")(r),
                              [f["code"] for f in r["findings"] if f["code"] == "deduction_without_bond"]),
     (["2026-04-10T09:00:00+08:00"], ["deduction_without_bond"]), ([], [])),
    # interruption_before_effect (opposing counsel, rounds 17 and 20): sub-project 3 down through 乙方's fault since
    # Fri 2025-06-20 10:00, before the contract binds (06-27 10:00), never restored, no bond yet: counted from the
    # effective instant, 5 days (06-28 … 07-02, a term) — the deduction from 07-03 00:00; read as "not counted", none
    ("interruption_before_effect", '"not counted"',
     [{"id": "i", "type": "service_interruption_started", "at": "2025-06-20T10:00:00+08:00", "subproject": 3,
       "cause": "supplier"}, SIGN],
     "2025-07-20", remedy("bond_deduction", "since"), ["2025-07-03T00:00:00+08:00"], []),
    # notice_before_effect (opposing counsel, round 27): the same outage, and 甲方's fax about it Sat 06-21 10:00, before
    # the contract binds: by default ("no duty") the early notice starts nothing; read as "from effect" — 乙方 has the
    # notice, the outage runs on — 8.2's 5 days from the effective instant (06-28 … Wed 07-02 → due 07-03T00:00)
    ("notice_before_effect", '"from effect"',
     [{"id": "i", "type": "service_interruption_started", "at": "2025-06-20T10:00:00+08:00", "subproject": 3,
       "cause": "supplier"},
      {"id": "n", "type": "notice_sent", "at": "2025-06-21T10:00:00+08:00", "from": "甲方", "to": "乙方",
       "subject": "service_interruption", "method": "fax", "ref": "i"}, SIGN],
     "2025-07-20", lambda r: [(o["status"], o["due"]) for o in r["obligations"] if o["name"] == "resolve_interruption"],
     [("inactive", None)], [("violated", "2025-07-03T00:00:00+08:00")]),
    # release_needs_guarantee (opposing counsel, round 5): no guarantee ever given; accepted Fri 2026-07-10 10:00:
    # 30 days, the last Sun 08-09 → Mon 08-10, violated at 08-11 00:00, with release_without_guarantee — or, read
    # as needing a guarantee given, no duty
    ("release_needs_guarantee", '"guarantee submitted"',
     [SIGN, {"id": "ap", "type": "acceptance_applied", "at": "2026-06-29T10:00:00+08:00"},
      {"id": "rv", "type": "acceptance_review_completed", "at": "2026-07-03T16:00:00+08:00", "passed": True},
      {"id": "ah", "type": "acceptance_held", "at": "2026-07-10T10:00:00+08:00", "passed": True}],
     "2026-08-20", lambda r: (statuses("release_bond")(r),
                              [f["code"] for f in r["findings"] if f["code"] == "release_without_guarantee"]),
     (["violated"], ["release_without_guarantee"]), (["inactive"], [])),
    # prepayment_guarantee_release (opposing counsel, round 22): the full year with the prepayment guarantee valid to
    # 2026-12-31 and 甲方 helping end the performance bond alone (07-24): 2.2(4) owes the prepayment guarantee's release
    # too — 30 days from the acceptance of Fri 07-10 → Sun 08-09 → Mon 08-10, violated at 08-11 00:00 — or, read as
    # the performance bond only, no such duty
    ("prepayment_guarantee_release", '"the performance bond only"',
     [dict(x, valid_until="2026-12-31") if x["id"] == "f-012" else x for x in _FULL_YEAR if x["id"] != "f-026"] + [
         {"id": "f-026", "type": "bond_release_assisted", "at": "2026-07-24T10:00:00+08:00", "purpose": "performance"}],
     "2026-08-20", statuses("release_prepayment_guarantee"), ["violated"], ["inactive"]),
    # early_bond_release (opposing counsel, round 6): the full year with the guarantee's release assisted Sun
    # 2026-07-05, after the service year ended (06-28 00:00) and before the acceptance (Fri 07-10): the duty to
    # help end it (30 days from 07-10 → Sun 08-09 → Mon 08-10, due 08-11) is performed early (民法典第530条) —
    # or, read as counting only after acceptance, violated
    ("early_bond_release", '"does not count"',
     [x for x in _FULL_YEAR if x["id"] != "f-026"] + [
         {"id": "f-026", "type": "bond_release_assisted", "at": "2026-07-05T10:00:00+08:00"}],
     "2026-08-20", statuses("release_bond"), ["fulfilled"], ["violated"]),
    # termination_ground_reading (opposing counsel, round 6): a harm to the public interest found Mon 2026-01-12 gives
    # 甲方 the power of 3.1.3; its notice of Wed 01-14 says "other": the power held decides — the contract ends
    # under 3.1.3, no 5% — or, read as labelled, 甲方 ended it without cause (¥349,000.00)
    ("termination_ground_reading", '"as labelled"',
     [SIGN, {"id": "h", "type": "public_interest_harm_found", "at": "2026-01-12T15:00:00+08:00"},
      {"id": "t", "type": "termination_notified", "at": "2026-01-14T09:00:00+08:00", "party": "甲方",
       "ground": "other"}],
     "2026-02-01", lambda r: (life("ended_by")(r), remedy("unjustified_termination_damages", "amount")(r)),
     ("buyer_terminates", []), ("buyer_without_cause", ["349000.00"])),
]


@pytest.mark.parametrize("name,value,facts,as_of,probe,before,after", SWITCHES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(SWITCHES)])
def test_each_reading_the_rules_switch_on_moves_its_verdict(tmp_path, name, value, facts, as_of, probe, before,
                                                            after):
    plain = cli(tmp_path, facts, as_of)
    assert probe(plain) == before
    changed = cli(tmp_path, facts, as_of, f"{name}={value}")
    assert probe(changed) == after
    assert changed["assumptions_overridden"] == {name: value}


def test_every_assumption_of_the_seed_rules_is_overridden_by_a_test():
    text = (ROOT / "rules" / "gzmz-2025-it-ops.qy").read_text(encoding="utf-8")
    declared = set(re.findall(r"^\s*assumption (\w+)", text, re.M))
    assert declared == {c[0] for c in CASES} | {c[0] for c in SWITCHES}


def test_a_reading_outside_the_list_is_refused_with_the_list(tmp_path):
    (tmp_path / "f.jsonl").write_text(json.dumps(SIGN), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(ROOT / "rules" / "gzmz-2025-it-ops.qy"),
                          "--facts", str(tmp_path / "f.jsonl"), "--as-of", "2025-07-01",
                          "--assume", 'notice_effective="dispatched"'], capture_output=True, text=True)
    assert out.returncode == 1 and "assumption_choice" in out.stderr and "dispatch" in out.stderr
    assert "Traceback" not in out.stderr

@pytest.mark.parametrize("value,code", [("per day", None), ('"per day"', None), ("按日", "assumption_choice"),
                                        ("daily", "assumption_choice")])
def test_a_reading_may_be_written_bare_on_the_command_line(tmp_path, value, code):
    (tmp_path / "f.jsonl").write_text(json.dumps(SIGN), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(ROOT / "rules" / "gzmz-2025-it-ops.qy"),
                          "--facts", str(tmp_path / "f.jsonl"), "--as-of", "2025-07-01", "--format", "json",
                          "--assume", f"interruption_damages_basis={value}"], capture_output=True, text=True)
    if code is None:
        assert out.returncode == 0, out.stderr
    else:
        assert out.returncode == 1 and code in out.stdout + out.stderr and "per day" in out.stdout + out.stderr


def test_a_period_overridden_by_a_bare_number_says_to_write_its_unit(tmp_path):
    (tmp_path / "f.jsonl").write_text(json.dumps(SIGN), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(ROOT / "rules" / "gzmz-2025-it-ops.qy"),
                          "--facts", str(tmp_path / "f.jsonl"), "--as-of", "2025-07-01", "--assume", "payment_term=45"],
                         capture_output=True, text=True)
    assert out.returncode == 1 and "bad_assumption_value" in out.stderr and "45 days" in out.stderr
    assert "gzmz-2025-it-ops.qy:" not in out.stderr  # (the value is wrong, not the rule file)


def test_a_day_counted_once_says_by_which_row_and_keeps_the_rows_in_their_order(tmp_path):
    report = cli(tmp_path, PAY_1 + PAY_2_LATE, "2025-10-15", 'late_payment_damages_basis="once a day"')
    first, second = [r for r in report["remedies"] if r["name"] == "late_payment_damages"]
    assert first["trigger"] == "pay_installment_1#1.violated" and second["trigger"] == "pay_installment_2#1.violated"
    (step,) = [s for s in second["steps"] if s["code"] == "counted_once"]
    assert step["args"]["overlap"] == 1 and step["args"]["days"] == 5
    assert [r["id"] for r in step["args"]["rows"]] == ["pay_installment_1#1.violated"]  # (the row's event, cited)
    assert step["args"]["total"] == {"kind": "money", "amount": "34900.00"}
    assert second["because"][-1] == ("每日只计一次：其中 1 日已由 2025年8月4日24时 支付第一期款已违约（源自 in） 计算，不重复计；"
                                     "本项实计 5 日 × 每日 ¥6,980.00 = ¥34,900.00")
    assert "late_payment_damages_basis" in second["assumptions"]


def test_the_end_of_the_contract_names_the_readings_it_rests_on(tmp_path):
    facts = PAY_1 + SUPPLIER_ENDS + [TERMINATION_NOTICE]
    plain = cli(tmp_path, facts, "2025-10-01")["contract_life"]
    # by the fact itself: the notice's delivery decides nothing, the late installment's term does
    assert "termination_effective" in plain["assumptions"] and "payment_term" in plain["assumptions"]
    assert "notice_effective" not in plain["assumptions"]
    on_delivery = cli(tmp_path, facts, "2025-10-01", 'termination_effective="on delivery of the notice"')
    assert {"termination_effective", "notice_effective"} <= set(on_delivery["contract_life"]["assumptions"])
    (event,) = [e for e in on_delivery["events"] if e["name"] == "supplier_terminates"]
    assert event["assumptions"] == on_delivery["contract_life"]["assumptions"]


@pytest.mark.parametrize("value", ['45 days\nclause "99" "x" { }', '45 days clause "99" "x" { }', '45 days\n\n"x"'])
def test_text_after_an_assumed_value_is_refused_not_dropped(value):
    """A fuzzer: `--assume 'payment_term=45 days <newline> clause …'` exited 0, the rest dropped without a word."""
    from engine.api import compile_file
    from engine.diagnostics import QiyueError
    with pytest.raises(QiyueError) as exc:
        compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy", assume={"payment_term": value})
    assert [d.code for d in exc.value.diagnostics] == ["bad_assumption_value"]
