"""`qiyue check` speaks Chinese by default and English with --lang en: the messages, their frame
(错误/警告/说明, 应为：, 是否想写：, 修改方法：, 第 X 条), the summary line, and JSON."""
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError, render_text

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")

GOOD = textwrap.dedent('''\
    contract "T-1" "测试合同" { calendar official }
    party 甲方 "买方" as buyer
    party 乙方 "卖方" as supplier
    param price "价款" = ¥1,000.00 words "贰仟元整"
    event delivered "交付" { qty: int 1..10 "数量" }
    event paid "付款" { amount: money }
    clause "1" "付款" {
      obligation pay "付款义务" {
        debtor 甲方
        creditor 乙方
        for each delivered d
        fulfilled by paid p where p.amount >= price
        within 5 days
      }
    }
    ''')
TYPO = GOOD.replace("debtor 甲方", "debtr 甲方")
NO_DEADLINE = GOOD.replace("    within 5 days\n", "")


def qiyue(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "engine.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def files(tmp_path):
    for name, text in (("good.qy", GOOD), ("bad.qy", TYPO), ("late.qy", NO_DEADLINE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_check_prints_a_syntax_error_in_chinese_by_default(files):
    r = qiyue("check", str(files / "bad.qy"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    head, *rest = r.stderr.splitlines()
    assert head == f"{files / 'bad.qy'}:9:5: 错误[syntax_error] 第 9 行第 5 列：此处不能写 “debtr”"
    assert "    9 |     debtr 甲方" in rest and any(line.strip() == "^^^^^" for line in rest)
    assert any(line.startswith("  应为：") and "“债务人 / debtor”" in line for line in rest)
    assert "  是否想写：debtor" in rest
    assert "  修改方法：“debtr” 在此被读作名称；是否想写关键字 debtor？" in rest  # (the word meant, not what may follow)


def test_check_lang_en_prints_english(files):
    r = qiyue("check", "--lang", "en", str(files / "bad.qy"))
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert lines[0] == f"{files / 'bad.qy'}:9:5: error[syntax_error]: unexpected 'debtr' here"
    assert "  did you mean: debtor" in lines and any(line.startswith("  expected: ") for line in lines)
    assert "  fix: 'debtr' is read as a name here: did you mean the keyword debtor?" in lines
    assert not any(word in r.stderr for word in ("错误", "应为", "是否想写", "修改方法"))


def test_a_clause_is_named_as_legal_staff_cite_it(files):
    zh = qiyue("check", str(files / "late.qy")).stderr
    assert "错误[missing_deadline]（第 1 条） 第 8 行第 3 列：义务 pay 没有写期限" in zh
    assert "修改方法：加上期限，如“期限 10 个工作日”" in zh
    en = qiyue("check", str(files / "late.qy"), "--lang", "en").stderr
    assert "error[missing_deadline] (clause 1): obligation pay has no deadline" in en


def test_the_summary_of_a_sound_file_and_its_findings(files):
    zh = qiyue("check", str(files / "good.qy"))
    assert zh.returncode == 0, zh.stderr
    assert "警告[amount_words_mismatch] 第 4 行：价款：大写金额“贰仟元整”为 ¥2,000.00，而小写金额为 ¥1,000.00，" \
           "二者不一致" in zh.stdout
    assert zh.stdout.rstrip().endswith(f"{files / 'good.qy'}：检查通过 — 义务 1 项，救济 0 项，视为事件 0 项；提示 1 条")
    en = qiyue("check", str(files / "good.qy"), "--lang", "en")
    assert "warning[amount_words_mismatch]: price: the amount in capitals 贰仟元整 is ¥2,000.00" in en.stdout
    assert en.stdout.rstrip().endswith(f"{files / 'good.qy'}: ok — 1 obligation, 0 remedies, 0 deemed events; "
                                       "1 finding")


def test_the_seed_contract_checks_in_both_languages():
    zh = qiyue("check", "rules/gzmz-2025-it-ops.qy", cwd=ROOT)
    assert zh.returncode == 0 and "rules/gzmz-2025-it-ops.qy：检查通过 — 义务 " in zh.stdout
    assert "说明[open_point]（第 8.3 条）" in zh.stdout and "合同未写明之处" in zh.stdout
    en = qiyue("check", "rules/gzmz-2025-it-ops.qy", "--lang", "en", cwd=ROOT)
    assert "rules/gzmz-2025-it-ops.qy: ok — " in en.stdout and "info[open_point] (clause 8.3)" in en.stdout


def test_json_messages_come_in_the_chosen_language(files):
    zh = json.loads(qiyue("check", str(files / "late.qy"), "--format", "json").stdout)["errors"]
    en = json.loads(qiyue("check", str(files / "late.qy"), "--format", "json", "--lang", "en").stdout)["errors"]
    (z,), (e,) = zh, en
    assert (z["code"], z["line"], z["clause"]) == (e["code"], e["line"], e["clause"]) == ("missing_deadline", 8, "1")
    assert z["message"] == "义务 pay 没有写期限" and e["message"] == "obligation pay has no deadline"
    assert CJK.search(z["hint"]) and e["hint"] == "add `within 10 working days` (or hours, days, months, years)"
    found = json.loads(qiyue("check", str(files / "good.qy"), "--format", "json").stdout)["findings"]
    assert found[0]["code"] == "amount_words_mismatch" and "大写金额" in found[0]["message"]


def test_several_files_each_in_the_chosen_language(files):
    r = qiyue("check", str(files / "good.qy"), str(files / "bad.qy"))
    assert r.returncode == 1 and "检查通过" in r.stdout and "错误[syntax_error]" in r.stderr
    out = json.loads(qiyue("check", str(files / "good.qy"), str(files / "bad.qy"), "--format", "json",
                           "--lang", "en").stdout)["files"]
    assert out[1]["errors"][0]["message"] == "unexpected 'debtr' here"


def test_a_mistyped_chinese_keyword_gets_a_did_you_mean():
    text = GOOD.replace("debtor 甲方", "债务 甲方")
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "t.qy")
    (d,) = exc.value.diagnostics
    assert d.code == "syntax_error" and d.did_you_mean == "债务人"
    shown = render_text([d], {"t.qy": text})
    assert "是否想写：债务人" in shown and "此处不能写 “债务”" in shown
    assert "did you mean: 债务人" in render_text([d], {"t.qy": text}, "en")


def test_an_unknown_name_gets_a_did_you_mean_in_both_languages():
    text = GOOD.replace("for each delivered d", "for each deliverd d")
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "t.qy")
    d = next(d for d in exc.value.diagnostics if d.code == "unknown_event")
    assert d.did_you_mean == "delivered"
    assert d.as_json()["message"] == "没有名为 “deliverd” 的事件类型"
    assert d.as_json("en")["message"] == d.message == "no event type named 'deliverd'"
    assert d.as_json("en")["did_you_mean"] == d.as_json("zh")["did_you_mean"] == "delivered"


def test_fact_errors_of_eval_follow_its_lang(files):
    (files / "f.jsonl").write_text('{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": "two"}\n',
                                   encoding="utf-8")
    args = ["eval", str(files / "good.qy"), "--facts", str(files / "f.jsonl"), "--as-of", "2026-04-01"]
    zh = qiyue(*args)
    # (at the column of the key it names: a fuzzer found every fact error at column 1)
    assert zh.returncode == 1 and f"{files / 'f.jsonl'}:1:55: 错误[bad_attribute] 第 1 行第 55 列：" in zh.stderr
    assert "delivered 的属性 qty 取值 \"two\" 有误：应为整数" in zh.stderr  # (as the JSON wrote it, not 'two')
    en = qiyue(*args, "--lang", "en")
    assert en.returncode == 1 and 'error[bad_attribute]: line 1: delivered.qty = "two": expected a whole ' \
                                  "number" in en.stderr


def test_a_missing_file_and_a_bad_as_of_in_both_languages(files):
    zh = qiyue("check", str(files / "nothing.qy"))
    assert zh.returncode == 1 and f"错误[unreadable_file]：无法读取规则文件 {files / 'nothing.qy'}：文件不存在" in zh.stderr
    en = qiyue("check", str(files / "nothing.qy"), "--lang", "en")
    assert f"error[unreadable_file]: cannot read rule file {files / 'nothing.qy'}: " in en.stderr
    (files / "f.jsonl").write_text("", encoding="utf-8")
    bad = qiyue("eval", str(files / "good.qy"), "--facts", str(files / "f.jsonl"), "--as-of", "2026-13-01")
    assert bad.returncode == 1 and "--as-of（报告时点）：“2026-13-01” 不是有效的日期（应为 YYYY-MM-DD）" in bad.stderr


# ---------------------------------------------------------------- usage errors and help (argparse)
def usage_error(*args):
    r = qiyue(*args)
    assert r.returncode == 2 and "Traceback" not in r.stderr and r.stdout == "", r.stderr
    return r.stderr.splitlines()


def test_a_missing_argument_is_a_usage_error_in_chinese_by_default_and_in_english_on_request():
    zh = usage_error("eval", "rules/x.qy")
    assert zh[0].startswith("用法：qiyue eval [-h] --facts FACTS")
    assert zh[-2:] == ["qiyue eval：错误：缺少必需的参数：--facts", "qiyue eval --help 列出各参数及其说明。"]
    assert not any("usage" in line or "error:" in line or "required" in line for line in zh)
    en = usage_error("eval", "rules/x.qy", "--lang", "en")
    assert en[0].startswith("usage: qiyue eval [-h] --facts FACTS")
    assert en[-2:] == ["qiyue eval: error: the following arguments are required: --facts",
                       "qiyue eval --help lists the arguments and what they mean."]
    assert not CJK.search("\n".join(en))
    assert usage_error()[-2] == "qiyue：错误：缺少必需的参数：{check,eval,verify,watch}"
    assert usage_error("check", "--lang=en")[-2] == "qiyue check: error: the following arguments are required: RULES"


def test_an_unknown_option_is_a_usage_error_in_both_languages():
    zh = usage_error("eval", "rules/x.qy", "--facts", "f.jsonl", "--colour", "red")
    assert zh[-2] == "qiyue：错误：无法识别的参数：--colour red"
    en = usage_error("eval", "rules/x.qy", "--facts", "f.jsonl", "--colour", "red", "--lang", "en")
    assert en[-2] == "qiyue: error: unrecognized arguments: --colour red"
    assert usage_error("eval", "rules/x.qy", "--facts")[-2] == "qiyue eval：错误：参数 --facts：应写一个值"


def test_an_invalid_choice_is_a_usage_error_in_both_languages():
    zh = usage_error("eval", "rules/x.qy", "--facts", "f.jsonl", "--format", "xml")
    assert zh[-2] == "qiyue eval：错误：参数 --format：无效的取值 'xml'（可选：'text', 'json', 'html'）"
    en = usage_error("eval", "rules/x.qy", "--facts", "f.jsonl", "--format", "xml", "--lang", "en")
    assert en[-2] == "qiyue eval: error: argument --format: invalid choice: 'xml' (choose from 'text', 'json', 'html')"
    assert usage_error("frob")[-2] == "qiyue：错误：参数 {check,eval,verify,watch}：无效的取值 'frob'（可选：'check', 'eval', 'verify', 'watch'）"
    assert usage_error("check", "x.qy", "--lang", "fr")[-2] == \
        "qiyue check：错误：参数 --lang：无效的取值 'fr'（可选：'zh', 'en'）"  # not a language we know: Chinese
    zh = usage_error("eval", "rules/x.qy", "--facts", "f.jsonl", "--fail-on", "broken,violated")
    assert zh[-2] == ("qiyue eval：错误：参数 --fail-on：未知的状态 broken；可选：履行中（active）、暂停（suspended）、"
                      "已履行（fulfilled）、已违约（violated）、已免除（excused）、终止履行（discharged）、待定（undetermined）")
    en = usage_error("eval", "rules/x.qy", "--facts", "f.jsonl", "--assume", "payment_term", "--lang", "en")
    assert en[-2] == "qiyue eval: error: argument --assume: 'payment_term': write NAME=VALUE, e.g. grace_period='45 days'"


def test_help_is_chinese_by_default_english_on_request_and_names_the_exit_codes():
    for args in (("--help",), ("eval", "--help"), ("check", "-h")):
        zh = qiyue(*args)
        assert zh.returncode == 0 and zh.stderr == "", zh.stderr
        assert zh.stdout.startswith("用法：qiyue") and "选项" in zh.stdout and "显示本帮助并退出" in zh.stdout
        assert "退出码：0 命令已执行" in zh.stdout and "2 用法错误" in zh.stdout and "3 仅用于 eval" in zh.stdout
        assert not re.search(r"\b(usage|options|show this help|exit codes)\b", zh.stdout)
        en = qiyue(*args, "--lang", "en")
        assert en.returncode == 0 and en.stdout.startswith("usage: qiyue") and "show this help message" in en.stdout
        assert "exit codes: 0 the command ran" in en.stdout and "2 wrong" in en.stdout
    zh = qiyue("eval", "--help").stdout
    assert "--facts FACTS         事实记录，JSON Lines 格式" in zh and "text：供法务人员阅读的文字报告" in zh
    en = qiyue("eval", "--help", "--lang", "en").stdout
    assert not CJK.search(en.replace("契约", ""))


def test_the_fail_on_help_names_every_status_it_takes_and_its_chinese_word():
    """`--fail-on`'s help lists what it takes (user round 24): every status, and in Chinese the report's word for it —
    written out in cli.CLI_WORDS, kept here to cli._STATUSES and build.STATUS_ZH."""
    from engine.cli import _STATUSES
    from engine.report.build import STATUS_ZH

    zh = " ".join(qiyue("eval", "--help").stdout.split("--fail-on STATUS[,STATUS]\n", 1)[1].split())
    en = " ".join(qiyue("eval", "--help", "--lang", "en").stdout.split("--fail-on STATUS[,STATUS]\n", 1)[1].split())
    for status in _STATUSES:
        assert f"{status} {STATUS_ZH[status]}" in zh and status in en, status


def test_the_language_of_usage_errors_is_read_before_parsing():
    from engine.cli import argv_lang

    assert argv_lang([]) == argv_lang(["eval", "x.qy"]) == argv_lang(["eval", "--lang", "zh"]) == "zh"
    assert argv_lang(["eval", "--lang", "en"]) == argv_lang(["eval", "--lang=en"]) == argv_lang(["--la", "en"]) == "en"
    assert argv_lang(["--lang", "en", "--lang", "zh"]) == "zh"  # the last one counts, as for argparse
    assert argv_lang(["--lang"]) == argv_lang(["--", "--lang", "en"]) == argv_lang(["--lingo", "en"]) == "zh"


def test_argparse_is_left_as_it_was_after_a_usage_error(capsys):
    import argparse

    from engine.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["eval", "x.qy"])
    assert exc.value.code == 2 and "缺少必需的参数：--facts" in capsys.readouterr().err
    assert argparse._("usage: ") == "usage: "  # the Chinese words were argparse's only while qiyue parsed
    with pytest.raises(SystemExit):
        argparse.ArgumentParser(prog="other").parse_args(["--x"])
    assert "other: error: unrecognized arguments: --x" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["eval", "--as-of", "2026-04-01"], ["eval", "--as-of", "2026-04-01", "--format", "json"],
                                     ["eval", "--as-of", "2026-04-01,2026-05-01", "--format", "json"], ["check"],
                                     ["watch", "--once", "--format", "json"], ["--version"], ["--help"]])
def test_a_standard_output_that_cannot_be_written_is_an_error_not_a_traceback(files, command):
    """A fuzzer: `> /dev/full` gave a traceback (OSError: No space left on device) for every command, and `>&-`
    (closed) exit 0 with nothing written: both are said on standard error, exit 1."""
    import os
    import subprocess
    import sys

    (files / "f.jsonl").write_text('{"id": "d1", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 2}\n',
                                   encoding="utf-8")
    args = command[:1] + ([str(files / "good.qy")] if command[0] not in ("--version", "--help") else []) + command[1:]
    if command[0] in ("eval", "watch"):
        args += ["--facts", str(files / "f.jsonl")]
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            out = subprocess.run([sys.executable, "-m", "engine.cli", *args], stdout=full, stderr=subprocess.PIPE,
                                 text=True)
        assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
        assert "错误[unwritable_file]：无法写入标准输出：磁盘空间不足" in out.stderr
    if command[0] not in ("--version", "--help"):
        closed = subprocess.run([sys.executable, "-m", "engine.cli", *args], stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, preexec_fn=lambda: os.close(1))
        assert closed.returncode == 1 and "无法写入标准输出：已关闭" in closed.stderr, closed.stderr


@pytest.mark.parametrize("command", [["eval", "--as-of", "2026-04-01", "--facts", "-"], ["watch"]])
def test_a_closed_standard_input_is_said(files, command):
    import os
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "engine.cli", command[0], str(files / "good.qy"), *command[1:]],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, preexec_fn=lambda: os.close(0))
    assert out.returncode == 1 and "错误[unreadable_file]：无法读取标准输入：已关闭" in out.stderr, out.stderr
