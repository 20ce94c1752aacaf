"""Every keyword has a Chinese form; a file in Chinese keywords means the same as in English."""
import textwrap

from engine.api import compile_rules

ENGLISH = textwrap.dedent('''\
    contract "T-2" "中英对照测试" { calendar official }
    party 甲方 "买方" as buyer
    party 乙方 "卖方" as supplier
    param 价款 "价款" = ¥2,000.00 words "贰仟元整"
    event 交付 "交付" { 数量: int 1..10 "数量" 方式: one of (快递, 自提) }
    event 付款 "付款" { 金额: money }
    clause "3.1" "付款" {
      quote "买方应在交付后5个工作日内付清价款。"
      obligation 付款义务 "付款义务" {
        debtor 甲方
        creditor 乙方
        for each 交付 d where d.方式 == "快递" and d.数量 >= 1
        fulfilled by 付款 p where p.金额 >= 价款
        within 5 working days
      }
      remedy 违约金 "违约金" {
        holder 乙方
        for each 付款义务.violated o
        amount 10% of 价款
      }
    }
    ''')

CHINESE = textwrap.dedent('''\
    合同 "T-2" "中英对照测试" { 日历 官方 }
    当事人 甲方 "买方" 身份 buyer
    当事人 乙方 "卖方" 身份 supplier
    参数 价款 "价款" = ¥2,000.00 大写 "贰仟元整"
    事件 交付 "交付" { 数量: 整数 1..10 "数量" 方式: 之一 (快递, 自提) }
    事件 付款 "付款" { 金额: 金额 }
    条款 "3.1" "付款" {
      原文 "买方应在交付后5个工作日内付清价款。"
      义务 付款义务 "付款义务" {
        债务人 甲方
        债权人 乙方
        每当 交付 d 满足 d.方式 == "快递" 且 d.数量 >= 1
        履行事件 付款 p 满足 p.金额 >= 价款
        期限 5 个工作日
      }
      救济 违约金 "违约金" {
        权利人 乙方
        每当 付款义务.违约 o
        金额 10% 之 价款
      }
    }
    ''')

FACTS = ['{"id": "d1", "type": "交付", "at": "2026-09-28T10:00:00+08:00", "数量": 3, "方式": "快递"}']


def test_chinese_and_english_keywords_give_the_same_report():
    en = compile_rules(ENGLISH, "t.qy").evaluate(FACTS, "2026-11-01")
    zh = compile_rules(CHINESE, "t.qy").evaluate(FACTS, "2026-11-01")
    for report in (en, zh):
        report.pop("rules")
    assert en == zh
    (o,) = en["obligations"]
    # 5 working days from Mon 09-28: 29, 30 Sep, (1–7 Oct holiday) 8, 9, 10 (Sat, make-up) → due 10-11T00:00
    assert (o["status"], o["due"]) == ("violated", "2026-10-11T00:00:00+08:00")
    assert [(r["name"], r["amount"], r["holder"]) for r in en["remedies"]] == [("违约金", "200.00", "乙方")]
    assert en["findings"] == []  # 贰仟元整 matches ¥2,000.00


def test_full_width_punctuation_outside_quotes_is_read_as_ascii():
    text = CHINESE.replace("之一 (快递, 自提)", "之一（快递，自提）").replace("数量: 整数", "数量：整数")
    assert text != CHINESE
    zh = compile_rules(text, "t.qy").evaluate(FACTS, "2026-11-01")
    assert zh["obligations"][0]["status"] == "violated"


def test_a_number_written_against_a_chinese_keyword_reads_as_with_a_space():
    """Chinese is written without spaces: `每3个月`, `累计不超过5%`, `直至2026-12-31`.  A Chinese keyword ends where no
    letter follows (a digit may); the sale example written so means what it means with spaces (18 places)."""
    import re
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    spaced = (root / "rules/examples/equipment-sale.qy").read_text(encoding="utf-8")
    tight = re.sub(r"([\u4e00-\u9fff]) +(\d)", r"\1\2", spaced)
    assert tight.count("\n") == spaced.count("\n") and len(tight) < len(spaced) - 10
    facts = (root / "facts/examples/sale-clean-year.jsonl").read_text(encoding="utf-8").splitlines()

    def verdicts(text):
        report = compile_rules(text, "sale.qy").evaluate(facts, "2027-01-01")
        return [(r["name"], r.get("status"), r.get("due"), r.get("amount")) for k in ("obligations", "remedies", "events")
                for r in report[k]]
    assert verdicts(tight) == verdicts(spaced)


def test_a_chinese_keyword_still_ends_before_a_letter():
    """`每当` is for each, not 每 (every) followed by a name 当; a name that begins with a keyword's characters stays a
    name (`每日违约金`)."""
    text = ENGLISH.replace("违约金 \"违约金\"", "每日违约金 \"违约金\"").replace("for each 交付", "每当 交付")
    report = compile_rules(text, "t.qy").evaluate(
        ['{"id": "d", "type": "交付", "at": "2026-03-02T10:00:00+08:00", "数量": 1, "方式": "快递"}'], "2026-04-01")
    assert [r["name"] for r in report["remedies"]] == ["每日违约金"]


def test_day_n_after_may_name_its_day():
    """“发出后第3日”: `第3日 自 n`, `第 3 日 自 n` and `第 3 自 n` are one day (English `day 3 after n`)."""
    head = ('contract "T" { calendar official }\nparty 甲方 "a" as buyer\nparty 乙方 "b" as supplier\n'
            'event n "发出" { }\nevent r "收到" { }\n')
    fact = ['{"id": "n1", "type": "n", "at": "2026-03-04T10:00:00+08:00"}']

    def deemed(form):
        rules = head + ('clause "1" "x" {\n deemed 送达 "视为送达" {\n  for each n x\n  at %s x "第3日"\n }\n}\n' % form)
        return [(e["name"], e["at"]) for e in compile_rules(rules, "t.qy").evaluate(fact, "2026-04-01")["events"]]
    assert deemed("第3日 自") == deemed("第 3 日 自") == deemed("第 3 自") == deemed("day 3 after") == \
        [("送达", "2026-03-07T00:00:00+08:00")]


def test_a_name_that_begins_with_a_keyword_and_a_number_stays_a_name():
    """`第1期价款` (a name) read where `第 N 日 自 T` could begin is still the name: the number runs on into 期, not a
    unit.  `第1年`, `每2周` would read as keyword, number and unit."""
    text = ENGLISH.replace("param 价款 \"价款\"", "param 第1期价款 \"价款\"").replace("p.金额 >= 价款", "p.金额 >= 第1期价款") \
        .replace("10% of 价款", "10% of 第1期价款")
    report = compile_rules(text, "t.qy").evaluate(
        ['{"id": "d", "type": "交付", "at": "2026-03-02T10:00:00+08:00", "数量": 1, "方式": "快递"}'], "2026-04-01")
    assert [(r["name"], r["amount"]) for r in report["remedies"]] == [("违约金", "200.00")]


def test_a_rate_as_a_chinese_contract_writes_it():
    """“按日万分之五计付违约金”: 万分之五 = 0.05%, 千分之三 = 0.3% = 3‰, 百分之二十 = 20%, 万分之零点五 = 0.005%."""
    from decimal import Decimal
    head = 'contract "T" { calendar official }\nparty 甲方 "a" as buyer\nparty 乙方 "b" as supplier\n'
    rates = {"万分之五": "0.0005", "千分之三": "0.003", "3‰": "0.003", "百分之二十": "0.2", "万分之零点五": "0.00005",
             "万分之0.5": "0.00005", "5%": "0.05"}
    text = head + "".join(f'param r{i} "r" = {w}\n' for i, w in enumerate(rates))
    params = compile_rules(text, "t.qy").prepared.checked.params
    assert [params[f"r{i}"].expr.value for i in range(len(rates))] == [Decimal(v) for v in rates.values()]
