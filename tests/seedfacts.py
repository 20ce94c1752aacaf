"""Small helpers shared by the tests: facts as JSON lines, rows of a report, and the
installment-1 preconditions of the seed contract."""
import contextlib
import json


def lines(facts):
    """Fact dicts → JSON Lines, as a fact file would hold them."""
    return [json.dumps(f, ensure_ascii=False) for f in facts]


def rows(report, kind, name):
    """The report's rows of one kind (obligations, events, remedies) with one name."""
    return [r for r in report[kind] if r["name"] == name]


def fact(id_, type_, at, **attrs):
    """One fact as the interface writes it: id, type, at and its attributes."""
    return {"id": id_, "type": type_, "at": at, **attrs}


def notice(id_, at, frm, to, subject, method, ref=None, **more):
    """A written notice (notice_sent) of the seed contract; ``ref``: the fact it is about, if any."""
    attrs = {"from": frm, "to": to, "subject": subject, "method": method, **more}
    if ref is not None:
        attrs["ref"] = ref
    return fact(id_, "notice_sent", at, **attrs)


# All preconditions of 2.2(1) hold at Fri 2025-07-04 10:00; payment_term 30 days: start 07-05,
# last day Sun 08-03 (rest) → Mon 08-04 → due 2025-08-05T00:00.
PAY_1 = [
    {"id": "c", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},  # 11.1: in force from here
    {"id": "s", "type": "staff_onsite", "at": "2025-07-01T09:00:00+08:00", "count": 2},
    {"id": "pl", "type": "service_plan_submitted", "at": "2025-07-02T10:00:00+08:00"},
    {"id": "ap", "type": "payment_application_received", "at": "2025-07-03T10:00:00+08:00", "installment": 1,
     "amount": "3490000.00"},
    {"id": "in", "type": "invoice_received", "at": "2025-07-04T10:00:00+08:00", "installment": 1,
     "amount": "3490000.00", "kind": "vat_ordinary"},
]


def on_both_backends(rules, fact_lines, as_of):
    """The reference's report at ``as_of`` — the durable backend's being the very same JSON text, where
    durable_rules is installed (the cases counted by hand hold on either backend)."""
    from engine.live import available

    report = rules.evaluate(fact_lines, as_of)
    if available():
        assert json.dumps(rules.evaluate(fact_lines, as_of, backend="durable"), ensure_ascii=False) == \
            json.dumps(report, ensure_ascii=False)
    return report


def write_facts(facts, tmp_path, name="facts.jsonl"):
    """Fact dicts written as a fact file in ``tmp_path``; its path."""
    path = tmp_path / name
    path.write_text("\n".join(lines(facts)) + "\n", encoding="utf-8")
    return path


def eval_cli(facts, as_of, tmp_path, backend, *extra, fmt="json", rules=None):
    """`qiyue eval` of the fact dicts at ``as_of`` on ``backend`` (``extra``: more options), in a fresh process
    as a user runs it, on the seed rules unless ``rules``: the JSON report, or the text of another ``fmt``.
    A command that fails fails the test with its standard error."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    path = write_facts(facts, tmp_path, f"facts-{backend}.jsonl")
    run = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(rules or root / "rules" / "gzmz-2025-it-ops.qy"),
                          "--facts", str(path), "--as-of", as_of, "--format", fmt, "--backend", backend, *extra],
                         capture_output=True, text=True, cwd=root)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout) if fmt == "json" else run.stdout


def verdicts(rep):
    """What two backends must agree on: each row's verdict and dates, the events, the findings' codes."""
    return ([(o["name"], o.get("trigger"), o["status"], o.get("triggered_at"), o.get("due"), o.get("fulfilled_at"))
             for o in rep["obligations"]],
            [(r["name"], r.get("trigger"), r.get("status"), r.get("since"), r.get("amount")) for r in rep["remedies"]],
            [(e["name"], e["at"]) for e in rep["events"]],
            sorted(x["code"] for x in rep["findings"]))


def cli_on_both_backends(facts, as_of, tmp_path, *extra, verdict=verdicts):
    """The reference backend's JSON report of ``eval_cli``; the durable backend's must give the same ``verdict``."""
    ref = eval_cli(facts, as_of, tmp_path, "reference", *extra)
    dur = eval_cli(facts, as_of, tmp_path, "durable", *extra)
    assert verdict(ref) == verdict(dur)
    return ref


def triggers(report) -> dict:
    """The triggers of each obligation's duties, by obligation (those triggered by the report's instant)."""
    got: dict = {}
    for o in report["obligations"]:
        if o["triggered_at"]:
            got.setdefault(o["name"], []).append(o["trigger"])
    return got


def backends_agree_on_generated_streams(rules, max_examples: int, max_facts: int):
    """Hypothesis: the reports of both backends, at a stream's instant and up to two more, are the same
    JSON text — or the same error, where the reference stops (a month written `1` where consecutive( ) reads
    one) — for streams generated from ``rules`` (qiyue.testing)."""
    from hypothesis import HealthCheck, given, settings, strategies as st
    from engine.diagnostics import QiyueError
    from qiyue.testing import fact_streams, instants, lines as stream_lines

    def outcome(ls, at, backend):
        try:
            return json.dumps(rules.evaluate_many(ls, at, backend=backend), ensure_ascii=False)
        except QiyueError as exc:
            return f"error: {exc}"

    @settings(max_examples=max_examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(fact_streams(rules, max_facts=max_facts), st.lists(instants(rules), max_size=2))
    def check(stream, more):
        facts, as_of = stream
        ls = stream_lines(facts)
        assert outcome(ls, [as_of, *more], "durable") == outcome(ls, [as_of, *more], "reference")

    check()


@contextlib.contextmanager
def compiled_rules(text: str | None = None, name: str = "x.qy", path: str | None = None):
    """Rules compiled from ``text`` (or the file ``path``), their durable_rules rulesets freed after (a
    ruleset lives until told: a test that compiled its own rules lets them go)."""
    from engine.api import compile_file, compile_rules

    c = compile_file(path) if path else compile_rules(text, name)
    try:
        yield c
    finally:
        live = getattr(c, "_live_plan", None)
        if live is not None:
            live.close()
