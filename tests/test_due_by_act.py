"""`due by MOMENT as act` (`最迟于 MOMENT 顺延`): the days a suspension or an agreed extension adds to a deadline the
contract names as a point are a period to act in — its last day on a rest day moves to the next working day
(民法典第203条) — while the point itself, as the parties named it, is never moved (`working_day_from( )` moves it).
Without it, or with `as term`, the lengthened end is not moved either (freight 3.2, subcontract 3.2: "不顺延").
The loan of round 15: 10.1 "发放期限自不可抗力发生之时中止，自不可抗力消除之时继续计算".  Calendar (国办发明电〔2024〕
12号): Sat 2025-09-06 / Sun 09-07 rest; Sun 09-28 and Sat 10-11 make-up working days; 10-01 … 10-08 National Day."""
from __future__ import annotations

import pytest

from engine.api import compile_rules
from seedfacts import lines, on_both_backends

RULES = '''contract "T-BY" "测试合同" { calendar official }
party 甲方 "贷款人" as lender
party 乙方 "借款人" as borrower
event requested "提款申请" { day: date "提款日" }
event paid "划款" { ref: ref (requested) "所涉申请" }
event fm "不可抗力"
event fm_end "不可抗力消除" { ref: ref (fm) "所涉不可抗力" }
event granted "同意延期" { ref: ref (requested) "所涉申请"  days: int 1..30 "天数" }
clause "1" "发放" {
  obligation pay "按期发放" {
    debtor 甲方
    creditor 乙方
    for each requested r
    fulfilled by paid p where p.ref == r.id
    due by day_end(r.day) COUNTING
    suspended by fm f until fm_end e where e.ref == f.id
    extended by granted g where g.ref == r.id for g.days days
  }
}
'''


def rules(counting):
    return compile_rules(RULES.replace("COUNTING", counting), "by.qy")


def t(day, hm="10:00"):
    return f"{day}T{hm}:00+08:00"


def due(counting, facts, as_of="2025-11-30"):
    report = on_both_backends(rules(counting), lines(facts), as_of)
    (o,) = report["obligations"]
    return o["status"], o["due"], o["because"]


REQUEST = {"id": "r", "type": "requested", "at": t("2025-09-01"), "day": "2025-09-04"}
FM = [{"id": "f", "type": "fm", "at": t("2025-09-03", "09:00")},
      {"id": "e", "type": "fm_end", "at": t("2025-09-05", "15:00"), "ref": "f"}]


@pytest.mark.parametrize("counting, status, last", [
    ("as act", "fulfilled", "2025-09-09"), ("顺延", "fulfilled", "2025-09-09"),
    ("", "violated", "2025-09-08"), ("as term", "violated", "2025-09-08"), ("不顺延", "violated", "2025-09-08")])
def test_a_pause_moves_the_end_off_the_sunday_only_as_act(counting, status, last):
    """Due 24:00 Thu 09-04; paused 09-03 09:00 … 09-05 15:00 (54 hours: three days begun) → 24:00 Sun 09-07; as act
    → Mon 09-08 (a payment on 09-08 10:00 in time); else not moved, and the payment is late."""
    got = due(counting, [REQUEST, *FM, {"id": "p", "type": "paid", "at": t("2025-09-08"), "ref": "r"}])
    assert got[:2] == (status, f"{last}T00:00:00+08:00")
    if counting in ("as act", "顺延"):
        assert any("民法典第203条" in line and "2025年9月7日" in line for line in got[2])


def test_the_point_itself_is_not_moved():
    """A drawdown day that is a Sunday (09-07): due 24:00 09-07 as named, `as act` or not — a payment Mon 09-08 late."""
    request = dict(REQUEST, day="2025-09-07")
    for counting in ("as act", ""):
        assert due(counting, [request, {"id": "p", "type": "paid", "at": t("2025-09-08"), "ref": "r"}])[:2] == \
            ("violated", "2025-09-08T00:00:00+08:00")


def test_an_extension_of_days_lands_on_a_make_up_sunday():
    """Extended by 24 days from Thu 09-04 → Sun 09-28, a make-up working day: not moved, as act or not."""
    grant = {"id": "g", "type": "granted", "at": t("2025-09-02"), "ref": "r", "days": 24}
    for counting in ("as act", ""):
        assert due(counting, [REQUEST, grant])[:2] == ("violated", "2025-09-29T00:00:00+08:00")


def test_an_extension_into_national_day_moves_past_it_as_act():
    """Extended by 27 days → Wed 10-01, National Day: as act → Thu 10-09 (10-01 … 10-08 off); else 24:00 10-01."""
    grant = {"id": "g", "type": "granted", "at": t("2025-09-02"), "ref": "r", "days": 27}
    assert due("as act", [REQUEST, grant])[:2] == ("violated", "2025-10-10T00:00:00+08:00")
    assert due("", [REQUEST, grant])[:2] == ("violated", "2025-10-02T00:00:00+08:00")


def test_a_due_by_within_a_day_is_lengthened_exactly():
    """`due by r.at + 30 hours` has no last day: paused 54 hours, it moves by exactly 54 hours, as act or not."""
    text = RULES.replace("due by day_end(r.day) COUNTING", "due by r.at + 50 hours as act")
    report = on_both_backends(compile_rules(text, "by.qy"), lines([REQUEST, *FM]), "2025-11-30")
    assert report["obligations"][0]["due"] == "2025-09-05T18:00:00+08:00"


def test_chinese_spellings_and_the_length_word():
    """`最迟于 X 顺延` is `due by X as act`; an extension's `顺延 x.days 日` after a value still reads as its length word
    (the same characters); `as act` in its place is a syntax error naming the word expected."""
    from engine.diagnostics import QiyueError
    zh = RULES.replace("due by day_end(r.day) COUNTING", "最迟于 当日结束(r.day) 顺延").replace(
        "extended by granted g where g.ref == r.id for g.days days", "延期事件 granted g 满足 g.ref == r.id 顺延 g.days 日")
    got = due_text = on_both_backends(compile_rules(zh, "zh.qy"), lines([REQUEST, *FM, {
        "id": "p", "type": "paid", "at": t("2025-09-08"), "ref": "r"}]), "2025-11-30")
    assert got["obligations"][0]["status"] == "fulfilled", due_text
    bad = RULES.replace("COUNTING", "").replace("for g.days days", "as act g.days days")
    with pytest.raises(QiyueError) as exc:
        compile_rules(bad, "bad.qy")
    assert "顺延 / for" in str(exc.value.diagnostics[0].expected) or "顺延 / for" in exc.value.render("zh")
