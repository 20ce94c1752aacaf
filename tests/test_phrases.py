"""The conditions, amounts and moments a reason quotes, in Chinese with the rule file's labels
(engine/lang/phrase.py → engine/report/phrase.py), not as the rule file's code.

Four reporters of earlier rounds (opposing counsel, new contracts' authors) read, in the Chinese report,
``exists(guarantee_submitted g where g.purpose == "prepayment" and g.amount >= installment_3 …)``.  A phrase
says it with the contract's words: 存在提交银行保函（用途为预付款保函，且保函金额不低于第三期款（30%），…）.
The table below is written by hand from each rule; the last tests go over every rule file of the repository."""
import json
import re
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules
from engine.lang.phrase import Phrase
from engine.report.phrase import words

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "gzmz-2025-it-ops.qy"

HEAD = '''\
contract "X" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
param price "合同价款" = ¥100,000.00
assumption reading "“验收合格”" = "signed report" one of ("signed report" "以签字的验收报告为准", "use") "test"
event delivered "交付货物" { lot: int 1..9 "批次"  amount: money "货值"  mode: one of (road "公路", rail "铁路") "运输方式" }
event paid "付款" { lot: int 1..9 "批次"  amount: money "付款金额" }
event inspected "检验" { lot: int 1..9 "批次"  passed: bool "合格"  until: date "有效期至" }
event ordered "下单"
'''

# (condition as written in `when`, its words in Chinese) — each counted from the rule by hand
CASES = [
    ("exists(ordered)", "存在下单"),
    ("exists(delivered d where d.lot == 2 and d.mode == \"rail\")", "存在交付货物（批次为2，且运输方式为铁路）"),
    ("exists(delivered d where d.amount >= 40% of price)", "存在交付货物（货值不低于合同价款的40%）"),
    ("sum(p.amount for each paid p where p.lot == 1) >= price", "付款（批次为1）的付款金额合计不低于合同价款"),
    ("count(inspected i where not i.passed) < 2", "检验（合格为否）的数量低于2"),
    ("not exists(inspected i where i.passed)", "不存在检验（合格为是）"),
    ("passed(10 days since first(ordered))", "自首次下单起10日已届满"),
    ("reading == \"signed report\"", "假定“验收合格”为以签字的验收报告为准"),
    ("exists(inspected i where i.until > first(ordered).at.day)", "存在检验（有效期至晚于首次下单的日期）"),
    ("exists(delivered d where d.amount == ¥5,000.00) or exists(ordered)",
     "存在交付货物（货值为¥5,000.00），或存在下单"),
    ("exists(delivered d where d.lot == 1 or d.lot == 2) and exists(ordered)",
     "存在交付货物（批次为1，或批次为2），且存在下单"),
]


def _phrases(obj, seen=None, depth=0):
    """Every Phrase a compiled rule file holds (its plans, walked)."""
    seen = set() if seen is None else seen
    if id(obj) in seen or depth > 8:
        return
    seen.add(id(obj))
    if isinstance(obj, Phrase):
        yield obj
        return
    if isinstance(obj, (str, bytes, int, float, bool, type(None))):
        return
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _phrases(v, seen, depth + 1)
        return
    if isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            yield from _phrases(v, seen, depth + 1)
        return
    if hasattr(obj, "__dict__") and type(obj).__module__.startswith(("engine.run", "qiyue.run")):
        for v in vars(obj).values():
            yield from _phrases(v, seen, depth + 1)
    elif hasattr(obj, "__slots__") and type(obj).__module__.startswith(("engine.run", "qiyue.run")):
        for k in obj.__slots__:
            yield from _phrases(getattr(obj, k, None), seen, depth + 1)


def _rule_phrases(compiled) -> list[Phrase]:
    p = compiled.prepared
    return [x for group in (p.obligations, p.remedies, getattr(p, "deemed", []), getattr(p, "findings", []))
            for x in _phrases(group)]


@pytest.mark.parametrize("condition,zh", CASES, ids=[c for c, _ in CASES])
def test_a_condition_in_words(condition, zh):
    rules = compile_rules(HEAD + f'clause "1" "测试" {{\n obligation o "测试" {{\n  debtor 乙方\n  creditor 甲方\n'
                                 f'  when {condition}\n  fulfilled by paid x\n  within 5 days\n }}\n}}\n', "t.qy")
    (plan,) = [o for o in rules.prepared.obligations if o.decl.name == "o"]
    (said,) = [t.text for t in plan.triggers]
    assert isinstance(said, Phrase) and str(said) == condition
    assert words(said.tree, "zh", str(said)) == zh
    assert words(said.tree, "en", str(said)) == condition  # (English: as the rule file writes it)


def test_a_fact_that_does_not_perform_is_said_in_words():
    rules = compile_rules(HEAD + 'clause "1" "付款" {\n obligation o "付第1批款" {\n  debtor 甲方\n  creditor 乙方\n'
                                 '  for each delivered d\n  fulfilled by paid p where p.lot == d.lot and p.amount >= d.amount\n'
                                 '  within 5 days\n }\n}\n', "t.qy")
    facts = [{"id": "d1", "type": "delivered", "at": "2026-03-02T10:00:00+08:00", "lot": 1, "amount": "500.00",
              "mode": "road"},
             {"id": "p1", "type": "paid", "at": "2026-03-03T10:00:00+08:00", "lot": 2, "amount": "500.00"}]
    report = rules.evaluate([json.dumps(x) for x in facts], "2026-03-20")
    (o,) = report["obligations"] if isinstance(report, dict) else report.to_dict()["obligations"]
    text = "\n".join(o["because"])
    assert "不满足 批次为该交付货物的批次" in text, text
    assert "p.lot" not in text


def test_installment_3s_conditions_read_in_the_contracts_words(seed):
    """Installment 3 (2.2(3)): its conditions as the report gives them, each counted from the rule."""
    facts = [{"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},
             {"id": "st", "type": "staff_onsite", "at": "2025-07-01T09:00:00+08:00", "count": 2},
             {"id": "pg", "type": "guarantee_submitted", "at": "2025-09-05T10:00:00+08:00", "purpose": "prepayment",
              "amount": "2094000.00", "valid_until": "2026-12-31"},
             {"id": "a3", "type": "payment_application_received", "at": "2026-01-10T10:00:00+08:00", "installment": 3,
              "amount": "2094000.00"},
             {"id": "i3", "type": "invoice_received", "at": "2026-01-16T10:00:00+08:00", "installment": 3,
              "amount": "2094000.00", "kind": "vat_ordinary"}]
    report = seed.evaluate([json.dumps(x) for x in facts], "2026-03-01")
    rows = report["obligations"] if isinstance(report, dict) else report.to_dict()["obligations"]
    (o,) = [r for r in rows if r["name"] == "pay_installment_3"]
    text = "\n".join(o["because"])
    for said in ("- 存在驻场人员入场：", "- 自假定“开展运维服务之时”起2个月已届满：",
                 "- 存在提交银行保函（用途为预付款保函，且保函金额不低于第三期款（30%），且有效期至晚于服务周期的最后一日）：",
                 "- 存在甲方收到《付款申请》（期次为3，且申请金额为第三期款（30%））：",
                 "假定“等额发票”为一张等额发票或合计等额的几张发票",
                 "履行条件 甲方付款（期次为3）的付款金额合计不低于第三期款（30%） 未成立"):
        assert said in text, (said, text)
    assert not re.search(r"exists\(|passed\(|sum\(| where |one invoice", text), text
    steps = [s for s in o["steps"] if s["code"] == "condition"]
    assert steps[0]["args"]["text"] == {"kind": "expression", "text": "exists(staff_onsite)", "zh": "存在驻场人员入场"}


RULE_FILES = sorted([*ROOT.glob("rules/*.qy"), *ROOT.glob("rules/examples/*.qy"), *ROOT.glob("tests/contracts/*.qy")])
CODE = re.compile(r"\b(exists|where|and|or|not|sum|count|first|passed|since|after|each|of|as|term|days|months|"
                  r"hours|present|triggered)\b|[a-z_]+\(|==|>=|<=|!=")


@pytest.mark.parametrize("path", RULE_FILES, ids=[p.name for p in RULE_FILES])
def test_every_phrase_of_every_rule_file_reads_without_code(path):
    """Every condition, amount and moment the plans of a rule file quote reads in Chinese without the rule
    language's keywords and operators (names of the rule file without a label are shown as they are)."""
    compiled = compile_file(path)
    said = _rule_phrases(compiled)
    assert said, path
    bad = []
    for p in said:
        zh = words(p.tree, "zh", str(p))
        if p.tree[0] == "src" or CODE.search(zh):
            bad.append((str(p), zh))
    assert not bad, bad[:10]
