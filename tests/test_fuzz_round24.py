"""Fuzz round 24: the input boundaries — fact streams as real exports arrive them (a byte-order mark, CRLF, CR alone, a
last line without its line end, blank lines and lines of spaces, Ctrl-Z at the end, full-width digits and ¥, text in
other Unicode forms, offsets other than +08:00, 24:00 and 23:59:60, days that do not exist, ids alike but for case or
Unicode form, references to a later fact and to itself, 100,000 facts at one instant), `--as-of` lists and the command's
files, calendar files, and the Python API with wrong types.

What was found (each fixed in this round, /tmp/fuzz24.patch; the plain tests fail before it):

1. A UTF-8 fact file whose only characters beyond ASCII are the ¥ of an amount — `"amount": "¥3,490,000.00"`, the
   README's own form of money — or full-width forms (`¥１，０００．００`, `（`) was refused as "reads as UTF-8 and as GBK:
   which encoding cannot be told" (the bytes of ¥ are GBK's 楼).  The amount's own error (full-width digits) never
   came.  Chinese typography now counts as Chinese for the encoding, as a Chinese character does (engine/textfile.py).
2. One id written two ways that look the same — "café" with é (NFC) and with e + U+0301 (NFD), 不 and the
   compatibility ideograph U+F967 — was taken for two facts shown alike (two duties, each "set off by café"), or, with
   other content, for two facts and no conflict.  Now `conflicting_id` says so with the code points; a `ref … ahead`
   written the other way names the id (it was silently a fact still to come).
3. A word of a text attribute (`subject: text (不可抗力 "…", 其他 "…")`) written with compatibility ideographs was
   silently another word: `for each go g where g.subject == "不可抗力"` never arose — `inactive` where `violated` is
   right.  Refused now, naming the characters; a `one of` word so written said "Input should be '不可抗力' or '其他'" of
   a value that reads 不可抗力, and now says which characters differ.
4. A calendar file listing a Monday–Friday date under `workdays` (a make-up working day, 调休上班, is always a Saturday
   or a Sunday — chinese-calendar's 150 of 2004–2026 all are) was taken silently: a mistyped date, and the Saturday the
   notice named counted as a rest day.  Refused now (`bad_calendar_file`).
5. Full-width digits in a time (`"at": "２０２５-07-03T10:00:00+08:00"`, `--as-of ２０２５-12-31`) were "not an ISO-8601
   time"; now said as an amount's are: '２' is not a digit 0-9.
6. A line holding a character one cannot see where JSON must start — Ctrl-Z (U+001A), the end mark old DOS tools add,
   a no-break or ideographic space between keys — was "line 3 is not valid JSON: Expecting value at column 1" of a
   line that looks empty; now it names the code point.
"""
import json
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import qiyue
from engine.api import compile_file, compile_rules
from engine.diagnostics import QiyueError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "gzmz-2025-it-ops.qy"
CLEAN = ROOT / "facts" / "clean-year.jsonl"
SIGNED = '{"id": "f-001", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}'
APPLIED = ('{"id": "p1", "type": "payment_application_received", "at": "2025-07-03T10:00:00+08:00", "installment": 1, '
           '"amount": "%s"}')


def qiyue_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "engine.cli", *map(str, args)], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def seed():
    return compile_file(SEED)


def errors(call):
    with pytest.raises(QiyueError) as info:
        call()
    return info.value.diagnostics


SMALL = textwrap.dedent('''\
    contract "T" { calendar official }
    party 甲方 "A"
    party 乙方 "B"
    event go "go" { kind: one of (不可抗力 "不可抗力", 其他 "其他") optional  subject: text (不可抗力 "不可抗力", 其他 "其他") optional }
    event done "done" { r: ref optional ahead }
    clause "1" {
      obligation o { debtor 甲方 creditor 乙方 for each go g where g.subject == "不可抗力"
                     fulfilled by done d where d.r == g.id within 2 working days }
    }
    ''')


def go(fid, at="2026-03-02T10:00:00+08:00", **attrs):
    return json.dumps({"id": fid, "type": "go", "at": at, **attrs}, ensure_ascii=False)


# ------------------------------------------------------------------ 1. ¥ and full-width forms in a UTF-8 file

@pytest.mark.parametrize("amount", ["¥1,000.00", "¥3,490,000.00"])
def test_a_utf8_fact_file_whose_only_chinese_is_the_yen_of_an_amount_is_read(tmp_path, seed, amount):
    facts = tmp_path / "f.jsonl"
    facts.write_bytes((SIGNED + "\n" + APPLIED % amount + "\n").encode("utf-8"))
    report = qiyue.evaluate(seed, facts, "2025-09-01").as_dict()
    assert report["contract_life"]["effective"] == "2025-06-27T10:00:00+08:00"
    proc = qiyue_cli("eval", SEED, "--facts", facts, "--as-of", "2025-09-01", "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("amount,char", [("¥１，０００．００", "１"), ("１０００.00", "１")])
def test_full_width_money_in_a_utf8_file_is_refused_as_money_not_as_an_encoding(tmp_path, amount, char):
    facts = tmp_path / "f.jsonl"
    facts.write_bytes((SIGNED + "\n" + APPLIED % amount + "\n").encode("utf-8"))
    proc = qiyue_cli("eval", SEED, "--facts", facts, "--as-of", "2025-09-01", "--lang", "en")
    assert proc.returncode == 1
    assert "bad_attribute" in proc.stderr and f"{char!r} is not a digit 0-9" in proc.stderr, proc.stderr
    assert ":2:" in proc.stderr and "encoding" not in proc.stderr


def test_a_calendar_file_with_a_full_width_year_is_refused_for_its_year(tmp_path):
    (tmp_path / "c.toml").write_text('[year."２０２７"]\nsource = "x"\nholidays = []\nworkdays = []\n', encoding="utf-8")
    (tmp_path / "t.qy").write_text('contract "T" { calendar file "c.toml" }\nparty 甲方 "a" as buyer\n'
                                   'party 乙方 "b" as supplier\nevent e "e"\n', encoding="utf-8")
    (d,) = errors(lambda: compile_file(tmp_path / "t.qy"))
    assert d.code == "bad_calendar_file" and "four-digit year" in d.as_json("en")["message"]


def test_gbk_that_reads_as_greek_in_utf8_is_still_refused_as_ambiguous(tmp_path):
    """(The guard the change keeps: 通知 in GBK is ֪ͨ in UTF-8 — neither Chinese nor its typography.)"""
    facts = tmp_path / "f.jsonl"
    facts.write_bytes((SIGNED[:-1] + ', "note": "通知"}\n').encode("gbk"))
    proc = qiyue_cli("eval", SEED, "--facts", facts, "--as-of", "2025-09-01", "--lang", "en")
    assert proc.returncode == 1 and "cannot be told" in proc.stderr, proc.stderr


# ------------------------------------------------------------------ 2. one id written two ways

@pytest.mark.parametrize("first,second,codes", [
    ("caf\u00e9", "cafe\u0301", "U+0065 U+0301 against U+00E9"),
    ("\u4e0d1", "\uf9671", "U+F967 against U+4E0D"),
    ("\uf9671", "\u4e0d1", "U+4E0D against U+F967")])
def test_one_id_written_in_two_unicode_forms_is_refused_not_two_facts(first, second, codes):
    rules = compile_rules(SMALL, "t.qy")
    for other in ({"subject": "不可抗力"}, {"subject": "其他"}):  # (the same content, and another)
        (d,) = errors(lambda: rules.evaluate([go(first, subject="不可抗力"), go(second, **other)], "2026-06-01"))
        assert (d.code, d.span.line) == ("conflicting_id", 2)
        assert codes in d.as_json("en")["message"] and codes.split(" against ")[0] in d.as_json("zh")["message"]
        assert d.hint and d.as_json("zh")["hint"] != d.as_json("en")["hint"]


def test_one_id_written_two_ways_is_refused_by_a_live_session_too():
    session = compile_rules(SMALL, "t.qy").session("f.jsonl")
    session.add(go("caf\u00e9", subject="不可抗力"))
    (d,) = errors(lambda: session.add(go("cafe\u0301", at="2026-03-05T10:00:00+08:00", subject="不可抗力")))
    assert d.code == "conflicting_id" and d.span.line == 2


def test_a_reference_ahead_written_in_another_form_names_the_id():
    rules = compile_rules(SMALL, "t.qy")
    done = '{"id": "d1", "type": "done", "at": "2026-03-03T10:00:00+08:00", "r": "cafe\\u0301"}'
    (d,) = errors(lambda: rules.evaluate([go("caf\u00e9", subject="不可抗力"), done], "2026-06-01"))
    assert d.code == "unknown_ref" and d.did_you_mean == "caf\u00e9"


def test_ids_alike_but_for_case_stay_two_facts_and_a_reference_ahead_to_a_missing_id_is_no_error():
    """(Guards: `A1` and `a1` are two ids; `ref ahead` may name a fact still to come — docs/language.md.)"""
    rules = compile_rules(SMALL, "t.qy")
    report = rules.evaluate([go("A1", subject="不可抗力"), go("a1", subject="不可抗力"),
                             '{"id": "d1", "type": "done", "at": "2026-03-03T10:00:00+08:00", "r": "zzz"}'], "2026-06-01")
    assert sorted(o["trigger"] for o in report["obligations"]) == ["A1", "a1"]


# ------------------------------------------------------------------ 3. a word written with compatibility ideographs

def test_a_text_word_written_with_compatibility_ideographs_is_refused_not_another_word():
    rules = compile_rules(SMALL, "t.qy")
    assert rules.evaluate([go("g1", subject="不可抗力")], "2026-06-01")["obligations"][0]["status"] == "violated"
    assert rules.evaluate([go("g1", subject="别的")], "2026-06-01")["obligations"][0]["status"] == "inactive"
    (d,) = errors(lambda: rules.evaluate([go("g1", subject="\uf967可抗\uf98a")], "2026-06-01"))
    assert d.code == "bad_attribute" and "U+F967 U+F98A" in d.as_json("en")["message"]
    assert "U+F967 U+F98A" in d.as_json("zh")["message"] and "NFC" in d.as_json("zh")["message"]


def test_a_one_of_word_written_with_compatibility_ideographs_says_which_characters():
    (d,) = errors(lambda: compile_rules(SMALL, "t.qy").evaluate([go("g1", kind="\uf967可抗\uf98a")], "2026-06-01"))
    assert d.code == "bad_attribute" and "U+F967 U+F98A" in d.as_json("en")["message"]


# ------------------------------------------------------------------ 4. a make-up working day on a weekday

CAL_RULES = 'contract "T" { calendar file "c.toml" }\nparty 甲方 "a" as buyer\nparty 乙方 "b" as supplier\nevent e "e"\n'


@pytest.mark.parametrize("workday,refused", [("2027-01-05", True), ("2027-01-09", False), ("2027-01-10", False)])
def test_a_make_up_working_day_on_a_weekday_is_refused(tmp_path, workday, refused):
    (tmp_path / "c.toml").write_text(f'[year.2027]\nsource = "x"\nholidays = []\nworkdays = ["{workday}"]\n',
                                     encoding="utf-8")
    (tmp_path / "t.qy").write_text(CAL_RULES, encoding="utf-8")
    if not refused:
        compile_file(tmp_path / "t.qy")
        return
    (d,) = errors(lambda: compile_file(tmp_path / "t.qy"))
    assert d.code == "bad_calendar_file" and (d.span.line, d.span.column) == (1, 30)
    assert "2027-01-05 is a Tuesday" in d.as_json("en")["message"] and "星期二" in d.as_json("zh")["message"]
    assert "year.2027.workdays" in d.as_json("en")["message"]


@pytest.mark.parametrize("body", [
    # (a day listed twice was read here; it is refused since fuzz round 36 — a date written twice is most likely its
    # neighbour mistyped, the notice's other day then missing: tests/test_fuzz_round36.py)
    '[year.2027]\nsource = "x"\nholidays = ["2027-01-02"]\nworkdays = []\n',  # a Saturday as a holiday
    '\ufeff[year.2027]\r\nsource = "国务院办公厅通知"\r\nholidays = [2027-01-01]\r\nworkdays = []',  # BOM, CRLF, a TOML date
])
def test_calendar_files_as_people_write_them_are_read(tmp_path, body):
    (tmp_path / "c.toml").write_text(body, encoding="utf-8")
    (tmp_path / "t.qy").write_text(CAL_RULES, encoding="utf-8")
    compile_file(tmp_path / "t.qy")


# ------------------------------------------------------------------ 5, 6. full-width digits in a time; unseen characters

@pytest.mark.parametrize("at", ["２０２５-07-03T10:00:00+08:00", "２０２５-07-03"])
def test_full_width_digits_in_a_time_are_said(seed, at):
    (d,) = errors(lambda: seed.evaluate([SIGNED, (APPLIED % "1.00").replace("2025-07-03T10:00:00+08:00", at)],
                                        "2025-09-01"))
    assert d.code == "bad_time" and "'２' is not a digit 0-9" in d.as_json("en")["message"]
    assert "半角阿拉伯数字" in d.as_json("zh")["message"]
    proc = qiyue_cli("eval", SEED, "--facts", CLEAN, "--as-of", "２０２５-12-31")
    assert proc.returncode == 1 and "bad_as_of" in proc.stderr and "不是半角阿拉伯数字" in proc.stderr


@pytest.mark.parametrize("line,code_point,column", [
    ("\x1a", "U+001A", 1), ('{"id":\u00a0"g1"}', "U+00A0", 7), ('{"id": "g1",\u3000"type": "go"}', "U+3000", 13)])
def test_a_character_one_cannot_see_where_json_goes_on_is_named(line, code_point, column):
    (d,) = errors(lambda: compile_rules(SMALL, "t.qy").evaluate([go("g0"), line], "2026-06-01"))
    assert (d.code, d.span.line) == ("bad_json", 2)
    assert code_point in d.as_json("en")["message"] and code_point in d.as_json("zh")["message"]
    assert f"column {column}" in d.as_json("en")["message"]


# ------------------------------------------------------------------ guards: what was already right

def _report(seed, facts, as_of="2026-07-20"):
    report = qiyue.evaluate(seed, facts, as_of).as_dict()
    return report["obligations"], report["events"], report["remedies"], report["contract_life"]


def test_an_export_with_bom_crlf_blank_lines_and_no_last_line_end_is_the_clean_report(tmp_path, seed):
    lines = CLEAN.read_text(encoding="utf-8").splitlines()
    messy = "\ufeff" + "\r\n".join(lines[:3] + ["", "   ", "\t", "\u3000"] + lines[3:])  # (no line end at the end)
    (tmp_path / "crlf.jsonl").write_bytes(messy.encode("utf-8"))
    (tmp_path / "cr.jsonl").write_bytes("\r".join(lines).encode("utf-8"))
    clean = _report(seed, CLEAN)
    assert _report(seed, tmp_path / "crlf.jsonl") == clean
    assert _report(seed, tmp_path / "cr.jsonl") == clean
    proc = qiyue_cli("eval", SEED, "--facts", "-", "--as-of", "2026-07-20", "--format", "json", stdin=messy)
    assert proc.returncode == 0 and json.loads(proc.stdout)["obligations"] == clean[0]


@pytest.mark.parametrize("offset,local", [("+00:00", "18:00"), ("Z", "18:00"), ("z", "18:00"), ("-05:00", "23:00"),
                                          ("+14:00", "04:00"), ("+08:30", "09:30"), ("+0800", "10:00"),
                                          ("", "10:00")])
def test_offsets_other_than_beijings_are_the_same_instant_in_contract_time(seed, offset, local):
    line = SIGNED.replace("+08:00", offset)
    report = seed.evaluate([line], "2025-07-10")
    assert report["contract_life"]["effective"] == f"2025-06-27T{local}:00+08:00"


@pytest.mark.parametrize("at,words", [("2025-06-27T24:00:00+08:00", "24:00 is not written"),
                                      ("2025-06-30T23:59:60+08:00", "leap second"),
                                      ("2025-02-29", "2025-02 has 28 days"), ("2026-13-01", "no month 13"),
                                      ("2025-06-27T10:00:00+15:00", "offset no place keeps")])
def test_instants_that_are_not_are_refused_with_why(seed, at, words):
    (d,) = errors(lambda: seed.evaluate([SIGNED.replace("2025-06-27T10:00:00+08:00", at)], "2025-07-10"))
    assert d.code == "bad_time" and d.span.line == 1 and words in d.as_json("en")["message"]


def test_a_reference_to_itself_is_refused_and_a_day_alone_against_a_time_of_one_id_conflicts(seed):
    notice = ('{"id": "n1", "type": "notice_sent", "at": "2025-07-03T11:00:00+08:00", "from": "乙方", "to": "甲方", '
              '"subject": "force_majeure", "method": "personal", "ref": "n1"}')
    (d,) = errors(lambda: seed.evaluate([SIGNED, notice], "2025-07-10"))
    assert d.code == "self_ref" and d.span.line == 2
    (d,) = errors(lambda: seed.evaluate([SIGNED, APPLIED % "1.00", (APPLIED % "1.00").replace(
        "2025-07-03T10:00:00+08:00", "2025-07-03")], "2025-07-10"))
    assert d.code == "conflicting_id" and "'at'" in d.as_json("en")["message"]
    same = seed.evaluate([SIGNED, APPLIED % "1000.00", (APPLIED % "1,000.00").replace("+08:00", "").replace(
        "T10:", "T10:")], "2025-07-10")  # (one fact: the same content written otherwise)
    assert same["contract_life"]["effective"] == "2025-06-27T10:00:00+08:00"


def test_as_of_lists_with_spaces_duplicates_other_offsets_and_out_of_order_are_one_report_each():
    proc = qiyue_cli("eval", SEED, "--facts", CLEAN, "--format", "json", "--explain", "none",
                     "--as-of", "2025-11-01, 2025-10-01T00:00:00+08:00,2025-09-30T16:00:00Z , 2025-11-01",
                     "--as-of", "2020-01-01")
    assert proc.returncode == 0, proc.stderr
    assert list(json.loads(proc.stdout)) == ["2020-01-01T00:00:00+08:00", "2025-10-01T00:00:00+08:00",
                                             "2025-11-01T00:00:00+08:00"]
    proc = qiyue_cli("eval", SEED, "--facts", CLEAN, "--as-of", "2025-11-01,,2025-10-01", "--lang", "en")
    assert proc.returncode == 1 and "instant 2 of 3" in proc.stderr


@pytest.mark.parametrize("where", ["missing", "directory"])
def test_a_facts_file_that_is_missing_or_a_directory_is_an_error(tmp_path, where):
    path = tmp_path / "nothing.jsonl" if where == "missing" else tmp_path
    proc = qiyue_cli("eval", SEED, "--facts", path, "--as-of", "2025-10-01", "--lang", "en")
    assert proc.returncode == 1 and "unreadable_file" in proc.stderr and "Traceback" not in proc.stderr


def test_a_facts_file_without_permission_is_an_error(tmp_path, monkeypatch, seed):
    facts = tmp_path / "f.jsonl"
    facts.write_text(SIGNED + "\n", encoding="utf-8")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))
    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "open", refuse)
    (d,) = errors(lambda: qiyue.evaluate(seed, facts, "2025-10-01"))
    assert d.code == "unreadable_file" and "Permission denied" in d.as_json("en")["message"]


def test_the_api_with_wrong_types(seed):
    signed = {"id": "c1", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}
    naive = qiyue.evaluate(seed, [signed], datetime(2025, 7, 10)).as_dict()
    assert naive["as_of"] == "2025-07-10T00:00:00+08:00"  # (contract time)
    assert qiyue.evaluate(seed, [signed], datetime(2025, 7, 10, tzinfo=timezone.utc)).as_dict()["as_of"] == \
        "2025-07-10T08:00:00+08:00"
    assert qiyue.evaluate(seed, [signed], date(2025, 7, 10)).as_dict() == naive
    for as_of in (20250710, None, b"2025-07-10"):
        (d,) = errors(lambda: qiyue.evaluate(seed, [signed], as_of))
        assert d.code == "bad_as_of"
    (d,) = errors(lambda: qiyue.evaluate(seed, [{"id": "c1", "type": "contract_signed"}], "2025-07-10"))
    assert d.code == "missing_key" and "'at'" in d.as_json("en")["message"]
    (d,) = errors(lambda: qiyue.evaluate(seed, [dict(signed, at=1751000000)], "2025-07-10"))
    assert d.code == "bad_time"
    assert qiyue.evaluate(seed, (f for f in [signed]), "2025-07-10").as_dict() == naive  # a generator
    at_dt = dict(signed, at=datetime(2025, 6, 27, 10, tzinfo=timezone(timedelta(hours=8))))
    assert qiyue.evaluate(seed, [at_dt], "2025-07-10").as_dict()["contract_life"] == naive["contract_life"]
    (d,) = errors(lambda: qiyue.evaluate(seed, "/tmp/facts.jsonl", "2025-07-10"))
    assert d.code == "bad_input"  # (a str is text, never guessed to be a file name)


def test_the_same_list_evaluated_twice_gives_the_same_report_and_is_left_as_it_was(seed):
    facts = [{"id": "c1", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},
             {"id": "i1", "type": "invoice_received", "at": "2025-07-04T10:00:00+08:00", "installment": 1,
              "amount": "2094000.00", "kind": "vat_ordinary"}]
    kept = json.loads(json.dumps(facts))
    first = qiyue.evaluate(seed, facts, "2025-12-31").as_dict()
    assert qiyue.evaluate(seed, facts, "2025-12-31").as_dict() == first and facts == kept
    events = seed.load_facts([json.dumps(f) for f in facts], "f.jsonl")
    assert seed.run(events, "2025-12-31") is not None and seed.run(events, "2025-12-31") is not None
    assert qiyue.evaluate(seed, facts, "2025-12-31").as_dict() == first


def test_a_hundred_thousand_facts_at_one_instant(seed):
    lines = [SIGNED] + [json.dumps({"id": f"s{i}", "type": "staff_onsite", "at": "2025-08-01T10:00:00+08:00",
                                    "count": 1}) for i in range(100_000)]
    start = time.perf_counter()
    report = seed.evaluate(lines, "2025-09-01", explain="none")
    assert time.perf_counter() - start < 20
    assert report["contract_life"]["effective"] == "2025-06-27T10:00:00+08:00"
