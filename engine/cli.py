"""The ``qiyue`` command: ``check`` a rule file, ``eval`` it against a fact stream.

Exit codes: 0 the command ran (violations are results), 1 the rules or facts are
invalid (the message says where and why), 2 wrong usage, 3 `eval --strict` or `--fail-on` hit.
Usage errors and help are in Chinese, in English with `--lang en` (read before parsing).
"""
from __future__ import annotations

import argparse
import codecs
import json
import os
import re
import sys
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from .diagnostics import QiyueError, diag, render_text, suggest
from .messages import render, word
from .textfile import visible, visible_lines
from .time.timecalc import CONTRACT_TZ


# The command line's own words: help texts in both languages; argparse's messages (usage, headings,
# "the following arguments are required", "invalid choice"…) in Chinese through ARGPARSE_ZH.
CLI_WORDS = {
    "zh": {
        "description": "契约 qiyue：检查合同规则文件，并依事实记录报告各项义务、视为事件和救济。",
        "exit_codes": "退出码：0 命令已执行（违约是结果，不是失败）；1 规则文件或事实记录有误（消息指明文件、行、列和修改方法）；"
                      "2 用法错误；3 仅用于 eval --strict 或 --fail-on：有义务处于要求以失败结束的状态（--strict：待定）。",
        "version": "显示版本号并退出",
        "version_native": "编译模块：{built}/{total}（其余以 Python 运行；python -m engine.build_native --status）",
        "commands": "命令",
        "check": "检查规则文件，列出其中的提示",
        "check_rules": "规则文件（.qy），可以写多个",
        "check_format": "输出格式：text 文字（默认）或 json",
        "check_lang": "消息的语言：zh 中文（默认）或 en 英文",
        "check_backend": "也检查规则文件在某一求值后端上如何运行：durable 列出不能完全在 durable_rules 的 Rete 上运行的每一行 "
                         "for each 及其原因（提示，报告不受影响）；reference（默认）不另作检查",
        "eval": "依事实记录评估规则文件，报告各项义务",
        "eval_rules": "规则文件（.qy）",
        "facts": "事实记录，JSON Lines 格式（写 - 表示从标准输入读取）",
        "as_of": "报告时点（ISO-8601；只写日期即该日0时）；默认：现在。用逗号分隔（或重复写 --as-of）的几个时点（如各月末）由一次回放得出："
                 "json 为以时点为键的对象，text 每个时点一节",
        "html_one_instant": "--format html 只能报告一个时点，而 --as-of 给了 {n} 个；请用 json 或 text，或只写一个时点",
        "format": "text：供法务人员阅读的文字报告（先概要，后逐条）；json：报告数据；html：一个自成一体的网页",
        "output": "写入此文件，而不是标准输出",
        "pretty": "json：缩进排版，便于阅读（默认紧凑：更快、更小）",
        "explain": "json：每项结论附带多少理由——full：steps（数据）和 because（文字），默认；words：只有 because（接口约定的报告）；"
                   "none：只有结论，不附理由（只问到期、违约情况的监控任务用：报告几乎不再增加耗时）",
        "option_other_format": "{option} 只用于 --format {meant}，不用于 --format {given}",
        "explain_json_only": "--explain {given} 只用于 --format json；text 和 html 报告总是附带全部理由",
        "backend": "求值后端：reference（qiyue 自身的匹配，默认）或 durable（由 durable_rules 的 Rete 匹配能匹配的触发条件，"
                   "报告相同；需安装可选依赖 pip install -e '.[live]'）",
        "inactive": "text：逐项列出尚未触发的义务及其所待条件（默认每条合并为一行）",
        "eval_lang": "报告和消息的语言：zh 中文（默认）或 en 英文",
        "strict": "有结论待定时（所需年份没有官方日历，或事实只写日期而时刻有关）以退出码 3 结束，供自动化使用",
        "assume": "为假设分析替换规则文件中的一项假定，如 grace_period='45 days'（报告注明已改用）；可重复",
        "fail_on": "有义务处于这些状态之一时以退出码 3 结束（如 violated,undetermined）。状态写 JSON 报告的代码或文字报告的用语："
                   "active 履行中，suspended 暂停，fulfilled 已履行，violated 已违约（或 违约），excused 已免除，"
                   "discharged 终止履行，undetermined 待定（如 --fail-on 已违约,待定）",
        "verify": "检验规则文件中的性质（property）：由 hypothesis 依事件声明生成事实记录，寻找使某项性质不成立的情形，"
                  "并化简为最短的反例；有性质不成立时以退出码 1 结束",
        "verify_rules": "规则文件（.qy）",
        "examples": "每项性质最多试多少组事实记录（默认 200）",
        "seed": "随机种子：同一种子找到同一个反例（默认随机，并在结果中写明）",
        "only": "只检验这一项性质（可重复）",
        "max_facts": "每组事实记录最多几条事实（默认 12）",
        "verify_format": "输出格式：text 文字（默认）或 json",
        "watch": "跟随不断增长的事实记录，逐一报告状态的变化（义务产生、履行、违约、免责、解除，视为事件，救济，合同生效与终止）",
        "watch_facts": "事实记录，JSON Lines 格式，边写边读（如 tail -f）；写 - 或不写表示从标准输入读取，读到末尾即止",
        "watch_format": "text：每项变化一行文字（默认）；json：每项变化一个 JSON 对象（JSON Lines）",
        "once": "读到文件当前末尾即止，不再等待新的行",
        "until": "时钟推进到此时刻（ISO-8601）即止：报告此前到期的变化，此后的事实不再读取；该时刻已过去的，读到文件末尾即止",
        "watch_strict": "遇到有误的行即停止（退出码 1）；默认报告该行的错误后继续",
        "poll": "等待文件新行时每隔几秒查看一次（默认 0.2）",
        "bad_assumption": "“{shown}”：应写作 名称=值，如 grace_period=\"45 days\"",
        "bad_status": "未知的状态 {wrong}；可选：{choices}", "none": "（空）",
        "bad_count": "“{shown}”：应为1到1000000之间的整数",
        "bad_seed": "“{shown}”：随机种子应为整数（如 42）",
        "bad_poll": "“{shown}”：应为0.01到3600之间的秒数（如 0.2）",
        "twice": "{option} 只能写一次（先写了 “{first}”，又写了 “{second}”）",
        "unknown_property": "规则文件中没有名为 {name} 的性质；已有：{known}",
        "empty_property": "--only 中有一个性质的名称是空的；已有：{known}",
        "did_you_mean_property": "是否想写：{name}",
        "error": "{prog}：错误：{message}\n{prog} --help 列出各参数及其说明。\n",
    },
    "en": {
        "description": "契约 qiyue: check a contract's rule file and report, from a stream of facts, its obligations, "
                       "deemed events and remedies.",
        "exit_codes": "exit codes: 0 the command ran (violations are results, not failures); 1 the rule file or the "
                      "facts are invalid (the message names the file, line and column and how to fix it); 2 wrong "
                      "usage; 3 only with `eval --strict` or `--fail-on`: some obligation has a status the caller "
                      "asked to fail on (--strict: undetermined).",
        "version": "show the version and exit",
        "version_native": "compiled modules: {built} of {total} (the rest run as Python; python -m engine.build_native --status)",
        "commands": "commands",
        "check": "check a rule file and list its findings",
        "check_rules": "rule file(s) (.qy)",
        "check_format": "output format: text (default) or json",
        "check_lang": "the language of the messages: zh Chinese (default) or en English",
        "check_backend": "also check how the rule file runs on an evaluator: durable lists each `for each` line "
                         "durable_rules' Rete cannot wholly decide, and why (info: the report is the same); "
                         "reference (the default) adds nothing",
        "eval": "evaluate a rule file against a fact stream",
        "verify": "test the rule file's properties: hypothesis builds fact streams from the event declarations, "
                  "searches for one where a property fails and shrinks it to the shortest counterexample; exit 1 "
                  "when a property fails",
        "verify_rules": "rule file (.qy)",
        "examples": "at most how many fact streams to try for each property (default 200)",
        "seed": "the random seed: one seed finds the same counterexample again (default: random, and shown)",
        "only": "test only this property (may be repeated)",
        "max_facts": "at most how many facts in a stream (default 12)",
        "verify_format": "output format: text (default) or json",
        "watch": "follow a growing fact file and print each change of state as it happens (a duty arising, "
                 "performed, violated, excused, discharged; a deemed event; a remedy; the contract taking effect "
                 "or ending)",
        "watch_facts": "facts as JSON Lines, read as they are written (like tail -f); '-' or none: standard input, "
                       "until its end",
        "watch_format": "text: a line per change (default); json: a JSON object per change (JSON Lines)",
        "once": "stop at the file's current end instead of waiting for more lines",
        "until": "stop when the clock reaches this instant (ISO-8601; one already past: at the file's end): what "
                 "falls due by then is printed, later facts are not read",
        "watch_strict": "stop at the first bad line (exit 1); by default its errors are printed and the watch goes on",
        "poll": "how many seconds to wait between looks for new lines of the file (default 0.2)",
        "eval_rules": "rule file (.qy)",
        "facts": "facts as JSON Lines ('-' for standard input)",
        "as_of": "the moment to report on (ISO-8601; a bare date is 00:00 that day); default: now. Several, "
                 "separated by commas or --as-of repeated (month ends, say), come from one replay: json gives an object keyed by "
                 "instant, text a section per instant",
        "html_one_instant": "--format html reports one instant, but --as-of gives {n}; use json or text, or give "
                            "one instant",
        "format": "text: the report for legal staff (a summary, then clause by clause); json: the report's data; "
                  "html: one self-contained page",
        "output": "write to this file instead of standard output",
        "pretty": "json: indented for people to read (default: compact, faster and smaller)",
        "explain": "json: how much of each verdict's reasons the report holds — full: steps (data) and because "
                   "(words), the default; words: because alone (the interface's report); none: the verdicts without "
                   "reasons (for a job that asks only what is due or violated: the report then adds little time)",
        "option_other_format": "{option} is for --format {meant} only, not --format {given}",
        "explain_json_only": "--explain {given} is for --format json only; the text and html reports always hold "
                             "every reason",
        "backend": "evaluator: reference (qiyue's own matcher, the default) or durable (the triggers durable_rules "
                   "can run matched on its Rete; the same report; needs the extra: pip install -e '.[live]')",
        "inactive": "text: list each obligation not yet triggered with the conditions it waits for (by default "
                    "they are folded into one line per clause)",
        "eval_lang": "the language of the report and the messages: zh Chinese (default) or en English",
        "strict": "exit 3 when some verdict is undetermined (a year no calendar knows, or a fact given by its day "
                  "alone where the hour matters), for automated use",
        "assume": "replace an assumption of the rule file for a what-if, e.g. grace_period='45 days' (the report "
                  "says it was overridden); may be repeated",
        "fail_on": "exit 3 when some obligation has one of these statuses (e.g. violated,undetermined): active, "
                   "suspended, fulfilled, violated, excused, discharged, undetermined — or the Chinese report's words "
                   "for them, as the Chinese help (qiyue eval --help) lists them",
        "bad_assumption": "{text!r}: write NAME=VALUE, e.g. grace_period='45 days'",
        "bad_status": "unknown status {wrong}; choose from {choices}", "none": "(none)",
        "bad_count": "{text!r}: a whole number from 1 to 1000000",
        "bad_seed": "{text!r}: a seed is a whole number (42)",
        "bad_poll": "{text!r}: a number of seconds from 0.01 to 3600 (e.g. 0.2)",
        "twice": "{option} is given twice ({first!r}, then {second!r}): give it once",
        "unknown_property": "the rule file has no property called {name}; it has: {known}",
        "empty_property": "--only names a property by an empty name; the rule file has: {known}",
        "did_you_mean_property": "did you mean: {name}",
        "error": "{prog}: error: {message}\n{prog} --help lists the arguments and what they mean.\n",
    },
}
# argparse's own messages (Python 3.11-3.13 word them alike), as argparse's gettext calls look them up
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "命令",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    " (default: %(default)s)": "（默认：%(default)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值 %(value)r（可选：%(choices)s）",
    "expected one argument": "应写一个值",
    "expected at most one argument": "最多写一个值",
    "expected at least one argument": "至少写一个值",
    "expected %s argument": "应写 %s 个值",
    "expected %s arguments": "应写 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "此选项不取值：%r",
    "one of the arguments %s is required": "参数 %s 中须写一个",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可选：%(choices)s）",
    "unexpected option string: %s": "此处不能写选项：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s：警告：%(message)s\n",
}


def argv_lang(argv: list[str]) -> str:
    """The language the command line asks for (`--lang en`, `--lang=en`, or a prefix argparse accepts such as
    `--la en`; the last one counts, as for argparse), known before parsing so that usage errors and help
    come in it; Chinese otherwise."""
    lang = "zh"
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        name, eq, value = arg.partition("=")
        if len(name) >= 3 and "--lang".startswith(name):
            if not eq:
                value = argv[i + 1] if i + 1 < len(argv) else ""
            lang = "en" if value == "en" else "zh"
    return lang


@contextmanager
def _argparse_words(lang: str):
    """argparse words its usage, headings and errors through gettext (``argparse._``, ``argparse.ngettext``):
    while the parser is built and parses, they come from ARGPARSE_ZH (Chinese) or stay as argparse writes
    them (English), whatever gettext catalogue the system has."""
    table = ARGPARSE_ZH if lang == "zh" else {}
    saved = argparse.__dict__.get("_"), argparse.__dict__.get("ngettext")
    argparse._ = lambda text: table.get(text, text)
    argparse.ngettext = lambda one, many, n: table.get(one if n == 1 else many, one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class _Parser(argparse.ArgumentParser):
    """A usage error in the reader's language, with where to look next; exit 2."""

    def __init__(self, *args, lang: str = "zh", **kwargs):
        super().__init__(*args, **kwargs)
        self.lang = lang

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, CLI_WORDS[self.lang]["error"].format(prog=self.prog, message=message))

    def _print_message(self, message, file=None):
        """As argparse's, without swallowing a write that fails (`--help > /dev/full`: said, exit 1)."""
        if message:
            (file or sys.stderr).write(message)


class _Once(argparse.Action):
    """An option that names one thing (the fact file, the output file): given twice it is a usage error,
    not a silent choice of the last."""

    def __call__(self, parser, namespace, values, option_string=None):
        seen = getattr(namespace, "_given", None)
        if seen is None:
            seen = {}
            setattr(namespace, "_given", seen)
        if self.dest in seen:
            first, second = seen[self.dest], values
            parser.error(CLI_WORDS[parser.lang]["twice"].format(
                option="/".join(self.option_strings), first=visible(str(first)) if parser.lang == "zh" else first,
                second=visible(str(second)) if parser.lang == "zh" else second))
        seen[self.dest] = values
        setattr(namespace, self.dest, values)


class _Union(argparse.Action):
    """`--fail-on` given twice: the statuses of both (a gate told `violated` and `undetermined` exits 3 on either,
    where the last alone won)."""

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, (getattr(namespace, self.dest, None) or frozenset()) | values)


class _Assume(argparse.Action):
    """`--assume NAME=VALUE`, as often as there are names: the same name twice is a usage error (the last won)."""

    def __call__(self, parser, namespace, values, option_string=None):
        given = list(getattr(namespace, self.dest, None) or [])
        before = next((v for n, v in given if n == values[0]), None)
        if before is not None:
            parser.error(CLI_WORDS[parser.lang]["twice"].format(
                option=f"{option_string} {values[0]}=…", first=visible(before) if parser.lang == "zh" else before,
                second=visible(values[1]) if parser.lang == "zh" else values[1]))
        setattr(namespace, self.dest, given + [values])


class _Version(argparse.Action):
    """`--version`: the installed version, looked up only when asked (importlib.metadata is slow to import)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None, words=""):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)
        self.words = words

    def __call__(self, parser, namespace, values, option_string=None):
        from . import __version__, native

        built = sum(1 for m in native.MODULES if native.compiled_path(m)) if native.enabled() else 0
        print(f"qiyue {__version__}")
        print(self.words.format(built=built, total=len(native.MODULES)))  # (engine/native.py: compiled or not)
        parser.exit()


def _parser(lang: str = "zh") -> argparse.ArgumentParser:
    w = CLI_WORDS[lang]
    ap = _Parser(prog="qiyue", description=w["description"], epilog=w["exit_codes"], lang=lang)
    ap.add_argument("--version", action=_Version, help=w["version"], words=w["version_native"])
    sub = ap.add_subparsers(dest="command", required=True, metavar="{check,eval,verify,watch}", title=w["commands"])
    c = sub.add_parser("check", lang=lang, help=w["check"], description=w["check"], epilog=w["exit_codes"])
    c.add_argument("rules", nargs="+", metavar="RULES", help=w["check_rules"])
    c.add_argument("--format", action=_Once, choices=("text", "json"), default="text", help=w["check_format"])
    c.add_argument("--lang", action=_Once, choices=("zh", "en"), default="zh", help=w["check_lang"])
    c.add_argument("--backend", action=_Once, choices=("reference", "durable"), default="reference", help=w["check_backend"])
    e = sub.add_parser("eval", lang=lang, help=w["eval"], description=w["eval"], epilog=w["exit_codes"])
    e.add_argument("rules", metavar="RULES", help=w["eval_rules"])
    e.add_argument("--facts", required=True, action=_Once, metavar="FACTS", help=w["facts"])
    e.add_argument("--as-of", dest="as_of", action="append", default=None, metavar="AS_OF", help=w["as_of"])
    e.add_argument("--format", action=_Once, choices=("text", "json", "html"), default="text", help=w["format"])
    e.add_argument("-o", "--output", default=None, action=_Once, metavar="FILE", help=w["output"])
    e.add_argument("--pretty", action="store_true", help=w["pretty"])
    e.add_argument("--explain", action=_Once, choices=("full", "words", "none"), default="full", help=w["explain"])
    e.add_argument("--backend", action=_Once, choices=("reference", "durable"), default="reference", help=w["backend"])
    e.add_argument("--inactive", action="store_true", help=w["inactive"])
    e.add_argument("--lang", action=_Once, choices=("zh", "en"), default="zh", help=w["eval_lang"])
    e.add_argument("--strict", action="store_true", help=w["strict"])
    e.add_argument("--assume", action=_Assume, default=[], type=_assumption(lang), metavar="NAME=VALUE",
                   help=w["assume"])
    e.add_argument("--fail-on", dest="fail_on", default=None, type=_statuses(lang), action=_Union,
                   metavar="STATUS[,STATUS]",
                   help=w["fail_on"])
    v = sub.add_parser("verify", lang=lang, help=w["verify"], description=w["verify"], epilog=w["exit_codes"])
    v.add_argument("rules", metavar="RULES", help=w["verify_rules"])
    v.add_argument("--examples", action=_Once, type=_positive(lang), default=200, metavar="N", help=w["examples"])
    v.add_argument("--seed", action=_Once, type=_seed(lang), default=None, metavar="S", help=w["seed"])
    v.add_argument("--only", action="append", default=[], metavar="PROPERTY", help=w["only"])
    v.add_argument("--max-facts", dest="max_facts", action=_Once, type=_positive(lang), default=12, metavar="N",
                   help=w["max_facts"])
    v.add_argument("--format", action=_Once, choices=("text", "json"), default="text", help=w["verify_format"])
    v.add_argument("--lang", action=_Once, choices=("zh", "en"), default="zh", help=w["eval_lang"])
    v.add_argument("--assume", action=_Assume, default=[], type=_assumption(lang), metavar="NAME=VALUE",
                   help=w["assume"])
    wa = sub.add_parser("watch", lang=lang, help=w["watch"], description=w["watch"], epilog=w["exit_codes"])
    wa.add_argument("rules", metavar="RULES", help=w["eval_rules"])
    wa.add_argument("--facts", default="-", action=_Once, metavar="FACTS", help=w["watch_facts"])
    wa.add_argument("--once", action="store_true", help=w["once"])
    wa.add_argument("--until", default=None, action=_Once, metavar="INSTANT", help=w["until"])
    wa.add_argument("--format", action=_Once, choices=("text", "json"), default="text", help=w["watch_format"])
    wa.add_argument("--lang", action=_Once, choices=("zh", "en"), default="zh", help=w["eval_lang"])
    wa.add_argument("--strict", action="store_true", help=w["watch_strict"])
    wa.add_argument("--poll", action=_Once, type=_seconds(lang), default=0.2, metavar="SECONDS", help=w["poll"])
    wa.add_argument("--backend", action=_Once, choices=("reference", "durable"), default="reference", help=w["backend"])
    wa.add_argument("--assume", action=_Assume, default=[], type=_assumption(lang), metavar="NAME=VALUE",
                    help=w["assume"])
    return ap


def _seconds(lang: str):
    """`watch --poll`: seconds between looks at the file, 0.01 to 3600 (0 would spin; a negative, NaN or
    infinite value is no wait at all)."""
    def seconds(text: str) -> float:
        try:
            s = float(text)
        except ValueError:
            s = float("nan")
        if not 0.01 <= s <= 3600:  # (NaN fails every comparison)
            raise argparse.ArgumentTypeError(CLI_WORDS[lang]["bad_poll"].format(text=text, shown=visible(text)))
        return s
    return seconds


def _positive(lang: str):
    def positive(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            n = 0
        if n < 1 or n > 1_000_000:
            raise argparse.ArgumentTypeError(CLI_WORDS[lang]["bad_count"].format(text=text, shown=visible(text)))
        return n
    return positive


def _seed(lang: str):
    def seed(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(CLI_WORDS[lang]["bad_seed"].format(text=text, shown=visible(text))) from None
    return seed


def _assumption(lang: str):
    def assumption(text: str) -> tuple[str, str]:
        name, sep, value = text.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise argparse.ArgumentTypeError(CLI_WORDS[lang]["bad_assumption"].format(text=text, shown=visible(text)))
        return name.strip(), value.strip()
    return assumption


_STATUSES = ("active", "suspended", "fulfilled", "violated", "excused", "discharged", "undetermined")


def _statuses(lang: str):
    """`--fail-on`'s statuses: the codes of the JSON report, or the words the Chinese report prints (已违约, or 违约
    without 已; commas full-width or not) — a user reading the text report writes what she reads (user round 22)."""
    def statuses(text: str) -> frozenset:
        from .report.build import STATUS_ZH

        by_word = {w: s for s, w in STATUS_ZH.items() if s in _STATUSES}
        by_word.update({w[1:]: s for w, s in list(by_word.items()) if w[0] == "已"})
        said = [t.strip() for t in text.replace("，", ",").replace("、", ",").split(",") if t.strip()]
        wrong = sorted(t for t in said if t not in _STATUSES and t not in by_word)
        if wrong or not said:
            w = CLI_WORDS[lang]
            choices = "、".join(f"{STATUS_ZH[s]}（{s}）" for s in _STATUSES) if lang == "zh" else ", ".join(_STATUSES)
            raise argparse.ArgumentTypeError(w["bad_status"].format(wrong=", ".join(wrong) or w["none"],
                                                                    choices=choices))
        return frozenset(by_word.get(t, t) for t in said)
    return statuses


def _safe_output():
    """Whatever a report quotes, writing it never fails: a character the stream cannot encode (a lone
    surrogate from a fact's JSON "\\ud800", Chinese on a console that has no code page for it) is
    written as its escape (\\ud800), never a UnicodeEncodeError after the work is done."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):  # not a text stream we may reconfigure: leave it
            pass


def main(argv: list[str] | None = None) -> int:
    _safe_output()
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = argv_lang(argv)
    sources: dict[str, str] = {}
    try:
        with _argparse_words(lang):  # (--help and --version write too: inside, for a full disk)
            try:
                parser = _parser(lang)
                args, extra = parser.parse_known_args(argv)
                if extra and args.command == "check" and not any(x.startswith("-") for x in extra):
                    args.rules += extra  # (`check A --lang en B`: files on both sides of an option, as usage allows
                    # options anywhere — parse_intermixed_args refuses subcommands: fuzz round 34)
                elif extra:
                    args = parser.parse_args(argv)  # (what it does not know: refused in its own words)
            except SystemExit as done:  # (--help: what it wrote is flushed here, where a failure is caught)
                if done.code in (0, None) and sys.stdout is not None:
                    sys.stdout.flush()
                raise
        if getattr(args, "output", None) == "-":  # (`-o -`: standard output, as `--facts -` is standard input)
            args.output = None
        if sys.stdout is None and not (args.command == "eval" and args.output):  # (`>&-`: nowhere to say anything)
            _stdout_failed(word("os.closed"), lang)
            return 1
        if args.command == "check":
            return _check(args, sources)
        if args.command == "verify":
            return _verify(args, sources)
        if args.command == "watch":
            return _watch(args, sources)
        return _eval(args, sources)
    except QiyueError as exc:
        try:
            _fail(exc, args.format, sources, args.lang, one_line=args.command == "watch")
        except BrokenPipeError:  # (the reader went away while the error was written)
            import os
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError as again:  # (the error was to go to a standard output that cannot be written)
            _stdout_failed(again, lang)
        return 1
    except BrokenPipeError:  # the reader went away (`qiyue eval … | head`): not an error of ours
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # writing to standard output failed (a full disk: `> /dev/full`): said, exit 1
        _stdout_failed(exc, lang)
        return 1
    except KeyboardInterrupt:  # (Ctrl-C: stopped, as asked; no traceback)
        print(file=sys.stderr)
        return 130


def _stdout_failed(why, lang: str):
    """Say on standard error that standard output could not be written (``why``: the OSError, or the words of
    why), and let nothing more go to it (what Python would flush to it at exit would fail again)."""
    import os

    from .api import _os_reason

    reason = _os_reason(why, True) if isinstance(why, OSError) else why
    d = diag("unwritable_file.stdout", what=word("file.stdout"), reason=reason)

    try:
        if sys.stdout is not None:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    if sys.stderr is not None:
        try:
            sys.stderr.write(render_text([d], {}, lang) + "\n")
        except OSError:
            pass


def _stdin():
    """Standard input, or an error saying it is closed (`<&-`)."""
    if sys.stdin is None:
        raise QiyueError([diag("unreadable_file.stdin", what=word("file.stdin"), reason=word("os.closed"))])
    return sys.stdin


def _load(path: str, sources, assume=None):
    from .api import compile_rules, read_text_and_encoding

    sources[path], encoding = read_text_and_encoding(path, "rule file")  # kept to show an error's lines
    compiled = compile_rules(sources[path], path, assume=dict(assume or ()))
    compiled.encoding = encoding
    return compiled


def _checked(path: str, sources, backend: str = "reference") -> list:
    """A rule file's findings as `qiyue check` gives them: the checker's, and with ``backend`` durable
    the lines durable_rules' Rete does not wholly decide (``live.patterns.findings``), in file order."""
    compiled = _load(path, sources)
    found = list(compiled.findings)
    if backend == "durable":
        from .diagnostics import Diagnostic
        from .live.patterns import findings

        found = sorted(found + findings(compiled), key=Diagnostic.sort_key)
    return compiled, found


def _check(args, sources) -> int:
    lang = args.lang
    if len(args.rules) == 1:  # one file: its findings, or its errors (exit 1) through main
        return _check_one(args.rules[0], args.format, sources, lang, args.backend)
    failed, results = False, []
    for path in args.rules:  # several: each file checked, all of them reported, exit 1 if any is invalid
        try:
            if args.format == "json":
                _, found = _checked(path, sources, args.backend)
                results.append({"file": path, "findings": [d.as_json(lang) for d in found]})
            else:
                _check_one(path, args.format, sources, lang, args.backend)
        except QiyueError as exc:
            failed = True
            if args.format == "json":
                results.append({"file": path, "errors": [d.as_json(lang) for d in exc.diagnostics]})
            else:
                _fail(exc, args.format, sources, lang)
    if args.format == "json":
        print(json.dumps({"files": results}, ensure_ascii=False, indent=2))
    return 1 if failed else 0


def _check_one(path: str, fmt: str, sources, lang: str = "zh", backend: str = "reference") -> int:
    compiled, found = _checked(path, sources, backend)
    if fmt == "json":
        print(json.dumps({"findings": [d.as_json(lang) for d in found]}, ensure_ascii=False, indent=2))
    else:
        if found:
            print(render_text(found, sources, lang))
        rules = compiled.checked.rules
        # (the file's name as the report and the errors show it: ESC or a line end in it written as its escape)
        counts = {"obligations": len(rules.obligations), "remedies": len(rules.remedies), "deemed": len(rules.deemed),
                  "findings": len(found)}
        nouns = {"obligations": ("obligation", "obligations"), "remedies": ("remedy", "remedies"),
                 "deemed": ("deemed event", "deemed events"), "findings": ("finding", "findings")}
        # (in English, one of a kind is singular: "1 remedy" — user round 23)
        counts.update({f"{k}_n": f"{n} {nouns[k][n != 1]}" for k, n in list(counts.items())})
        print(visible_lines([render("word:check.ok", {"path": path, **counts}, lang)]))
    return 0


def _verify(args, sources) -> int:
    from .verify import render
    from .verify.search import verify
    from .lang.checker import _nfc

    compiled = _load(args.rules, sources, args.assume)
    known = [p.name for p in compiled.checked.rules.properties]
    args.only = [n.strip() for given in args.only for n in given.split(",")]  # (--only a,b as --only a --only b)
    if "" in args.only:  # (`--only ""`, `--only a,`: a name left empty — a shell variable unset — is no property; not
        # read as "every property": fuzz round 44)
        w = CLI_WORDS[args.lang]
        sys.stderr.write(w["empty_property"].format(known="、".join(known) or w["none"]) + "\n")
        return 2
    by_form = {_nfc(n): n for n in known}  # (a name typed in another Unicode form: that property — fuzz round 36)
    args.only = [by_form.get(_nfc(n), n) for n in args.only]
    for name in args.only:
        if name not in known:
            w = CLI_WORDS[args.lang]
            meant = suggest(name, known)
            sys.stderr.write(w["unknown_property"].format(name=name, known="、".join(known) or w["none"]) + "\n"
                             + (w["did_you_mean_property"].format(name=meant) + "\n" if meant else ""))
            return 2
    def progress(done: int, total: int, name: str):
        sys.stderr.write(f"\r\033[K[{done + 1}/{total}] {name}")
        sys.stderr.flush()

    shown = sys.stderr.isatty()  # (a search of 200 streams a property takes minutes: say where it is, on a terminal)
    result = verify(compiled, args.examples, args.seed, args.only or None, args.max_facts, args.lang,
                    progress if shown else None)
    import shlex  # (the options the search ran with, repeated by the command that finds a counterexample again)

    result.options = "".join(f" --assume {shlex.quote(f'{n}={v}')}" for n, v in args.assume or ()) + (
        f" --examples {args.examples}" if args.examples != 200 else "") + (
        f" --max-facts {args.max_facts}" if args.max_facts != 12 else "")
    if shown:
        sys.stderr.write("\r\033[K")
    if args.format == "json":
        print(json.dumps(render.as_json(result, args.lang), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render.text(result, args.lang))
    return 0 if result.held else 1


def _output_not_an_input(args, inputs=None) -> None:
    """`-o` naming no file (an empty name), or a file being read — the facts, the rules (``inputs`` None: before
    anything is read), or a calendar file the rules read (``inputs``: (what, path) pairs, once the rules say which)
    —: refused, the report would have taken the input's place (a report written over `calendar file "2027.toml"`
    stopped the next evaluation at a calendar file that is not TOML)."""
    from .diagnostics import diag
    from .messages import Msg, word

    if args.output is None:
        return
    reason = None
    if args.output == "":
        reason = Msg("word:os.empty_name", {})
    else:
        for what, given in inputs if inputs is not None else (("file.facts", args.facts),
                                                              ("file.rule file", args.rules)):
            try:
                if given and given != "-" and os.path.samefile(given, args.output):
                    reason = Msg("word:output_is_input", {"what": word(what)})
                    break
            except (OSError, ValueError):  # (either missing: not the same file)
                continue
    if reason is not None:
        raise QiyueError([diag("unwritable_file", what=word("file.output"), path=args.output, reason=reason,
                               hint="hint:output_is_input")])


def _output_not_a_calendar(args, compiled) -> None:
    """`-o` naming a calendar file the rule file reads: refused as the facts and the rules are."""
    _output_not_an_input(args, [("file.calendar", p) for p in compiled.prepared.calendar.file_paths()])


def _eval(args, sources) -> int:
    from .api import parse_as_of

    _output_not_an_input(args)
    if args.explain != "full" and args.format != "json":
        sys.stderr.write(CLI_WORDS[args.lang]["error"].format(
            prog="qiyue eval", message=CLI_WORDS[args.lang]["explain_json_only"].format(given=args.explain)))
        return 2
    for given, meant in (("--pretty", "json"), ("--inactive", "text")):  # (an option of another format, said as
        if getattr(args, given[2:]) and args.format != meant:  # --explain's is, not dropped: fuzz round 44)
            sys.stderr.write(CLI_WORDS[args.lang]["error"].format(prog="qiyue eval", message=CLI_WORDS[args.lang][
                "option_other_format"].format(option=given, meant=meant, given=args.format)))
            return 2
    if args.as_of is not None:  # (--as-of repeated: its instants taken together, as A,B)
        args.as_of = ",".join(args.as_of)
    texts = _as_of_texts(args.as_of) if args.as_of is not None else []
    if len(texts) > 1:  # several instants, one replay
        if args.format == "html":
            sys.stderr.write(CLI_WORDS[args.lang]["error"].format(
                prog="qiyue eval", message=CLI_WORDS[args.lang]["html_one_instant"].format(n=len(texts))))
            return 2
        return _eval_many(args, sources, texts)
    compiled = _load(args.rules, sources, args.assume)
    _output_not_a_calendar(args, compiled)
    compiled.prepared_for(args.backend)  # (durable without its extra: said before any fact is read)
    as_of = parse_as_of(texts[0], "--as-of") if args.as_of is not None else datetime.now(CONTRACT_TZ).replace(microsecond=0)
    lines, name, encoding = _fact_lines(args)
    if args.format == "json":  # written row by row as it is built: neither the report nor its text held whole
        return _eval_json(args, compiled, lines, as_of, name, encoding)
    report = compiled.evaluate(lines, as_of, name, encoding, lang=args.lang, backend=args.backend)
    if args.format == "html":
        from .report.html import render_html

        out = render_html(report, args.lang)
    else:
        from .report.build import render

        out = render(report, args.lang, inactive=args.inactive)
    if args.output:
        with _output_file(args.output, binary=False) as f:
            f.write(out + "\n")
    else:
        print(out)
    return _fail_on(args, {o["status"] for o in report["obligations"]}
                    | {"undetermined" for r in report["remedies"] if _remedy_undetermined(r)})


@contextmanager
def _output_file(path: str, binary: bool):
    """The file of `-o`, written whole or not at all: the output goes to a new file beside it, put in its
    place once complete (``os.replace``); an error met on the way (in the replay of a later `--as-of`
    instant, say) removes it and leaves whatever the path held before — never half a report.  The file
    it replaces keeps its mode (and owner, where that can be set); a link is written through to its
    file.  Where no new file can be made beside it or put in its place (a folder that cannot be written
    to, a file mounted on its own, a name too long for another), and for a path that is not a regular
    file (a pipe, /dev/stdout), the output is written in place.  A failure is ``unwritable_file``."""
    import os
    import shutil

    from .api import _os_reason
    from .diagnostics import diag
    from .messages import word

    def opened(where):  # (a path, or the descriptor of the file made beside it)
        return open(where, "wb") if binary else open(where, "w", encoding="utf-8", errors="backslashreplace",
                                                     newline="\n")

    def unwritable(exc: OSError) -> QiyueError:
        return QiyueError([diag("unwritable_file", what=word("file.output"), path=str(path),
                                reason=_os_reason(exc, writing=True), hint="hint:unwritable")])

    @contextmanager
    def checked(naming: bool = False):
        try:
            yield
        except ValueError as exc:  # (a NUL in the name: no file can have it)
            if not naming:
                raise
            raise unwritable(OSError(0, str(exc))) from None
        except OSError as exc:
            raise unwritable(exc) from None

    with checked(naming=True):
        if path.endswith(("/", os.sep)) or os.path.isdir(path):
            raise IsADirectoryError(21, os.strerror(21))
        target = Path(os.path.realpath(path))  # (a link: its file)
        existing = target.stat() if target.exists() else None
        direct = existing is not None and not target.is_file()
        part = target.with_name(f".{target.name[:200]}.{os.getpid()}.part")
        if not direct:
            try:
                fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # (the umask applies, as open's)
            except OSError:
                direct = True  # (no file beside it: written in place)
            else:
                if existing is not None:
                    try:
                        os.chmod(fd, existing.st_mode & 0o7777)
                        if (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
                            os.chown(fd, existing.st_uid, existing.st_gid)
                    except OSError:
                        pass
        f = opened(path if direct else fd)
    if direct:
        with checked(), f:
            yield f
        return
    try:
        with checked():
            with f:
                yield f
            try:
                os.replace(part, target)
            except OSError:  # (a file mounted on its own, another device: its content copied into it instead)
                shutil.copyfile(part, target)
                part.unlink(missing_ok=True)
    finally:
        part.unlink(missing_ok=True)


def _eval_json(args, compiled, lines, as_of, name: str, encoding: str | None) -> int:
    """`--format json` at one instant: the report written a row at a time as ``report.parts`` builds it
    (the bytes ``json_bytes(report) + b"\\n"`` are), each row dropped once written."""
    from .api import collector_paused

    statuses: set = set()
    with collector_paused():  # (as CompiledRules.evaluate runs load, evaluation and report)
        ev = compiled.run(compiled.load_facts(lines, name), as_of, args.backend)
        report = _report_of(compiled, ev, args.lang, name, encoding, statuses, args.explain)
        if args.output:
            with _output_file(args.output, binary=True) as f:
                write_json(report, f, args.pretty)
                f.write(b"\n")
        else:
            sys.stdout.flush()
            write_json(report, sys.stdout.buffer, args.pretty)
            sys.stdout.buffer.write(b"\n")
            sys.stdout.buffer.flush()
    return _fail_on(args, statuses)


def _report_of(compiled, ev, lang: str, name: str, encoding: str | None, statuses: set, explain: str = "full"):
    """What makes the report of ``ev`` as ``CompiledRules.evaluate`` returns it, its rows built as they
    are written (``report.parts``), each obligation's status noted in ``statuses`` as it passes."""
    from .report.build import parts

    def report() -> dict:
        got = compiled._described(parts(ev, compiled.sha256, compiled.findings, lang, bounded=True, explain=explain),
                                  name, encoding)
        got["obligations"] = _noting_status(got["obligations"], statuses)
        got["remedies"] = _noting_remedies(got["remedies"], statuses)
        return got
    return report


def _remedy_undetermined(row: dict) -> bool:
    """A remedy whose verdict is not known: undetermined itself, or its amount (by the hour, a fact of its day alone
    deciding how many hours: ``amount_range``) — what `--strict` fails on beside the duties."""
    return row.get("status") == "undetermined" or "amount_range" in row or "rating_range" in row


def _noting_remedies(rows, statuses: set):
    """The remedy rows as they come, "undetermined" noted where one is (for `--strict` / `--fail-on undetermined`)."""
    for row in rows:
        if _remedy_undetermined(row):
            statuses.add("undetermined")
        yield row


def _noting_status(rows, statuses: set):
    """The obligation rows as they come, each one's status noted (for `--fail-on`)."""
    for row in rows:
        statuses.add(row["status"])
        yield row


def _evaluations(compiled, lines, instants, name: str, backend: str = "reference"):
    """(instant, evaluation) at each distinct instant, in time order, from one replay
    (``CompiledRules.iter_evaluations``)."""
    return compiled.iter_evaluations(lines, sorted(set(instants)), name, backend)


def _fail_on(args, statuses: set) -> int:
    """Exit 3 when some obligation has a status `--fail-on` (or `--strict`: undetermined) names."""
    fail_on = set(args.fail_on or ()) | ({"undetermined"} if args.strict else set())
    hit = sorted(statuses & fail_on)
    if hit:
        from .messages import render as words

        from .report.build import STATUS_ZH

        key = "word:fail_on.undetermined" if "undetermined" in hit else "word:fail_on"

        def named(ss):  # (in Chinese: 待定（undetermined） — the status as the report words it, and its code)
            return "、".join(f"{STATUS_ZH.get(s, s)}（{s}）" for s in ss) if args.lang == "zh" else ", ".join(ss)
        print("qiyue: " + words(key, {"hit": named(hit), "asked": named(sorted(fail_on))}, args.lang), file=sys.stderr)
        return 3
    return 0


_AS_OF_SEPARATORS = re.compile("[,，、]")
_FRACTION_AFTER_COMMA = re.compile(r"[0-9]+(?:Z|[+-][0-9]{2}:?[0-9]{2})?")


def _as_of_texts(joined: str) -> list[str]:
    """The instants of `--as-of A,B,C`: separated by a comma, ASCII or full-width, or 、 (as --fail-on's are: a Chinese
    input method types them); a comma between the seconds and their fraction (ISO 8601's 10:00:00,5, as the API reads
    it) is no separator (fuzz round 44)."""
    out: list[str] = []
    for piece in _AS_OF_SEPARATORS.split(joined):
        if out and _FRACTION_AFTER_COMMA.fullmatch(piece) and re.search(r"T[0-9]{2}:[0-9]{2}:[0-9]{2}$", out[-1]):
            out[-1] += "," + piece
        else:
            out.append(piece.strip())
    return out


def _eval_many(args, sources, texts: list[str]) -> int:
    """`--as-of A,B,C`: the reports at several instants from one replay, each written as soon as the
    replay passes its instant (one report held at a time), in time order, each instant once.  JSON:
    one object, each report under its instant as the report's own ``as_of`` writes it; text: a
    section per instant, headed by it.  An error met in the replay ends standard output where it is;
    a file of `-o` is then not written at all (``_output_file``)."""
    from .api import as_of_instants

    compiled = _load(args.rules, sources, args.assume)
    _output_not_a_calendar(args, compiled)
    compiled.prepared_for(args.backend)
    instants = as_of_instants(texts, "--as-of")  # (every instant read before the facts are)
    lines, name, encoding = _fact_lines(args)
    binary = args.format == "json"
    if args.output:
        with _output_file(args.output, binary) as target:
            return _write_many(args, compiled, lines, instants, name, encoding, target)
    return _write_many(args, compiled, lines, instants, name, encoding, None)


def _write_many(args, compiled, lines, instants, name: str, encoding: str | None, target) -> int:
    """``_eval_many``'s reports, to ``target`` (an open file) or standard output."""
    from .report.build import TEXT_WORDS, instant, render
    from .api import collector_paused

    statuses: set = set()
    many = len(set(instants))
    binary = args.format == "json"
    if target is None:
        sys.stdout.flush()
    write = target.write if target else (sys.stdout.buffer.write if binary else sys.stdout.write)
    w = TEXT_WORDS["en" if args.lang == "en" else "zh"]
    try:
        if binary:
            n = 0
            try:
                for n, (at, ev) in enumerate(_evaluations(compiled, lines, instants, name, args.backend), 1):
                    if n == 1:  # (opened once the facts are read: a bad fact file's errors are the whole output)
                        write(b"{\n" if args.pretty else b"{")
                    # ({"<as_of>": report} without its braces: each report as json_bytes writes it alone)
                    with collector_paused():  # (built and written as the evaluation ran: the collector paused)
                        write_json(_report_of(compiled, ev, args.lang, name, encoding, statuses, args.explain),
                                   target or sys.stdout.buffer, args.pretty, nested=True)
                    write((b",\n" if args.pretty else b",") if n < many else (b"\n}\n" if args.pretty else b"}\n"))
            except QiyueError as exc:
                if n == 0 or target is not None:  # (nothing written: the errors are the whole output, as at one
                    raise  # instant; a file of -o is written whole or not at all)
                # (a later instant stopped the replay — a year no calendar knows —: the reports written so far and
                # the errors, one JSON object still, exit 1: counsel round 32)
                errors = json.dumps([d.as_json(args.lang) for d in exc.diagnostics], ensure_ascii=False,
                                    indent=2 if args.pretty else None)
                write(('  "errors": ' + errors.replace("\n", "\n  ") + "\n}\n" if args.pretty
                       else '"errors":' + errors + "}\n").encode("utf-8"))
                _fail(exc, "text", {}, args.lang)  # (and said on standard error, as the text format does)
                return 1
            return _fail_on(args, statuses)
        for n, (at, report) in enumerate(compiled.iter_reports(lines, instants, name, encoding, args.lang,
                                                                args.backend), 1):
            statuses |= {o["status"] for o in report["obligations"]}
            if any(_remedy_undetermined(r) for r in report["remedies"]):  # (as at one instant: fuzz round 44)
                statuses.add("undetermined")
            head = w["section"].format(n=n, of=many, t=instant(report["as_of"], None, args.lang))
            with collector_paused():
                out = render(report, args.lang, inactive=args.inactive)
            del report
            write(("\n" if n > 1 else "") + head + "\n" + out + "\n")
            del out  # (the next report is built without this one, nor its output, alive)
    finally:
        if target:
            target.flush()
        elif binary:
            sys.stdout.buffer.flush()
        else:
            sys.stdout.flush()
    return _fail_on(args, statuses)


def _fact_lines(args) -> tuple[list[str], str, str | None]:
    """The fact file's lines (or standard input's), its name and encoding."""
    from .facts import split_lines  # fact text is split on "\n" only: U+2028 in a JSON string is no line end

    if args.facts == "-":  # (its bytes, decoded as a file's are: not by the locale's codec, which may be GBK or strict)
        from .api import decoded

        stdin = _stdin()
        buffer = getattr(stdin, "buffer", None)
        text, encoding = decoded(buffer.read(), "<stdin>", "facts") if buffer is not None else (stdin.read(), None)
        lines, name = split_lines(text), "<stdin>"
    else:
        from .api import read_text_and_encoding

        text, encoding = read_text_and_encoding(args.facts, "facts")
        lines, name = split_lines(text), args.facts
    return lines, name, encoding


def _watch(args, sources) -> int:
    """`qiyue watch`: a live evaluation (engine.run.session) fed line by line from a file that grows (read
    on from where it was, every --poll seconds) or from standard input; after each burst of lines —
    all that could be read at once — the changes up to the latest fact's instant are printed, and
    the clock steps through each instant something fell due at in between.  A bad line is reported
    as eval reports it and the watch goes on (exit 1 at the end), or stops with --strict."""
    import time

    from .textfile import visible_lines


    compiled = _load(args.rules, sources, args.assume)
    until = _until(args.until) if args.until is not None else None
    stdin = args.facts == "-"
    name = "<stdin>" if stdin else args.facts
    session = compiled.session(name, args.backend)
    json_lines = args.format == "json"
    refused = False

    def emit():
        for change in session.changes(args.lang, partial=True):
            # (JSON Lines: a fact's U+2028, U+0085 or U+202E written as JSON's own escape — the same value — so that a
            # reader splitting lines as str.splitlines() does, or a terminal, meets each change on one line of its own)
            sys.stdout.write(visible(json.dumps(change, ensure_ascii=False)) + "\n" if json_lines
                             else visible_lines([change["text"]]) + "\n")
        sys.stdout.flush()
        if session.failed is not None:  # (what changed before the replay met its error is printed first)
            raise session.failed

    def take(raw: bytes) -> bool:
        """One line of the file; False: stop reading (a fact past --until, or a bad line under --strict)."""
        nonlocal refused
        try:
            text = _line_text(raw, session, name)
            if until is not None and _past(text, until):
                return False
            session.add([text])
        except QiyueError as exc:
            if session.failed is not None:
                raise
            refused = True
            # (what the lines before it changed is printed first: the error of line 5 after the changes of lines 1–4,
            # never before them — in JSON Lines both are on standard output, in the order they happened)
            emit()
            if json_lines:
                sys.stdout.write(json.dumps({"errors": [d.as_json(args.lang) for d in exc.diagnostics]},
                                            ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                sys.stdout.flush()
                print(render_text(exc.diagnostics, sources, args.lang), file=sys.stderr, flush=True)
            return not args.strict
        return True

    going, rest = True, b""
    if stdin:
        chunks = _stdin_chunks(emit)
    else:
        try:
            stream = open(args.facts, "rb")
        except OSError:
            from .api import read_text_and_encoding

            read_text_and_encoding(args.facts, "facts")  # (says why it cannot be read)
            raise
        # --until an instant that has passed: nothing more can be recorded before it, so the watch ends at
        # the file's end (the clock run on to it) instead of waiting for a fact past it
        past = None if until is None else (lambda: datetime.now(timezone.utc) >= until)
        chunks = _file_chunks(stream, emit, args.once, args.poll, time.sleep, past, args.facts,
                              idle=_waiting_note(args, until) if sys.stderr.isatty() else None)
    utf16 = _Utf16Lines()  # (a file saved as UTF-16 with its byte-order mark — eval reads it: so does the watch)
    try:
        for chunk in chunks:
            if chunk is None:  # the end of the input
                break
            if chunk is _AGAIN:  # (the file replaced or cut short: read from its start again, its lines numbered
                rest = b""  # as they are in the file now — a fuzzer: a bad line 3 was called line 5)
                session.lines = 0
                utf16 = _Utf16Lines()
                continue
            chunk = utf16.feed(chunk)
            if not chunk:
                continue
            rest += chunk
            if b"\r" in rest:  # (lines ended by CR alone, as eval reads a file — JSON holds no raw CR; a CR last in
                # what has come is kept back, its LF may follow in the next chunk: fuzz round 34)
                held = rest.endswith(b"\r")
                rest = (rest[:-1] if held else rest).replace(b"\r\n", b"\n").replace(b"\r", b"\n") + (b"\r" if held else b"")
            *lines, rest = rest.split(b"\n")
            for raw in lines:
                going = take(raw)
                if not going:
                    break
            if not going:
                break
        rest += utf16.left()
        if going and rest.strip():  # a last line without its line end
            going = take(rest)
        if refused and args.strict:
            emit()
            return 1
        if until is not None and (session.clock is None or until >= session.clock):
            session.advance(until)
        emit()
    finally:
        if not stdin:
            stream.close()
    return 1 if refused else 0


def _until(text: str):
    """`watch --until`'s instant, read as `--as-of` is, an error naming --until (not --as-of)."""
    from .api import parse_as_of
    from .diagnostics import diag
    from .messages import Msg

    try:
        return parse_as_of(text)
    except QiyueError as exc:
        d = exc.diagnostics[0]
        problem = d.args["problem"] if d.key == "bad_as_of" else Msg(d.key, d.args)
        raise QiyueError([diag("bad_until", problem=problem, expected=["2026-07-20T00:00:00+08:00", "2026-07-20"],
                               did_you_mean=d.did_you_mean)]) from None


class _Utf16Lines:
    """The watch's bytes as UTF-8 where the input begins with a UTF-16 byte-order mark (Notepad's "Unicode"): its
    line ends are b"\\n\\0" or b"\\0\\n", so the lines are split after decoding, not before (split first, each line
    after the first was refused as "not UTF-8, UTF-16 or GB18030").  Any other input passes through as it is."""

    def __init__(self):
        self.head, self.decoder = b"", None
        self.started = False

    def feed(self, chunk: bytes) -> bytes:
        if not self.started:
            self.head += chunk
            if len(self.head) < 2:  # (a byte-order mark is two bytes: wait for the second)
                return b""
            chunk, self.head, self.started = self.head, b"", True
            if chunk[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                self.decoder = codecs.getincrementaldecoder("utf-16")("surrogatepass")
        if self.decoder is None:
            return chunk
        # (a lone surrogate passes as bytes that are not UTF-8: its line is refused as undecodable, as eval's is)
        return self.decoder.decode(chunk).encode("utf-8", "surrogatepass")

    def left(self) -> bytes:
        """What is held at the end: a lone first byte, or half a UTF-16 character (given back as a byte that no
        encoding reads, so that the last line is refused, never dropped without a word)."""
        if not self.started:
            return self.head
        if self.decoder is not None and self.decoder.getstate()[0]:
            return b"\xff"
        return b""


def _line_text(raw: bytes, session, name: str) -> str:
    """A line of the fact file as text (UTF-8, or GB18030 as `eval` reads a file); bytes that are
    neither are refused with the line and column."""
    from .textfile import UndecodableText, decode
    from .api import undecodable

    try:
        return decode(raw, newlines=False, marks=session.lines == 0)[0].rstrip("\r")
    except UndecodableText as exc:
        line = session.lines + 1
        session.lines += 1
        raise QiyueError([undecodable(exc, name, line, "facts")]) from None


def _past(text: str, until) -> bool:
    """Whether a line is a fact later than --until (a line that is not one is left to the session to refuse)."""
    from .facts import parse_instant

    try:
        at = json.loads(text).get("at")
        return parse_instant(at)[0] > until
    except Exception:  # (not a fact: the session says what is wrong with it)
        return False


_AGAIN = object()  # (_file_chunks: the file was replaced or cut short — read it again from its start)


def _waiting_note(args, until):
    """Said once, to a person at a terminal, when the watch has read all there is and waits for more (a new
    contract's author: a watch told --until a day still to come seemed to hang)."""
    def note():
        after = render("word:watch.waiting_until", {"t": until.isoformat()}, args.lang) if until is not None else ""
        print(visible_lines([render("word:watch.waiting", {"file": args.facts, "until": after}, args.lang)]),
              file=sys.stderr, flush=True)
    return note


def _file_chunks(stream, emit, once: bool, poll: float, sleep, done=None, path=None, idle=None):
    """What is written to a file, as it is written (tail -F): the bytes read at each look; between
    looks that find nothing new, the changes so far are printed.  --once: up to the current end;
    ``done()`` true at such a look: the end too (--until an instant already past).  A file replaced under
    its name (an editor's save, a log rotated) or cut short is read again from its start (``_AGAIN`` first:
    a line begun in the old one is dropped); the lines read before are the same facts again, taken once."""
    opened = None
    try:
        while True:
            chunk = stream.read()
            if chunk:
                yield chunk
                continue
            emit()
            if once or (done is not None and done()):
                return
            if idle is not None:
                idle()
                idle = None
            sleep(poll)
            if path is None:
                continue
            try:
                now, held = os.stat(path), os.fstat(stream.fileno())
            except OSError:  # (gone for the moment: the file as it was, until one comes under the name)
                continue
            if (now.st_ino, now.st_dev) != (held.st_ino, held.st_dev):
                try:
                    new = open(path, "rb")
                except OSError:
                    continue
                if opened is not None:
                    opened.close()
                stream = opened = new
                yield _AGAIN
            elif now.st_size < stream.tell():
                stream.seek(0)
                yield _AGAIN
    finally:
        if opened is not None:
            opened.close()


def _stdin_chunks(emit):
    """Standard input, as its bytes come: when nothing more can be read at once, the changes so far
    are printed before waiting for more; None at its end."""
    import os

    stream = _stdin()
    try:
        import select

        fd = stream.buffer.fileno()
        select.select([fd], [], [], 0)
    except (ImportError, OSError, ValueError, AttributeError):  # (no select on this input — an input held in memory,
        # without a descriptor or bytes beneath: `main()` called from Python, fuzz round 44 —: a line at a time)
        raw = getattr(stream, "buffer", None)
        for line in (raw if raw is not None else (x.encode("utf-8", "surrogateescape") for x in stream)):
            yield line
            emit()
        return
    while True:
        if not select.select([fd], [], [], 0)[0]:
            emit()
            select.select([fd], [], [])
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return
        yield chunk


def json_bytes(value, pretty: bool = False) -> bytes:
    """A report as JSON — compact, or indented for people (``pretty``) — non-ASCII as itself, in
    UTF-8.  orjson writes it straight into one buffer: a 150 MB report (20,000 facts each setting off
    duties) takes a fraction of the time and of the memory json.dumps needs to build its pieces."""
    try:
        return _orjson(value, pretty)
    except _Refused:  # (text that is not Unicode — a lone surrogate — escaped as JSON allows)
        return _ascii_json(value, pretty)


class _Refused(Exception):
    """orjson will not write a value (a lone surrogate, nesting past its limit): json.dumps does, in ASCII."""


def _orjson(value, pretty: bool) -> bytes:
    import orjson

    indent = orjson.OPT_INDENT_2 if pretty else 0
    try:
        try:  # (keys that are all text — a report's are — are written a quarter faster without OPT_NON_STR_KEYS)
            return orjson.dumps(value, option=indent, default=str)
        except orjson.JSONEncodeError:
            return orjson.dumps(value, option=indent | orjson.OPT_NON_STR_KEYS, default=str)
    except orjson.JSONEncodeError:
        raise _Refused from None


def _ascii_json(value, pretty: bool) -> bytes:
    return json.dumps(value, ensure_ascii=True, indent=2 if pretty else None, default=str,
                      separators=None if pretty else (",", ":")).encode("ascii")


def write_json(make, target, pretty: bool = False, nested: bool = False) -> None:
    """Write the report ``make()`` returns — its ``report.ROWS`` iterators of rows — to the binary file
    ``target`` piece by piece: the very bytes of ``json_bytes(make(), pretty)`` (``nested``: of
    ``json_bytes({as_of: make()}, pretty)`` without its braces), each row written and dropped as it
    comes, neither the whole report nor the whole text held.  Each piece is encoded at its own depth in
    the report (wrapped in as many one-item lists: orjson's indentation and nesting limit as for the
    whole).  A report orjson refuses somewhere is all written by json.dumps in ASCII, as json_bytes
    writes it: decided before the first byte for all but the rows; for a row, by writing the report
    again from its start (a ``target`` that cannot seek: the rest of it in ASCII)."""
    start = target.tell() if target.seekable() else None
    depth = 1 if nested else 0
    try:  # (what is not a row, all encoded before anything is written: a refusal there is known at once)
        _Pieces(pretty, False, start is None).write_report(make(), depth, nested, target.write)
    except _Refused:
        if start is not None and target.tell() != start:  # a row refused: the report again, from its start
            target.seek(start)
            target.truncate()
        _Pieces(pretty, True).write_report(make(), depth, nested, target.write)


class _Pieces:
    """Values encoded as they stand at some depth of a report: orjson (or, ``ascii``, json.dumps as
    json_bytes falls back to), each wrapped in that many one-item lists and cut out of them.
    ``mixed``: a row orjson refuses is written in ASCII where it stands (the file cannot be written again)."""

    def __init__(self, pretty: bool, ascii: bool, mixed: bool = False):
        self.pretty, self.ascii, self.mixed = pretty, ascii, mixed
        self.written = False  # (nothing written yet: a refusal can still start the report again)
        self._cuts: dict[tuple, tuple[int, int]] = {}

    def piece(self, value, depth: int, ascii: bool | None = None, view: bool = False) -> bytes:
        ascii = self.ascii if ascii is None else ascii
        dumps = _ascii_json if ascii else _orjson
        if depth == 0:
            return dumps(value, self.pretty)
        cut = self._cuts.get((depth, ascii))
        if cut is None:
            bare = dumps(self._wrap(None, depth), self.pretty)
            at = bare.index(b"null")
            cut = self._cuts[depth, ascii] = (at, len(bare) - at - 4)
        out = dumps(self._wrap(value, depth), self.pretty)
        if view:  # (not copied: a row is appended to the buffer written, and dropped)
            return memoryview(out)[cut[0]:len(out) - cut[1]]
        return out[cut[0]:len(out) - cut[1]]

    def row(self, value, depth: int) -> bytes:
        try:
            return self.piece(value, depth, view=True)
        except _Refused:
            if not (self.mixed and self.written):
                raise
            return self.piece(value, depth, ascii=True, view=True)

    def _rows_at(self, depth: int):
        """``row`` at ``depth`` as one function of the row: orjson called straight — the row wrapped,
        its bytes cut out as ``piece`` cuts them — and ``row`` itself only for a row orjson refuses
        that way (it tries again as ``_orjson`` does, then in ASCII)."""
        if self.ascii or depth == 0:
            return lambda value: self.row(value, depth)
        import orjson

        dumps, option, refused = orjson.dumps, orjson.OPT_INDENT_2 if self.pretty else 0, orjson.JSONEncodeError
        self.piece(None, depth)  # (its cut, found once)
        head, tail = self._cuts[depth, False]

        def encoded(value):
            wrapped = value
            for _ in range(depth):
                wrapped = [wrapped]
            try:
                out = dumps(wrapped, option=option, default=str)
            except refused:
                return self.row(value, depth)
            return memoryview(out)[head:len(out) - tail]
        return encoded

    def write_report(self, report: dict, depth: int, nested: bool, write) -> None:
        """``report`` at ``depth`` (``nested``: as the value of its own ``as_of``)."""
        from collections.abc import Generator  # (not types.GeneratorType: a compiled module's generators are Generators too)

        items = [(self.piece(k, 0), v if isinstance(v, Generator) else self.piece(v, depth + 1))
                 for k, v in report.items()]
        key = self.piece(report["as_of"], 0) if nested else None
        del report
        self.write_dict(items, key, depth, write)

    @staticmethod
    def _wrap(value, depth):
        for _ in range(depth):
            value = [value]
        return value

    def write_dict(self, items, key, depth: int, write) -> None:
        """``{k: v, …}`` at ``depth`` (``key``: preceded by it, as a value of the object around it)."""
        pretty = self.pretty
        buf = bytearray()
        if key is not None:
            buf += (b"  " * depth + key + b": ") if pretty else key + b":"
        if not items:
            buf += b"{}"
        inner = b"\n" + b"  " * (depth + 1)
        for n, (k, v) in enumerate(items):
            buf += (b"{" if n == 0 else b",") + (inner if pretty else b"")
            buf += k
            buf += b": " if pretty else b":"
            if type(v) is bytes:
                buf += v
                continue
            rows = 0
            item = b"\n" + b"  " * (depth + 2)
            encoded = self._rows_at(depth + 2)
            for row in v:  # (a row: built, encoded, written, dropped)
                buf += (b"[" if rows == 0 else b",") + (item if pretty else b"")
                buf += encoded(row)
                rows += 1
                if len(buf) > 1 << 20:
                    write(buf)
                    self.written = True
                    buf = bytearray()
            buf += b"[]" if rows == 0 else (inner + b"]" if pretty else b"]")
        if items:
            buf += (b"\n" + b"  " * depth + b"}") if pretty else b"}"
        write(buf)


def _fail(exc: QiyueError, fmt: str, sources: dict[str, str], lang: str = "zh", one_line: bool = False):
    """Bad input: its diagnostics, as JSON on standard output (``one_line``: one JSON line, as watch's JSON Lines)
    or as text on standard error, in ``lang``."""
    if fmt == "json":
        print(json.dumps({"errors": [d.as_json(lang) for d in exc.diagnostics]}, ensure_ascii=False,
                         indent=None if one_line else 2))
    else:
        print(render_text(exc.diagnostics, sources, lang), file=sys.stderr)


def run() -> None:
    """The command (the `qiyue` script and `python -m engine.cli`): ``main``, its output flushed, then the
    process ends at once.  What the command built — a hundred thousand facts and their report — is not freed
    object by object on the way out (a tenth of a second of a 2-second run); every file the command wrote is
    closed by then.  Where the last flush fails, the interpreter's own exit says so, as it did before."""
    import os

    rc = main()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # (a closed or full standard output: left to the usual exit, which reports it)
        sys.exit(rc)
    os._exit(0 if rc is None else rc if isinstance(rc, int) else 1)


if __name__ == "__main__":  # pragma: no cover
    run()
