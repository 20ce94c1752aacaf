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
