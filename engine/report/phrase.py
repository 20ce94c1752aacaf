"""A phrase of the rule file (engine/lang/phrase.py) in words: Chinese with the rule file's labels,
or in English as the rule file writes it.

    存在提交银行保函（用途为预付款保函，且保函金额不低于第三期款（30%），且有效期至晚于服务期的最后一日）
    甲方付款（期次为3）的付款金额合计不低于第三期款（30%）
    自开展运维服务之时起2个月已届满

Nothing here decides anything: it words what the rule file says, each operator by its meaning
(``>=`` of two amounts 不低于, of two moments 不早于), an attribute by its label, a value of a
closed list by its label.  A node it does not know is worded as written.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

_UNIT_ZH = {"minutes": "分钟", "hours": "小时", "days": "日", "working_days": "个工作日", "weeks": "周",
            "months": "个月", "years": "年"}
_STAGE_ZH = {"triggered": "已触发", "fulfilled": "已履行", "violated": "已违约", "excused": "已免除",
             "performed_late": "已逾期履行"}
_ENGINE_ATTR_ZH = {"time": "时间", "day": "日期", "due": "期限", "triggered_at": "触发时间", "fulfilled_at": "履行时间",
                   "trigger": "触发事实", "debtor": "债务人", "creditor": "债权人", "by": "履行所凭的事实",
                   "start": "开始", "end": "结束", "last_day": "最后一日", "first_day": "第一日", "id": "编号",
                   "label": "名称", "period": "期间", "source": "所据事实",
                   "source_at": "所据事实的时间"}
_CMP_ZH = {"==": "为", "!=": "不为", ">=": "不低于", "<=": "不超过", ">": "超过", "<": "低于"}
_CMP_TIME_ZH = {"==": "为", "!=": "不为", ">=": "不早于", "<=": "不晚于", ">": "晚于", "<": "早于"}
_CALL_ZH = {"min": "较小者", "max": "较大者", "earliest": "较早者", "latest": "较晚者"}
_ROUND_ZH = {"round": "四舍五入", "round_up": "向上取整", "round_down": "向下取整"}
_PLACE_ZH = {"day_end": "{x}当日24时", "month_end": "{x}所在月的最后一日24时", "quarter_end": "{x}所在季度的最后一日24时",
             "year_end": "{x}所在年的最后一日24时", "working_day_from": "{x}（遇休息日、法定节假日顺延至其后第一个工作日）24时",
             "working_day_until": "{x}（遇休息日、法定节假日提前至其前最近的工作日）24时",
             "day_of_month": "{x}所在月的第{n}日24时", "day_of_next_month": "{x}所在月的次月第{n}日24时",
             "working_day_of_month": "{x}所在月的第{n}个工作日24时",
             "working_day_of_next_month": "{x}所在月的次月第{n}个工作日24时"}
# (a period's start or end as the instant a place is counted from: 本期结束之日所在月的次月第10日, not 本期的结束次月第10日 —
# contract round 39)
_EDGE_DAY_ZH = (("的结束", "结束之日"), ("的开始", "开始之日"), ("结束", "结束之日"), ("开始", "开始之日"))


def words(tree: tuple, lang: str = "zh", text: str = "") -> str:
    """A phrase in words: Chinese from the tree; English as the rule file writes it (``text``)."""
    if lang != "zh":
        return text
    try:
        return _zh(tree)
    except Exception:  # (a shape not foreseen: as written)
        return text


def _zh(t: tuple, nested: bool = False) -> str:
    code = t[0]
    if code == "src":
        return t[1]
    if code == "lit":
        return _literal(t[1], t[2], t[3])
    if code == "name":
        return _name(t)
    if code == "type":
        return _type(t)
    if code == "alias":
        return "其" if t[3] else f"该{_type(t[2])}"
    if code == "attr":
        return _attr(t)
    if code == "cmp":
        op, left, right, kind = t[1], t[2], t[3], t[4]
        said = (_CMP_TIME_ZH if kind == "time" else _CMP_ZH)[op]
        return f"{_zh(left, True)}{said}{_zh(right, True)}"
    if code in ("and", "or"):
        join = "，且" if code == "and" else "，或"
        inner = join.join(_zh(i, True) for i in t[1])
        return f"（{inner}）" if nested and len(t[1]) > 1 else inner
    if code == "not":
        return _not(t[1])
    if code == "is":
        return f"{_zh(t[1], True)}为{'是' if t[2] else '否'}"
    if code == "exists":
        return f"存在{_pattern(t[1])}"
    if code == "count":
        return f"{_pattern(t[1])}的数量"
    if code == "sum":
        return f"{_pattern(t[2])}的{_zh(t[1], True)}合计"
    if code == "mean":
        return f"{_pattern(t[2])}的{_zh(t[1], True)}平均值"
    if code == "consecutive":
        unit = {"weeks": "周", "months": "月", "quarters": "季度", "years": "年"}.get(t[3] if len(t) > 3 else "", "")
        return f"{_pattern(t[2])}的{_zh(t[1], True)}（连续{unit}数）" if unit else f"{_pattern(t[2])}的{_zh(t[1], True)}（连续计）"
    if code == "first":
        return f"首次{_pattern(t[1])}"  # (the first such fact: “首次下单”, “首次合同生效” — not “首个合同”)
    if code == "passed":
        return f"自{_zh(t[2], True)}起{_duration(t[1])}已届满"
    if code == "end_of":
        return f"{_zh(t[2], True)}后{_duration(t[1])}届满之时"
    if code == "day_after":
        return f"{_zh(t[2], True)}后第{t[1]}日"
    if code == "duration":
        return _duration(t)
    if code == "call":
        return _call(t[1], t[2])
    if code == "arith":  # (inside another phrase — an argument, a side of a comparison —: bracketed)
        return _arith(t, 9 if nested else 0)
    if code == "percent_of":
        return f"{_zh(t[2], True)}的{t[1]}"
    if code == "share_of":
        return f"{_zh(t[2], True)}的{_zh(t[1], True)}"
    if code == "if":
        said = f"如{_zh(t[1], True)}，则为{_zh(t[2], True)}，否则为{_zh(t[3], True)}"
        return f"（{said}）" if nested else said
    if code == "row":
        return f"{t[1] or '表'}中第{_zh(t[2], True)}行"
    if code == "pattern":
        return _pattern(t)
    raise ValueError(code)


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "×": 2, "÷": 2}
_ARITH_SIGN = {"+": "+", "-": "−", "*": "×", "/": "÷", "×": "×", "÷": "÷"}


def _arith(t: tuple, outer: int, right_side: bool = False) -> str:
    """A computation with the signs a formula is read with (+ − × ÷), bracketed only where the order of
    operations needs it: 月服务费 × 得分 ÷ 90."""
    op, left, right = t[1], t[2], t[3]
    if right[0] == "duration" and op in ("+", "-"):  # (a moment and a length: 最后一日后3个月)
        return f"{_zh(left, True)}{'后' if op == '+' else '前'}{_duration(right)}"
    mine = _PRECEDENCE.get(op, 3)

    def side(x, is_right):
        return _arith(x, mine, is_right) if x[0] == "arith" and not (x[3][0] == "duration" and x[1] in "+-") \
            else _zh(x, True)
    inner = f"{side(left, False)} {_ARITH_SIGN.get(op, op)} {side(right, True)}"
    return f"（{inner}）" if mine < outer or (mine == outer and right_side) else inner


def _literal(kind: str, value, label: str | None) -> str:
    if label:
        return label
    if kind == "money":
        d = Decimal(value)
        return f"¥{d:,.2f}" if -d.normalize().as_tuple().exponent <= 2 else f"¥{d:,}"
    if kind == "percent":
        return f"{(Decimal(value) * 100).normalize():f}%"
    if kind == "date" and isinstance(value, (date, datetime)):
        return f"{value.year}年{value.month}月{value.day}日"
    if kind == "bool":
        return "是" if value else "否"
    if kind == "text":
        return f"“{value}”"
    return str(value)


def _name(t: tuple) -> str:
    role, name, label = t[1], t[2], t[3]
    if role == "ended":
        return "合同终止之时"
    if role == "every":
        return "本期"
    if role == "fact":
        return "该事实"
    if role == "assumption":
        said = label or name
        return f"假定{said}" if said[:1] in "“《「" else f"假定“{said}”"
    return label or name


def _type(t: tuple) -> str:
    name, label, stage = t[1], t[2], t[3]
    said = label or name
    return f"{said}（{_STAGE_ZH.get(stage, stage)}）" if stage else said


def _owner(t: tuple) -> str:
    """What an attribute belongs to, with 的 — nothing for the fact the sentence is about."""
    if t[0] == "alias" and t[3]:
        return ""
    if t[0] == "attr" and t[2] == "at":  # (`d.at.day`: the day of that fact)
        return _owner(t[1])
    return f"{_zh(t, True)}的"


def _attr(t: tuple) -> str:
    owner, name, label, engine = t[1], t[2], t[3], t[4]
    said = label or _ENGINE_ATTR_ZH.get(engine or "", name)
    if owner[0] == "alias" and owner[3]:  # (the fact the pattern is about: 用途为…; 其时间 for the engine's own)
        return f"其{said}" if engine and not label else said
    return f"{_owner(owner)}{said}"


def _pattern(p: tuple) -> str:
    sources = "与".join(_type(s) for s in p[1])
    return f"{sources}（{_zh(p[2])}）" if p[2] is not None else sources


def _duration(t: tuple) -> str:
    amount, unit = t[1], t[2]
    if isinstance(amount, tuple):
        return _zh(amount, True) + (_UNIT_ZH.get(unit, "") if unit else "")
    return f"{amount}{_UNIT_ZH.get(unit, unit or '')}"


def _not(x: tuple) -> str:
    if x[0] == "exists":
        return f"不存在{_pattern(x[1])}"
    if x[0] == "call" and x[1] == "present" and len(x[2]) == 1:
        if x[2][0][0] == "alias" and not x[2][0][3]:  # (a rule's own alias: which `for each` line gave this match)
            return f"本项并非源自{_type(x[2][0][2])}"
        return "合同尚未终止" if x[2][0][:2] == ("name", "ended") else f"未写明{_zh(x[2][0], True)}"
    if x[0] == "call" and x[1] == "triggered" and len(x[2]) == 1:
        return f"{_zh(x[2][0], True)}未触发"
    return f"并非{_zh(x, True)}" if x[0] in ("and", "or") else f"并非“{_zh(x)}”"


def _call(fn: str, args: tuple) -> str:
    said = [f"（{_zh(a, True)}）" if a[0] == "call" and a[1] in _CALL_ZH else _zh(a, True) for a in args]
    if fn == "present" and len(args) == 1:
        if args[0][0] == "alias" and not args[0][3]:  # (a rule's own alias, bound by one of its `for each` lines
            return f"本项源自{_type(args[0][2])}"  # only: the match came from that line — not a value "written")
        return "合同已终止" if args[0][:2] == ("name", "ended") else f"已写明{said[0]}"
    if fn == "triggered" and len(args) == 1:
        return f"{said[0]}已触发"
    if fn == "day_alone" and len(args) == 1:
        return f"{said[0]}只记载了日期"
    if fn == "open" and len(args) == 1:
        return f"{said[0]}尚未了结"
    if fn == "accrued" and len(args) == 1:
        return f"{said[0]}已计金额"
    if fn in _CALL_ZH:
        return f"{'与'.join(said)}中的{_CALL_ZH[fn]}"
    if fn in _ROUND_ZH and said:  # (to the step the rule names: round(x, 0.1) 四舍五入至0.1)
        return f"{said[0]}（{_ROUND_ZH[fn]}至{said[1]}）" if len(said) > 1 else f"{said[0]}（{_ROUND_ZH[fn]}）"
    if fn in _PLACE_ZH and said:  # (a place of a place — 顺延 of 当月第20日 —: its 24时 said once, at the end)
        x = said[-1][:-3] if said[-1].endswith("24时") else said[-1]
        for edge, day in _EDGE_DAY_ZH:
            if x.endswith(edge):
                x = x[:-len(edge)] + day
                break
        return _PLACE_ZH[fn].format(x=x, n=said[0] if len(said) == 2 else "")
    if fn == "other" and len(said) == 1:
        return f"{said[0]}的对方"
    return f"{fn}（{'，'.join(said)}）"
