"""A newcomer's round (user22): a legal-staff member who reads Chinese first writes a small 物业保洁服务合同 of her own
in Chinese keywords from docs/language.md alone (payment within 10 working days of an invoice, 万分之五 a day, a
monthly report due the 5th working day of the next month, a 2-hour response, a right to terminate after 30 days),
then makes a first-time author's mistakes in the rule file and in hand-written fact streams, and tries the options
--help lists.  Every command runs as the README says, `python -m engine.cli` for `qiyue`, in a subprocess.
Guards for what is right (test_passing_…); strict xfails for where she was stuck or misled."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = "rules/gzmz-2025-it-ops.qy"

BAOJIE = """\
# 省直机关办公楼物业保洁服务合同
合同 "GZMZ-2026-BJ-01" "办公楼物业保洁服务合同" {
  编号 乙方 "BJ-2026-003"
  日历 官方
}

当事人 甲方 "贵州省民政厅" 身份 buyer
当事人 乙方 "某物业管理有限公司" 身份 supplier

参数 月服务费 "每月保洁服务费" = ¥20,000.00 大写 "贰万元整"
参数 日违约金率 "逾期付款违约金日费率" = 万分之五

事件 合同签订 "双方签订合同"
事件 收到发票 "甲方收到乙方发票" { 金额: 金额 "发票金额"  月份: 文本 "服务月份" }
事件 付款 "甲方付款" { 金额: 金额 "付款金额"  发票: 引用 (收到发票) "所付发票" }
事件 月报提交 "乙方提交月度保洁报告" { 月份: 文本 "报告月份" }
事件 报修 "甲方报修" { 地点: 文本 "报修地点" }
事件 到场 "乙方到场处理" { 报修: 引用 (报修) "所涉报修" }
事件 解除通知 "书面解除通知" { 当事人: 当事人 "发出方" }

条款 "1" "合同生效与服务期" {
  原文 "本合同自双方签字盖章之日起生效，服务期一年。"
  生效 合同生效 "合同生效" {
    当 存在(合同签订)
  }
  期间 服务期 "服务期" = 1 年 不顺延 自 首次(合同生效)
}

条款 "3.1" "付款" {
  原文 "甲方应在收到乙方合格发票后10个工作日内支付当月服务费。"
  义务 支付服务费 "支付当月服务费" {
    债务人 甲方
    债权人 乙方
    每当 收到发票 i
    履行事件 付款 p 满足 p.发票 == i.id 且 p.金额 >= i.金额
    期限 10 个工作日
  }
}

条款 "3.2" "逾期付款违约金" {
  原文 "甲方逾期付款的，每日按逾期金额的万分之五向乙方支付违约金。"
  救济 逾期违约金 "逾期付款违约金" {
    权利人 乙方
    每当 支付服务费.违约 o
    金额 日违约金率 之 o.i.金额 按日
  }
}

条款 "4.1" "月度服务" {
  原文 "乙方应于每月结束后次月第5个工作日前向甲方提交当月保洁服务报告。"
  义务 月度报告 "提交月度保洁报告" {
    债务人 乙方
    债权人 甲方
    每 月 m 起自 服务期.start 直至 服务期.end
    履行事件 月报提交 r 满足 r.月份 == m.label 含此前
    最迟于 次月工作日(5, m.end)
  }
}

条款 "4.2" "报修响应" {
  原文 "乙方接到甲方报修后应在2小时内到场处理。"
  义务 响应报修 "2小时内到场" {
    债务人 乙方
    债权人 甲方
    每当 报修 f
    履行事件 到场 x 满足 x.报修 == f.id
    期限 2 小时
  }
}

条款 "6.1" "乙方解除权" {
  原文 "甲方逾期付款超过30日的，乙方有权书面通知解除本合同。"
  救济 乙方解除权 "乙方解除合同的权利" {
    权利人 乙方
    每当 支付服务费.违约 o
      除非 付款 p 满足 p.发票 == o.i.id 期限 30 日 不顺延
  }
  解除 乙方解除 "乙方解除合同" {
    每当 解除通知 t 满足 t.当事人 == 乙方
    行使 乙方解除权
  }
}
"""

# A year of cleaning: the January invoice paid late (over the 2026 Spring Festival), the February report missing,
# one call answered half an hour late.
F1 = """\
{"id": "b-01", "type": "合同签订", "at": "2026-01-05T10:00:00+08:00"}
{"id": "b-02", "type": "收到发票", "at": "2026-02-03T10:00:00+08:00", "金额": "20000.00", "月份": "2026-01"}
{"id": "b-03", "type": "月报提交", "at": "2026-02-04T10:00:00+08:00", "月份": "2026-01"}
{"id": "b-04", "type": "报修", "at": "2026-02-10T09:00:00+08:00", "地点": "三楼卫生间"}
{"id": "b-05", "type": "到场", "at": "2026-02-10T11:30:00+08:00", "报修": "b-04"}
{"id": "b-06", "type": "付款", "at": "2026-03-20T10:00:00+08:00", "金额": "20000.00", "发票": "b-02"}
"""

# The invoice never paid; 乙方 gives notice of termination after the 30 days.
F2 = """\
{"id": "b-01", "type": "合同签订", "at": "2026-01-05T10:00:00+08:00"}
{"id": "b-02", "type": "收到发票", "at": "2026-02-03T10:00:00+08:00", "金额": "20000.00", "月份": "2026-01"}
{"id": "b-07", "type": "解除通知", "at": "2026-03-27T09:00:00+08:00", "当事人": "乙方"}
"""

SIGNED = '{"id": "b-01", "type": "合同签订", "at": "2026-01-05T10:00:00+08:00"}\n'


def cli(*args, cwd=ROOT):
    env = dict(os.environ, QIYUE_NATIVE="off")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "engine.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env)


@pytest.fixture
def rules(tmp_path):
    p = tmp_path / "baojie.qy"
    p.write_text(BAOJIE, encoding="utf-8")
    return p


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _edited(tmp_path, old, new, name="m.qy"):
    assert BAOJIE.count(old) >= 1, old
    return _write(tmp_path, name, BAOJIE.replace(old, new, 1))


def _line_of(text, fragment):
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def _json(rules, facts, as_of, *more):
    r = cli("eval", rules, "--facts", facts, "--as-of", as_of, "--format", "json", *more)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _one(report, name, trigger=None):
    rows = [o for o in report["obligations"] if o["name"] == name and (trigger is None or o["trigger"] == trigger)]
    assert len(rows) == 1, rows
    return rows[0]


# ============================================================== what works: my contract, checked and evaluated

def test_passing_readme_first_command():
    r = cli("eval", SEED, "--facts", "facts/clean-year.jsonl", "--as-of", "2026-07-20")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("合同 GZSMZTXXZX2025004 省民政厅2025年度信息化运维项目服务合同\n截至 2026年7月20日0时")
    assert "已违约 0 项" in r.stdout


def test_passing_my_contract_checks_clean_in_chinese(rules):
    r = cli("check", rules)
    assert r.returncode == 0
    assert r.stdout.strip() == f"{rules}：检查通过 — 义务 3 项，救济 2 项，视为事件 0 项；提示 0 条"


def test_passing_payment_over_spring_festival_and_damages(rules, tmp_path):
    # Invoice Tue 2026-02-03 10:00.  10 working days: 02-04,05,06,09,10,11,12,13, 02-14 (Sat, 调休上班), then 春节
    # 02-15 … 02-23 off, 10th = Tue 02-24 -> due 02-25T00:00.  Paid 03-20 10:00: days 02-25 … 03-20 begun = 4 + 20 = 24,
    # 万分之五 of ¥20,000.00 = ¥10.00 a day -> ¥240.00.
    rep = _json(rules, _write(tmp_path, "f1.jsonl", F1), "2026-04-01")
    pay = _one(rep, "支付服务费")
    assert pay["status"] == "violated" and pay["due"] == "2026-02-25T00:00:00+08:00"
    assert pay["fulfilled_at"] == "2026-03-20T10:00:00+08:00"
    late = [r for r in rep["remedies"] if r["name"] == "逾期违约金"]
    assert [r["amount"] for r in late] == ["240.00"]
    assert not [r for r in rep["remedies"] if r["name"] == "乙方解除权"]   # paid within 30 days of the breach


def test_passing_monthly_report_and_two_hour_response(rules, tmp_path):
    rep = _json(rules, _write(tmp_path, "f1.jsonl", F1), "2026-04-01")
    jan, feb = _one(rep, "月度报告", "2026-01"), _one(rep, "月度报告", "2026-02")
    assert jan["status"] == "fulfilled" and jan["due"] == "2026-02-07T00:00:00+08:00"    # 5th working day of Feb: Fri 6th
    assert feb["status"] == "violated" and feb["due"] == "2026-03-07T00:00:00+08:00"     # Fri 6 March
    apr = _one(rep, "月度报告", "2026-04")
    assert apr["due"] == "2026-05-12T00:00:00+08:00"   # May: 1–5 劳动节, 9th (Sat) 调休上班 -> 6,7,8,9,11
    call = _one(rep, "响应报修")
    assert call["status"] == "violated" and call["due"] == "2026-02-10T11:00:00+08:00" and call["due_included"]


def test_passing_termination_after_thirty_days(rules, tmp_path):
    # Breach 02-25T00:00; 30 days as term: 02-25 … 03-26 -> right from 03-27T00:00; notice 03-27 09:00 ends it.
    # Damages to the end: 02-25 … 03-27 begun = 31 days × ¥10.00.
    rep = _json(rules, _write(tmp_path, "f2.jsonl", F2), "2026-04-10")
    assert rep["contract_life"]["ended"] == "2026-03-27T09:00:00+08:00"
    assert rep["contract_life"]["ended_by"] == "乙方解除"
    right = [r for r in rep["remedies"] if r["name"] == "乙方解除权"]
    assert [(r["since"], r["status"]) for r in right] == [("2026-03-27T00:00:00+08:00", "exercised")]
    assert [r["amount"] for r in rep["remedies"] if r["name"] == "逾期违约金"] == ["310.00"]


def test_passing_text_report_summary_in_chinese(rules, tmp_path):
    r = cli("eval", rules, "--facts", _write(tmp_path, "f1.jsonl", F1), "--as-of", "2026-04-01")
    assert r.returncode == 0
    # (the summary says a duty performed late, and names the month's period in Chinese: sessions of 2026-12-06 20:30–)
    assert ("  已违约 3 项：支付当月服务费（支付服务费，第3.1条，甲方收到乙方发票（b-02））（已于 2026年3月20日10时 逾期履行）；"
            "提交月度保洁报告（月度报告，第4.1条，2026年2月）；2小时内到场（响应报修，第4.2条，甲方报修（b-04））"
            "（已于 2026年2月10日11时30分 逾期履行）") in r.stdout
    assert "    履行  2026年3月20日10时（2026-03-20T10:00:00+08:00）（逾期履行）" in r.stdout
    assert "累计：自 2026年2月24日24时 起至逾期履行之日 2026年3月20日（星期五）（b-06），共 24 日 × 每日 ¥10.00 = ¥240.00" in r.stdout


def test_passing_several_instants_one_replay(rules, tmp_path):
    r = cli("eval", rules, "--facts", _write(tmp_path, "f1.jsonl", F1), "--as-of", "2026-04-01,2026-03-01")
    assert r.returncode == 0
    heads = [line for line in r.stdout.splitlines() if line.startswith("========")]
    assert heads == ["======== 报告时点 1/2：2026年3月1日0时（2026-03-01T00:00:00+08:00） ========",
                     "======== 报告时点 2/2：2026年4月1日0时（2026-04-01T00:00:00+08:00） ========"]
    assert "可主张的救济 1 项：逾期付款违约金（逾期违约金）乙方 ¥50.00" in r.stdout


def test_passing_watch_prints_the_late_call(rules, tmp_path):
    r = cli("watch", rules, "--facts", _write(tmp_path, "f1.jsonl", F1), "--until", "2026-04-01")
    assert r.returncode == 0
    assert "2026年2月10日11时之后　第4.2条 违约：2小时内到场（响应报修）（b-04）期限 2026年2月10日11时 已过，乙方 未履行" in r.stdout


def test_passing_assume_a_chinese_duration(tmp_path):
    text = BAOJIE.replace("    期限 10 个工作日\n", "    期限 付款期限\n").replace(
        "参数 日违约金率", '假定 付款期限 "付款期限" = 10 个工作日\n  "第3.1条写收到合格发票后10个工作日内付款；本规则自甲方收到发票起算。"\n参数 日违约金率')
    rules = _write(tmp_path, "a.qy", text)
    facts = _write(tmp_path, "f1.jsonl", F1)
    # 15 working days from 02-03: … 02-24, 25, 26, 27, 28 (Sat, 调休上班), 03-02 -> due 03-03T00:00
    for value in ("15 个工作日", "15个工作日", "15 工作日"):
        rep = _json(rules, facts, "2026-04-01", "--assume", f"付款期限={value}")
        assert _one(rep, "支付服务费")["due"] == "2026-03-03T00:00:00+08:00", value


def test_passing_verify_finds_a_wrong_property(tmp_path):
    text = BAOJIE + """
性质 响应期限 "到场期限为报修后2小时" {
  每当 响应报修.触发 t
  成立 非 已提供(t.due) 或 t.due == t.triggered_at + 1 小时
}
"""
    r = cli("verify", _write(tmp_path, "p.qy", text), "--examples", "30", "--seed", "1")
    assert r.returncode == 1
    assert "✗ 响应期限（到场期限为报修后2小时）：不成立" in r.stdout
    assert "复现：qiyue verify" in r.stdout and "--seed 1 --only 响应期限" in r.stdout


def test_passing_day_alone_makes_the_two_hours_undetermined_and_strict_exits_3(rules, tmp_path):
    facts = _write(tmp_path, "d.jsonl", SIGNED
                   + '{"id": "b-04", "type": "报修", "at": "2026-02-10", "地点": "三楼"}\n'
                   + '{"id": "b-05", "type": "到场", "at": "2026-02-10T11:30:00+08:00", "报修": "b-04"}\n')
    r = cli("eval", rules, "--facts", facts, "--as-of", "2026-03-01", "--strict")
    assert r.returncode == 3
    assert "  2小时内到场（响应报修） 乙方 → 甲方：待定" in r.stdout
    assert "起算的事实只记载了日期，无法判断是否按时——请补记其具体时刻" in r.stdout


# ---------------------------------------------------------------- what works: mistakes with a good message

def test_passing_unit_typo_is_named(tmp_path):
    r = cli("check", _edited(tmp_path, "期限 10 个工作日", "期限 10 个工作曰"))
    assert r.returncode == 1
    assert "此处不能写 “个工作曰”" in r.stderr and "是否想写：个工作日" in r.stderr


def test_passing_unknown_attribute_and_name(tmp_path):
    r = cli("check", _edited(tmp_path, "p.金额 >= i.金额", "p.金额 >= i.发票金额"))
    assert r.returncode == 1 and "事件 收到发票 没有属性 “发票金额”" in r.stderr and "是否想写：金额" in r.stderr
    r = cli("check", _edited(tmp_path, "金额 日违约金率 之", "金额 日违约金 之"))
    assert r.returncode == 1 and "是否想写：日违约金率" in r.stderr


def test_passing_money_with_wrong_grouping(tmp_path):
    r = cli("check", _edited(tmp_path, "= ¥20,000.00", "= ¥2,0000.00"))
    assert r.returncode == 1
    assert "错误[bad_money] 第 10 行第 21 列：金额 ¥2,0000.00 写法有误" in r.stderr


def test_passing_fact_errors_name_line_and_value(rules, tmp_path):
    def run(line):
        return cli("eval", rules, "--facts", _write(tmp_path, "bad.jsonl", SIGNED + line + "\n"), "--as-of", "2026-04-01")

    r = run('{"id": "b-02", "type": "收到发票", "at": "2026-02-03T10:00:00+08:00", "金额": "20000.00"}')
    assert r.returncode == 1 and "第 2 行：收到发票 须有属性 “月份”" in r.stderr
    r = run('{"id": "b-02", "type": "发票", "at": "2026-02-03T10:00:00+08:00"}')
    assert r.returncode == 1 and "规则文件中没有声明事件类型 “发票”" in r.stderr and "是否想写：收到发票" in r.stderr
    r = run('{"id": "b-02", "type": "解除通知", "at": "2026-02-03T10:00:00+08:00", "当事人": "某物业管理有限公司"}')
    assert r.returncode == 1 and "应为以下之一：“甲方”、“乙方”" in r.stderr
    r = run('{"id": "b-02", "type": "报修", "at": "2026年2月3日10时", "地点": "三楼"}')
    assert r.returncode == 1 and "“2026年2月3日10时” 不是 ISO-8601 时间（应如 2025-07-04T10:00:00+08:00" in r.stderr


# ================================================================ where she was stuck or misled

def _cells(html, row_start):
    """The <td> cells of the table row that begins with row_start."""
    i = html.index(row_start)
    row = html[i:html.index("</tr>", i)]
    return re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)


# FIXED (was a strict xfail: fixed)
def test_html_performed_column_in_chinese_and_marked_late(rules, tmp_path):
    r = cli("eval", rules, "--facts", _write(tmp_path, "f1.jsonl", F1), "--as-of", "2026-04-01", "--format", "html")
    assert r.returncode == 0
    cells = _cells(r.stdout, "<tr class='ob violated'><td>支付当月服务费")  # (label first, test below)
    performed = re.sub(r"<[^>]+>", "", cells[5])
    assert "2026年3月20日10时" in performed and "逾期" in performed


# FIXED (was a strict xfail: fixed)
def test_html_table_names_the_duty_by_its_chinese_label_first():
    r = cli("eval", SEED, "--facts", "facts/late-payment.jsonl", "--as-of", "2025-12-31", "--format", "html")
    assert r.returncode == 0
    first = re.sub(r"<[^>]+>", " ", _cells(r.stdout, "<tr class='ob violated'><td>")[0]).split()
    assert first[0].startswith("提交履约保函")


# FIXED (was a strict xfail: fixed)
def test_homophone_typo_of_debtor_suggests_debtor(tmp_path):
    r = cli("check", _edited(tmp_path, "    债务人 甲方", "    债物人 甲方"))
    assert r.returncode == 1
    hint = [line for line in r.stderr.splitlines() if "是否想写" in line][0]
    assert "债务人" in hint


# FIXED (was a strict xfail: fixed)
def test_unclosed_quote_is_called_unclosed(tmp_path):
    line = '  原文 "甲方应在收到乙方合格发票后10个工作日内支付当月服务费。"'
    r = cli("check", _edited(tmp_path, line, line[:-1]))
    assert r.returncode == 1
    assert "此处不能出现字符 “\"”" not in r.stderr
    assert "引号" in r.stderr and ("闭合" in r.stderr or "配对" in r.stderr or "缺少" in r.stderr)


# FIXED (was a strict xfail: fixed)
def test_ascii_quotes_inside_quoted_contract_text(tmp_path):
    r = cli("check", _edited(tmp_path, '原文 "甲方应在收到乙方合格发票后', '原文 "甲方应在收到乙方"合格发票"后'))
    assert r.returncode == 1
    assert "中文引号" in r.stderr or "“合格发票”" not in r.stderr.splitlines()[0]


@pytest.mark.parametrize("written", ["20,000.00", "20000元", "贰万元整"])
# FIXED (was a strict xfail: fixed)
def test_money_as_a_contract_writes_it_gets_the_yen_hint(tmp_path, written):
    r = cli("check", _edited(tmp_path, '= ¥20,000.00 大写 "贰万元整"', f"= {written}"))
    assert r.returncode == 1
    assert "¥" in r.stderr


@pytest.mark.parametrize("written", ["2026/3/1", "2026年3月1日"])
# FIXED (was a strict xfail: fixed)
def test_date_as_people_write_it_gets_the_iso_hint(tmp_path, written):
    text = BAOJIE.replace("参数 日违约金率", f'参数 开始日 "服务开始日" = {written}\n参数 日违约金率', 1).replace(
        "每 月 m 起自 服务期.start", "每 月 m 起自 开始日", 1)
    r = cli("check", _write(tmp_path, "d.qy", text))
    assert r.returncode == 1
    assert "2026-03-01" in r.stderr


# FIXED (was a strict xfail: fixed)
def test_fullwidth_comma_between_conditions(tmp_path):
    r = cli("check", _edited(tmp_path, "p.发票 == i.id 且", "p.发票 == i.id，且"))
    assert r.returncode == 1
    first = r.stderr.splitlines()[0]
    assert "“，”" in first or "全角" in r.stderr
    assert "且" in [line for line in r.stderr.splitlines() if "修改方法" in line][0]


# FIXED (was a strict xfail: fixed)
def test_trailing_comma_after_trigger_points_at_its_line(tmp_path):
    p = _edited(tmp_path, "    每当 收到发票 i\n", "    每当 收到发票 i，\n")
    r = cli("check", p)
    assert r.returncode == 1
    line = _line_of(p.read_text(encoding="utf-8"), "每当 收到发票 i，")
    assert f"{p}:{line}:" in r.stderr


# FIXED (was a strict xfail: fixed)
def test_per_day_written_meiri_suggests_anri(tmp_path):
    r = cli("check", _edited(tmp_path, "之 o.i.金额 按日", "之 o.i.金额 每日"))
    assert r.returncode == 1
    assert "是否想写：按日" in r.stderr


# FIXED (was a strict xfail: fixed)
def test_stage_list_in_chinese(tmp_path):
    r = cli("check", _edited(tmp_path, "每当 支付服务费.违约 o", "每当 支付服务费.逾期 o"))
    assert r.returncode == 1
    expected = [line for line in r.stderr.splitlines() if line.strip().startswith("应为")][0]
    assert "违约" in expected


@pytest.mark.parametrize("written", ["十个工作日", "两小时"])
# FIXED (was a strict xfail: fixed)
def test_chinese_numeral_period_gets_arabic_hint(tmp_path, written):
    old = "期限 10 个工作日" if "工作日" in written else "期限 2 小时"
    r = cli("check", _edited(tmp_path, old, f"期限 {written}"))
    assert r.returncode == 1
    assert f"参数 {written} = 30 日" not in r.stderr


# FIXED (was a strict xfail: fixed)
def test_assume_error_in_chinese_words(tmp_path):
    text = BAOJIE.replace("    期限 10 个工作日\n", "    期限 付款期限\n").replace(
        "参数 日违约金率", '假定 付款期限 "付款期限" = 10 个工作日\n  "第3.1条写收到合格发票后10个工作日内付款。"\n参数 日违约金率')
    r = cli("eval", _write(tmp_path, "a.qy", text), "--facts", _write(tmp_path, "f1.jsonl", F1),
            "--as-of", "2026-04-01", "--assume", "付款期限=十五个工作日")
    assert r.returncode in (1, 2)
    assert "working_days" not in r.stderr
    assert "请写明单位" not in r.stderr


@pytest.mark.parametrize("line, typed", [
    ('{"id": "b-02", "type": "报修", "at": "2026-02-03T10:00:00+08:00"， "地点": "三楼"}', "，"),
    ('{"id": "b-02", "type": "报修", "at": "2026-02-03T10:00:00+08:00", "地点"： "三楼"}', "："),
    ('{"id": "b-02", "type": "报修", "at": "2026-02-03T10:00:00+08:00", "地点": “三楼”}', "“"),
])
# FIXED (was a strict xfail: fixed)
def test_fact_line_with_fullwidth_punctuation(rules, tmp_path, line, typed):
    r = cli("eval", rules, "--facts", _write(tmp_path, "bad.jsonl", SIGNED + line + "\n"), "--as-of", "2026-04-01")
    assert r.returncode == 1
    first = r.stderr.splitlines()[0]
    assert f"“{typed}”" in first or "全角" in first or "中文引号" in first


# FIXED (was a strict xfail: fixed)
def test_fact_line_without_closing_brace(rules, tmp_path):
    line = '{"id": "b-02", "type": "报修", "at": "2026-02-03T10:00:00+08:00", "地点": "三楼"'
    r = cli("eval", rules, "--facts", _write(tmp_path, "bad.jsonl", SIGNED + line + "\n"), "--as-of", "2026-04-01")
    assert r.returncode == 1
    assert "}" in r.stderr.splitlines()[0]


# FIXED (was a strict xfail: fixed: --fail-on takes the report's Chinese words)
def test_fail_on_takes_the_report_s_own_words(rules, tmp_path):
    r = cli("eval", rules, "--facts", _write(tmp_path, "f1.jsonl", F1), "--as-of", "2026-04-01", "--fail-on", "已违约")
    assert r.returncode == 3, r.stderr


# FIXED (was a strict xfail: fixed)
def test_calendar_file_where_the_docs_put_it(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "calendars").mkdir()
    (tmp_path / "calendars" / "2027.toml").write_text(
        '[year.2027]\nsource = "测试用（虚构）"\nholidays = ["2027-01-01"]\nworkdays = []\n', encoding="utf-8")
    text = BAOJIE.replace("  日历 官方\n", '  日历 官方\n  日历 文件 "calendars/2027.toml"\n', 1)
    (tmp_path / "rules" / "bj.qy").write_text(text, encoding="utf-8")
    r = cli("check", "rules/bj.qy", cwd=tmp_path)
    assert r.returncode == 0 or "../calendars/2027.toml" in r.stderr or "相对于规则文件" in r.stderr


# FIXED (was a strict xfail: fixed)
def test_calendar_year_unknown_fix_in_chinese_keywords(rules, tmp_path):
    r = cli("eval", rules, "--facts", _write(tmp_path, "f1.jsonl", F1), "--as-of", "2027-02-01")
    assert r.returncode == 1 and "calendar_year_unknown" in r.stderr
    assert "日历 文件" in r.stderr


# FIXED (was a strict xfail: fixed)
def test_calendars_readme_has_chinese_steps():
    folder = ROOT / "calendars"
    texts = [p.read_text(encoding="utf-8") for p in folder.iterdir() if p.suffix == ".md"]
    assert any("添加" in t and "国务院" in t and "放假" in t and "步骤" in t for t in texts)
