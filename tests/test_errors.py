"""Bad input gets a clear error with a stable code and a place — never a traceback.

One table of cases: (rule text, facts, expected error code, expected line).  The same
table drives the Python API and the CLI.
"""
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError, render_text

# A small second contract (not the seed): the engine needs no code for it.
BASE = textwrap.dedent('''\
    contract "T-1" "测试合同" { calendar official }
    party 甲方 "买方" as buyer
    party 乙方 "卖方" as supplier
    param price "价款" = ¥1,000.00
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


def errors_of(text):
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "t.qy")
    return exc.value.diagnostics


RULE_CASES = [
    # (id, edit, code, line)
    ("syntax: missing brace", BASE.replace("within 5 days\n  }", "within 5 days\n"), "syntax_error", None),
    ("syntax: bad keyword", BASE.replace("debtor 甲方", "debtr 甲方"), "syntax_error", 9),
    ("unknown event", BASE.replace("for each delivered d", "for each deliverd d"), "unknown_event", 11),
    ("unknown attribute", BASE.replace("p.amount >= price", "p.amout >= price"), "unknown_attribute", 12),
    ("unknown parameter", BASE.replace("p.amount >= price", "p.amount >= prize"), "unknown_name", 12),
    ("type mismatch", BASE.replace("p.amount >= price", "p.amount >= 甲方"), "type_mismatch", 12),
    ("duplicate clause", BASE + 'clause "1" "again" { quote "x" }\n', "duplicate_clause", 16),
    ("nothing fulfils", BASE.replace("    fulfilled by paid p where p.amount >= price\n", ""),
     "unfulfillable_obligation", 8),
    ("unknown duration param", BASE.replace("within 5 days", "within term_x"), "unknown_parameter", 13),
    ("no deadline", BASE.replace("    within 5 days\n", ""), "missing_deadline", 8),
    ("unknown enum value", BASE.replace('event paid "付款" { amount: money }',
                                        'event paid "付款" { amount: money kind: one of (cash, wire) }')
     .replace("p.amount >= price", 'p.kind == "cheque"'), "unknown_value", 12),
    ("deemed cycle", BASE + textwrap.dedent('''\
        clause "2" "循环" {
          deemed a_done "甲" {
            for each b_done x
            at x
          }
          deemed b_done "乙" {
            for each a_done y
            at y
          }
        }
        '''), "deemed_cycle", 17),
]


@pytest.mark.parametrize("name,text,code,line", RULE_CASES, ids=[c[0] for c in RULE_CASES])
def test_rule_errors(name, text, code, line):
    diags = errors_of(text)
    codes = [d.code for d in diags]
    assert code in codes, render_text(diags, {"t.qy": text})
    d = next(d for d in diags if d.code == code)
    assert d.span is not None and d.span.file == "t.qy"
    if line is not None:
        assert d.span.line == line, render_text([d], {"t.qy": text})
    rendered = render_text([d], {"t.qy": text})
    assert f"t.qy:{d.span.line}:{d.span.column}" in rendered and "^" in rendered


def test_checker_collects_every_error_sorted_by_place():
    text = BASE.replace("for each delivered d", "for each deliverd d").replace("within 5 days", "within nope")
    diags = errors_of(text)
    assert {"unknown_event", "unknown_parameter"} <= {d.code for d in diags}
    lines = [d.span.line for d in diags]
    assert lines == sorted(lines)


def test_syntax_error_says_what_was_expected():
    text = BASE.replace("debtor 甲方", "debtr 甲方")
    d = errors_of(text)[0]
    assert d.code == "syntax_error" and (d.span.line, d.span.column) == (9, 5)
    assert any("debtor" in e for e in d.expected)
    assert "^" in render_text([d], {"t.qy": text})


DANGLING = [
    # (id, the line as edited, the operator, its column, what the next line begins with)
    # `>=` ends line 12; `within` on line 13 was read as the name compared with, the error fell on `5`
    ("compare", "    fulfilled by paid p where p.amount >=\n", ">=", 40, "within"),
    ("and", "    fulfilled by paid p where p.amount >= price and\n", "and", 49, "within"),
    ("plus", "    fulfilled by paid p where p.amount + \n", "+", 40, "within"),
]


@pytest.mark.parametrize("name,line,op,column,after", DANGLING, ids=[c[0] for c in DANGLING])
def test_a_line_ending_in_an_operator_is_reported_at_the_operator(name, line, op, column, after):
    text = BASE.replace("    fulfilled by paid p where p.amount >= price\n", line)
    (d,) = errors_of(text)
    assert (d.code, d.key) == ("syntax_error", "syntax_error.dangling")
    assert (d.span.line, d.span.column, d.span.end_column) == (12, column, column + len(op))
    assert d.text("en") == (f"expected an expression after {op!r}: the line ends with it, and the next line's "
                            f"{after!r} cannot follow it")
    assert d.text("zh").startswith(f"“{op}” 之后缺少表达式")
    rendered = render_text([d], {"t.qy": text}, "en")
    assert rendered.startswith(f"t.qy:12:{column}: error[syntax_error]") and "^" * len(op) in rendered


def test_an_operator_before_a_closing_brace_is_reported_at_the_operator():
    text = BASE + 'clause "2" "核对" {\n  verify price >=\n}\n'
    (d,) = errors_of(text)
    assert d.key == "syntax_error.dangling" and (d.span.line, d.span.column) == (17, 16)
    assert d.args["next"] == "}"


def test_an_expression_continued_on_the_next_line_is_still_read():
    compile_rules(BASE.replace("p.amount >= price\n", "p.amount >=\n          price\n"), "t.qy")
    # and a real error on the next line stays where it is: `price price` is not the operator's fault
    (d,) = errors_of(BASE.replace("p.amount >= price\n", "p.amount >=\n  price price\n"))
    assert (d.key, d.span.line, d.span.column) == ("syntax_error", 13, 9)


def test_did_you_mean_for_misspelled_event():
    d = next(d for d in errors_of(BASE.replace("for each delivered d", "for each deliverd d"))
             if d.code == "unknown_event")
    assert d.did_you_mean == "delivered"


def test_a_second_contract_needs_no_code():
    compiled = compile_rules(BASE, "t.qy")
    facts = ['{"id": "d1", "type": "delivered", "at": "2026-03-03T14:00:00+08:00", "qty": 2}']
    report = compiled.evaluate(facts, "2026-03-20")
    (row,) = report["obligations"]
    # 5 days from Tue 03-03: last day Sun 03-08 is a rest day → Mon 03-09 → due 03-10T00:00
    assert (row["status"], row["due"]) == ("violated", "2026-03-10T00:00:00+08:00")


# ---------------------------------------------------------------- facts

FACT_CASES = [
    ("malformed JSON", ['{"id": "d1", "type": "delivered", "at": "2026-03-03"'], "bad_json", 1),
    ("unknown type", ['{"id": "d1", "type": "deliverd", "at": "2026-03-03", "qty": 1}'], "unknown_event_type", 1),
    ("missing attribute", ['{"id": "d1", "type": "delivered", "at": "2026-03-03"}'], "bad_attribute", 1),
    ("ill-typed attribute", ['{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": "two"}'],
     "bad_attribute", 1),
    ("out of range", ['{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": 11}'], "bad_attribute", 1),
    ("unknown attribute", ['{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": 1, "colour": "red"}'],
     "unknown_attribute", 1),
    ("float money", ['{"id": "p1", "type": "paid", "at": "2026-03-03", "amount": true}'], "bad_attribute", 1),
    ("bad time", ['{"id": "d1", "type": "delivered", "at": "2026-02-30", "qty": 1}'], "bad_time", 1),
    ("missing at", ['{"id": "d1", "type": "delivered", "qty": 1}'], "missing_key", 1),
    ("reused id", ['{"id": "d1", "type": "delivered", "at": "2026-03-03", "qty": 1}',
                   '{"id": "d1", "type": "delivered", "at": "2026-03-04", "qty": 1}'], "conflicting_id", 2),
]


@pytest.mark.parametrize("name,lines,code,line", FACT_CASES, ids=[c[0] for c in FACT_CASES])
def test_fact_errors(name, lines, code, line):
    compiled = compile_rules(BASE, "t.qy")
    with pytest.raises(QiyueError) as exc:
        compiled.evaluate(lines, "2026-04-01", "f.jsonl")
    d = next((d for d in exc.value.diagnostics if d.code == code), None)
    assert d is not None, [x.code for x in exc.value.diagnostics]
    assert d.span.file == "f.jsonl" and d.span.line == line


def test_same_id_same_content_is_one_fact():
    compiled = compile_rules(BASE, "t.qy")
    line = '{"id": "d1", "type": "delivered", "at": "2026-03-03T14:00:00+08:00", "qty": 2}'
    assert len(compiled.load_facts([line, line])) == 1


def test_money_is_exact():
    compiled = compile_rules(BASE, "t.qy")
    (ev,) = compiled.load_facts(['{"id": "p1", "type": "paid", "at": "2026-03-03", "amount": 0.1}'])
    from decimal import Decimal
    assert ev.attrs["amount"] == Decimal("0.1")


def test_every_bad_line_is_reported_not_just_the_first():
    compiled = compile_rules(BASE, "t.qy")
    lines = ['{"id": "a", "type": "nope", "at": "2026-03-03"}', "not json",
             '{"id": "c", "type": "delivered", "at": "2026-03-03", "qty": 0}']
    with pytest.raises(QiyueError) as exc:
        compiled.load_facts(lines, "f.jsonl")
    assert [d.span.line for d in exc.value.diagnostics] == [1, 2, 3]


def test_year_no_calendar_knows_stops_the_evaluation_naming_the_rule_the_fact_and_the_year(tmp_path):
    """time-and-law.md: "a date outside every known year is never guessed: evaluation stops with an error that
    names the year and how to add it (or the rule file explicitly chooses a fallback)"."""
    compiled = compile_rules(BASE, "t.qy")
    facts = ['{"id": "d0", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 1}',
             '{"id": "d1", "type": "delivered", "at": "2027-03-03T10:00:00+08:00", "qty": 1}']
    assert compiled.evaluate(facts, "2027-03-01")["obligations"]  # (before d1 nothing needs 2027)
    with pytest.raises(QiyueError) as exc:
        compiled.evaluate(facts, "2027-04-01")
    (d,) = exc.value.diagnostics
    assert (d.code, d.key, d.args["year"], d.args["line"], d.args["id"], d.span.file, d.span.line) == \
        ("calendar_year_unknown", "calendar_year_unknown.fact", 2027, 2, "d1", "t.qy", 13)
    assert "2027" in d.text("zh") and "第 2 行的事实 d1" in d.text("zh") and "calendars/2027.toml" in d.hint_text("zh")
    assert "calendar fallback undetermined" in d.hint_text("en")
    # the command: the error in the language asked for, with the rule's place; exit 1, no report
    (tmp_path / "t.qy").write_text(BASE, encoding="utf-8")
    (tmp_path / "f.jsonl").write_text("\n".join(facts), encoding="utf-8")
    for fmt in ("text", "json"):
        out = run_cli("eval", str(tmp_path / "t.qy"), "--facts", str(tmp_path / "f.jsonl"), "--as-of", "2027-04-01",
                      "--format", fmt)
        assert out.returncode == 1 and "Traceback" not in out.stderr
        text = out.stdout if fmt == "json" else out.stderr
        assert "t.qy" in text and "2027" in text and "calendars/2027.toml" in text and "obligations" not in out.stdout


def test_year_no_calendar_knows_with_fallback_undetermined_stops_only_what_depends_on_it(tmp_path):
    compiled = compile_rules(BASE.replace("{ calendar official }", "{ calendar official\n calendar fallback undetermined }"),
                             "t.qy")
    facts = ['{"id": "d0", "type": "delivered", "at": "2026-03-03T10:00:00+08:00", "qty": 1}',
             '{"id": "d1", "type": "delivered", "at": "2027-03-03T10:00:00+08:00", "qty": 1}']
    report = compiled.evaluate(facts, "2027-04-01")
    by_trigger = {o["trigger"]: o for o in report["obligations"]}
    # the 2026 delivery is counted as before; the 2027 one needs a year no calendar knows
    assert by_trigger["d0"]["status"] in ("violated", "fulfilled") and by_trigger["d0"]["due"]
    assert by_trigger["d1"]["status"] == "undetermined" and by_trigger["d1"]["due"] is None
    assert any("2027" in b for b in by_trigger["d1"]["because"])
    found = [f for f in report["findings"] if f["code"] == "calendar_year_unknown"]
    assert len(found) == 1 and "2027" in found[0]["message"]
    assert any("t.qy:14" in b for b in found[0]["because"])  # the rule that needed the calendar (a line lower)
    assert any("calendar file" in b for b in found[0]["because"])
    # the command: the report stands (exit 0); --strict makes it a failure for automated use
    (tmp_path / "t.qy").write_text(BASE.replace("{ calendar official }", "{ calendar official\n 日历 兜底 待定 }"),
                                   encoding="utf-8")
    (tmp_path / "f.jsonl").write_text("\n".join(facts), encoding="utf-8")
    args = ["eval", str(tmp_path / "t.qy"), "--facts", str(tmp_path / "f.jsonl"), "--as-of", "2027-04-01",
            "--format", "json"]
    assert run_cli(*args).returncode == 0
    strict = run_cli(*args, "--strict")
    assert strict.returncode == 3 and "日历" in strict.stderr  # (Chinese by default; --lang en: English)
    assert json.loads(strict.stdout)["obligations"]


def test_calendar_file_extends_the_known_years(tmp_path):
    cal = tmp_path / "cal2027.toml"
    cal.write_text('[year.2027]\nsource = "test"\nholidays = ["2027-03-08"]\nworkdays = []\n', encoding="utf-8")
    text = BASE.replace("{ calendar official }", f'{{ calendar official\n calendar file "{cal.name}" }}')
    (tmp_path / "t.qy").write_text(text, encoding="utf-8")
    from engine.api import compile_file
    compiled = compile_file(tmp_path / "t.qy")
    report = compiled.evaluate(['{"id": "d1", "type": "delivered", "at": "2027-03-03T10:00:00+08:00", "qty": 1}'],
                               "2027-04-01")
    # 5 days from Wed 03-03: last day Mon 03-08, a holiday in the file → Tue 03-09 → due 03-10T00:00
    assert report["obligations"][0]["due"] == "2027-03-10T00:00:00+08:00"


# ---------------------------------------------------------------- the CLI: exit codes, no traceback

def run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "engine.cli", *args], capture_output=True, text=True,
                          input=stdin)


@pytest.mark.parametrize("name,text,code,line", RULE_CASES[:6], ids=[c[0] for c in RULE_CASES[:6]])
def test_cli_check_reports_rule_errors(tmp_path, name, text, code, line):
    p = tmp_path / "t.qy"
    p.write_text(text, encoding="utf-8")
    r = run_cli("check", str(p))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and f"[{code}]" in r.stderr
    r = run_cli("check", str(p), "--format", "json")
    assert r.returncode == 1
    assert code in [e["code"] for e in json.loads(r.stdout)["errors"]]


@pytest.mark.parametrize("name,lines,code,line", FACT_CASES, ids=[c[0] for c in FACT_CASES])
def test_cli_eval_reports_fact_errors(tmp_path, name, lines, code, line):
    (tmp_path / "t.qy").write_text(BASE, encoding="utf-8")
    (tmp_path / "f.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run_cli("eval", str(tmp_path / "t.qy"), "--facts", str(tmp_path / "f.jsonl"), "--as-of", "2026-04-01")
    assert r.returncode == 1, r.stdout
    assert "Traceback" not in r.stderr and f"[{code}]" in r.stderr and f"f.jsonl:{line}:" in r.stderr


def test_cli_usage_errors_exit_2(tmp_path):
    assert run_cli().returncode == 2
    assert run_cli("eval", "x.qy").returncode == 2  # --facts missing


def test_cli_missing_file_exits_1():
    r = run_cli("check", "/nonexistent/rules.qy")
    assert r.returncode == 1 and "Traceback" not in r.stderr and "无法读取规则文件 /nonexistent/rules.qy" in r.stderr
    r = run_cli("check", "--lang", "en", "/nonexistent/rules.qy")
    assert r.returncode == 1 and "cannot read rule file /nonexistent/rules.qy" in r.stderr


def test_cli_bad_as_of_exits_1(tmp_path):
    (tmp_path / "t.qy").write_text(BASE, encoding="utf-8")
    (tmp_path / "f.jsonl").write_text("", encoding="utf-8")
    r = run_cli("eval", str(tmp_path / "t.qy"), "--facts", str(tmp_path / "f.jsonl"), "--as-of", "yesterday")
    assert r.returncode == 1 and "as-of" in r.stderr


def test_explicit_weekday_fallback_is_a_choice_the_rule_file_makes():
    text = BASE.replace("{ calendar official }", "{ calendar official\n calendar fallback weekdays }")
    report = compile_rules(text, "t.qy").evaluate(
        ['{"id": "d1", "type": "delivered", "at": "2027-03-03T10:00:00+08:00", "qty": 1}'], "2027-04-01")
    # Mon–Fri outside the known years: 5 days from Wed 03-03 → Mon 03-08 → due 03-09T00:00
    assert report["obligations"][0]["due"] == "2027-03-09T00:00:00+08:00"
    assert any(s["name"] == "fallback" for s in report["calendar"])


def test_unknown_fallback_is_an_error():
    text = BASE.replace("{ calendar official }", "{ calendar official\n calendar fallback guess }")
    (d,) = errors_of(text)
    assert d.code == "bad_calendar" and d.expected == ["weekdays", "undetermined"]


def test_a_when_condition_sees_another_obligation_being_triggered():
    text = BASE + textwrap.dedent('''\
        clause "2" "跟随" {
          obligation confirm "确认" {
            debtor 乙方
            creditor 甲方
            when triggered(pay)
            fulfilled by paid p
            within 1 days
          }
        }
        ''')
    report = compile_rules(text, "t.qy").evaluate(
        ['{"id": "d1", "type": "delivered", "at": "2026-03-03T14:00:00+08:00", "qty": 2}'], "2026-03-20")
    confirm = next(o for o in report["obligations"] if o["name"] == "confirm")
    # pay is triggered at d1 (Tue 03-03 14:00): confirm follows at once; 1 day → due 03-05T00:00
    assert (confirm["status"], confirm["triggered_at"], confirm["due"]) == \
        ("violated", "2026-03-03T14:00:00+08:00", "2026-03-05T00:00:00+08:00")


def test_qiyue_is_the_public_import_name_for_the_same_modules():
    import engine.api
    import engine.diagnostics
    import qiyue
    import qiyue.api
    from qiyue.diagnostics import QiyueError
    assert qiyue.api is engine.api and QiyueError is engine.diagnostics.QiyueError
    assert qiyue.compile_rules is engine.api.compile_rules and qiyue.__version__


def test_a_module_of_a_subpackage_under_qiyue_is_the_engine_module_itself():
    """`import qiyue.run.evaluator` (any depth) is engine.run.evaluator, not a second copy run again with classes of
    its own; what is not there is not there under either name.  In a fresh process: nothing imported before."""
    code = """if True:
        import importlib, sys
        import qiyue.run.evaluator, qiyue.lang.parser, qiyue.time.timecalc
        from qiyue.time.timecalc import Moment
        import engine.time.timecalc, engine.run.evaluator, engine.lang.parser
        assert sys.modules["qiyue.run.evaluator"] is engine.run.evaluator
        assert sys.modules["qiyue.lang.parser"] is engine.lang.parser and Moment is engine.time.timecalc.Moment
        assert engine.run.evaluator.__spec__.name == "engine.run.evaluator"  # (engine's, still)
        importlib.reload(engine.lang.parser)
        for missing in ("qiyue.nope", "qiyue.run.nope"):
            try:
                importlib.import_module(missing)
            except ModuleNotFoundError as e:
                assert e.name == missing, e
            else:
                raise AssertionError(missing)
        print("ok")
    """
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_version_and_a_closed_pipe(tmp_path):
    out = run_cli("--version")
    assert out.returncode == 0 and out.stdout.startswith("qiyue ")
    # the reader of the output goes away early: no traceback
    proc = subprocess.Popen([sys.executable, "-m", "engine.cli", "eval", "rules/gzmz-2025-it-ops.qy", "--facts",
                             "facts/full-year.jsonl", "--as-of", "2026-08-01", "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait()
    assert "Traceback" not in err


@pytest.mark.parametrize("codec,name", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 (BOM)"), ("utf-16", "UTF-16"),
                                        ("gb18030", "GB18030")])
def test_rule_and_fact_files_in_the_encodings_staff_save_give_the_same_report(tmp_path, codec, name):
    root = __import__("pathlib").Path(__file__).resolve().parent.parent
    rules = (root / "rules" / "gzmz-2025-it-ops.qy").read_text(encoding="utf-8")
    facts = (root / "facts" / "full-year.jsonl").read_text(encoding="utf-8")
    (tmp_path / "r.qy").write_bytes(rules.encode(codec))
    (tmp_path / "f.jsonl").write_bytes(facts.encode(codec))
    (tmp_path / "r8.qy").write_text(rules, encoding="utf-8")
    (tmp_path / "f8.jsonl").write_text(facts, encoding="utf-8")

    def report(r, f):
        out = run_cli("eval", str(tmp_path / r), "--facts", str(tmp_path / f), "--as-of", "2026-08-01", "--format", "json")
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)
    got, want = report("r.qy", "f.jsonl"), report("r8.qy", "f8.jsonl")
    assert got["rules"].pop("encoding") == name and got["facts"].pop("encoding") == name
    got["rules"].pop("file"), want["rules"].pop("file"), want["rules"].pop("encoding")
    got.pop("facts"), want.pop("facts")
    assert got == want


def test_bytes_that_are_no_text_are_an_error_with_line_and_column(tmp_path):
    (tmp_path / "bad.qy").write_bytes(b'contract "X" {\n  calendar \xff official }\n')
    out = run_cli("check", str(tmp_path / "bad.qy"))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "bad.qy:2:12" in out.stderr and "UTF-8" in out.stderr


def test_check_several_files_and_fail_on_statuses(tmp_path):
    (tmp_path / "bad.qy").write_text("x\n", encoding="utf-8")
    seed = "rules/gzmz-2025-it-ops.qy"
    root = str(__import__("pathlib").Path(__file__).resolve().parent.parent)
    out = subprocess.run([sys.executable, "-m", "engine.cli", "check", seed, str(tmp_path / "bad.qy"), "--format",
                          "json"], capture_output=True, text=True, cwd=root)
    assert out.returncode == 1
    files = json.loads(out.stdout)["files"]
    assert [("findings" in f, "errors" in f) for f in files] == [(True, False), (False, True)]
    args = [sys.executable, "-m", "engine.cli", "eval", seed, "--facts", "facts/missed-review.jsonl", "--as-of",
            "2026-10-20", "--format", "json"]
    assert subprocess.run(args, capture_output=True, text=True, cwd=root).returncode == 0
    failed = subprocess.run(args + ["--fail-on", "violated"], capture_output=True, text=True, cwd=root)
    assert failed.returncode == 3 and "violated" in failed.stderr and json.loads(failed.stdout)["obligations"]
    wrong = subprocess.run(args + ["--fail-on", "broken"], capture_output=True, text=True, cwd=root)
    assert wrong.returncode == 2 and "未知的状态" in wrong.stderr


# ---------------------------------------------------------------- the seed's `require ref when …`
# notice_sent's ref is optional, but the seed rules require it for a notice about force majeure, a
# data leak or a service interruption (line 66 of rules/gzmz-2025-it-ops.qy: "… or … or …"): each
# such notice without a ref is refused on its own line; a notice on another subject is not.
# (facts/refused/notice-without-ref.jsonl is the scenario library's refused case.)
SEED_SIGN = '{"id": "s1", "type": "contract_signed", "at": "2026-03-02T10:00:00+08:00"}'


def seed_notice(subject, **extra):
    return json.dumps({"id": "n1", "type": "notice_sent", "at": "2026-03-03T16:00:00+08:00", "from": "乙方",
                       "to": "甲方", "subject": subject, "method": "fax", **extra}, ensure_ascii=False)


@pytest.mark.parametrize("subject", ["force_majeure", "data_leak", "service_interruption"])
def test_seed_refuses_a_notice_without_the_ref_it_requires(seed, subject):
    with pytest.raises(QiyueError) as exc:
        seed.evaluate([SEED_SIGN, seed_notice(subject)], "2026-04-01", "f.jsonl")
    (d,) = exc.value.diagnostics
    assert (d.code, d.span.file, d.span.line, d.args["name"]) == ("missing_attribute", "f.jsonl", 2, "ref")


@pytest.mark.parametrize("subject", ["address_change", "termination", "force majeure"])
def test_seed_accepts_a_notice_on_another_subject_without_a_ref(seed, subject):
    report = seed.evaluate([SEED_SIGN, seed_notice(subject)], "2026-04-01", "f.jsonl")
    assert [e["at"] for e in report["events"] if e["name"] == "notice_delivered"] == ["2026-03-03T16:00:00+08:00"]


def test_an_error_on_a_long_line_shows_the_part_around_its_column():
    """A 90,000-character line (a rule file pasted without line breaks) with errors far along it: each is
    shown with the part of the line around its column, its cut ends marked, the caret under it — not the
    whole line for each error (the fuzzer's case: 200 errors on one line took seconds to print)."""
    from engine.diagnostics import caret_context
    src = "x" * 90_000 + "甲方违约" + "y" * 500
    ctx = caret_context([src], 1, 90_001, 4)
    shown, carets = ctx.splitlines()
    assert shown.startswith("    1 | …" + "x" * 80 + "甲方违约") and shown.endswith("…")
    assert carets == " " * len("    1 | ") + " " * 81 + "^^^^"
    short = caret_context(["abc 甲方 def"], 1, 5, 2)
    assert short.splitlines() == ["    1 | abc 甲方 def", " " * 8 + "    ^^"]


def test_a_deemed_event_deemed_from_one_written_later_has_its_facts_attributes():
    """A deemed event has the attributes of the event it was deemed from — also when that one is itself
    deemed and written later in the file (a fresh user's lease: the end date a notice states, deemed from
    the notice's deemed delivery; `e.end_date` was an unknown attribute)."""
    import json
    from engine.api import compile_rules
    rules = compile_rules('''contract "L-1" "租赁" { calendar official }
party 甲方 "出租人" as landlord
party 乙方 "承租人" as tenant
event notice_sent "通知" { end_date: date "解除日" }
clause "7.1" "提前解除" {
  deemed end_day "通知载明的解除日" {
    for each notice_delivered n
    at n.end_date
  }
  obligation hand_back "返还" {
    debtor 乙方
    creditor 甲方
    for each end_day e where e.end_date >= 2026-01-01
    fulfilled by notice_sent x
    within 3 days
  }
  deemed notice_delivered "视为送达" {
    for each notice_sent n
    at n
  }
}
''', "l.qy")
    report = rules.evaluate([json.dumps({"id": "n1", "type": "notice_sent", "at": "2026-01-05T10:00:00+08:00",
                                         "end_date": "2026-02-01"})], "2026-03-01")
    (o,) = [o for o in report["obligations"] if o["name"] == "hand_back"]
    assert o["status"] == "violated" and o["triggered_at"] == "2026-02-01T00:00:00+08:00"


def test_the_aggregate_words_of_the_did_you_mean_are_the_grammars():
    """checker.AGGREGATE_WORDS (what an unknown function's did-you-mean also knows) lists exactly the spellings of
    the grammar's aggregate keywords and `passed`."""
    from engine.lang.checker import AGGREGATE_WORDS
    from engine.lang.parser import _parser, keyword_forms
    forms = keyword_forms(_parser().terminals)
    assert sorted(AGGREGATE_WORDS) == sorted(f for k in ("EXISTS", "COUNT", "SUM", "MEAN", "CONSECUTIVE", "FIRST",
                                                          "PASSED") for f in forms[k])


@pytest.mark.parametrize("written,meant,edit", [
    ("deafult", "default", lambda t: t.replace('qty: int 1..10 "数量"', 'qty: int 1..10 deafult 1 "数量"')),
    ("no", "not", lambda t: t.replace("p.amount >= price", "no p.amount >= price")),
    ("debtr", "debtor", lambda t: t.replace("debtor 甲方", "debtr 甲方")),
])
def test_a_misspelt_keyword_read_as_a_name_gets_a_did_you_mean(written, meant, edit):
    """A fuzzer: `deafult` and `no f.urgent` are read as names, and the error came at the next word with no
    hint.  The keyword is suggested when, written in its place, the file reads on past the error."""
    (d,) = errors_of(edit(BASE))
    assert d.code == "syntax_error" and d.did_you_mean == meant, render_text([d], {"t.qy": edit(BASE)})
    assert f"“{written}”" in render_text([d], {"t.qy": edit(BASE)})


def test_no_keyword_is_suggested_where_it_would_not_help():
    # `amount` misspelt as `amout` in a declaration is a name, not a keyword slip: no keyword suggested
    text = BASE.replace('event paid "付款" { amount: money }', 'event paid "付款" { amout money }')
    (d,) = errors_of(text)
    assert d.did_you_mean in (None, ":")


def test_the_error_of_the_api_reads_in_chinese_by_default():
    """A fuzzer: str(QiyueError) was English though every other message defaults to Chinese."""
    diags = errors_of(BASE.replace("for each delivered d", "for each deliverd d"))
    with pytest.raises(QiyueError) as exc:
        compile_rules(BASE.replace("for each delivered d", "for each deliverd d"), "t.qy")
    assert str(exc.value) == "；".join(d.text("zh") for d in diags) and "deliverd" in str(exc.value)
    assert all(d.text("en") != d.text("zh") for d in diags)


def test_a_counting_written_after_its_anchor_says_where_it_goes():
    """A lease's author: `within 5 days after x as act` said only "unexpected 'as act'" and listed keywords."""
    (d,) = errors_of(BASE.replace("within 5 days", "within 5 days after d as act"))
    assert d.code == "syntax_error" and "within 5 days as act after" in d.hint_text("en")


def test_a_keyword_in_the_wrong_place_is_not_called_a_misspelling():
    """A lease's author: `where` where it cannot stand got "did you mean: when"."""
    (d,) = errors_of(BASE.replace("within 5 days", "within 5 days where d.qty > 1"))
    assert d.code == "syntax_error" and d.did_you_mean is None


def test_a_text_default_written_bare_is_told_to_be_quoted():
    """`by: one of (provider "供应商", customer "客户") default provider` — the values are listed bare, the default is
    a text and is quoted (the SaaS author met "此处不能写 “provider”" and a list of kinds of values)."""
    from engine.api import compile_rules
    from engine.diagnostics import QiyueError
    head = 'contract "T" { calendar official }\nparty 甲方 "a" as buyer\nparty 乙方 "b" as supplier\n'
    with pytest.raises(QiyueError) as exc:
        compile_rules(head + 'event o "o" { by: one of (provider "供应商", customer "客户") default provider }\n', "t.qy")
    (d,) = exc.value.diagnostics
    assert d.hint_key == "hint:default_quoted" and 'default "provider"' in d.hint


def test_an_error_survives_a_pickle_as_itself():
    """A worker process's error crosses to its parent as the same error (multiprocessing pickles it)."""
    import pickle
    with pytest.raises(QiyueError) as e:
        compile_rules('contract "X" { }\nobligation o "o" { debtor nobody }\n', "x.qy")
    again = pickle.loads(pickle.dumps(e.value))
    assert type(again) is QiyueError and str(again) == str(e.value) and again.source == e.value.source
    assert [d.code for d in again.diagnostics] == [d.code for d in e.value.diagnostics]
