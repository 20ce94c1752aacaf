"""Explanations are data: every step code the engine records has its words in Chinese and English.

One table gives each code sample arguments of the kinds the evaluator and the time module put
there; every code must be in the table, and every wording must come out whole in both languages,
the Chinese without English words a lawyer would have to read (identifiers aside)."""
import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from engine.run.compiler import Event
from engine.report.explain import FINDINGS, PHRASES, Labels, encode_step, finding_message, render, words
from engine.run.steps import Quantity, Step, TypeRef
from engine.time.timecalc import CONTRACT_TZ, Calendar, Moment, Period, Unit

CAL = Calendar()
AT = Moment.of(datetime(2026, 7, 13, 10, tzinfo=CONTRACT_TZ))
DUE = Moment(datetime(2026, 7, 14, tzinfo=CONTRACT_TZ), date(2026, 7, 13))
DAY = date(2026, 7, 13)
FACT = Event("f-017", "invoice_received", AT, {"installment": 1, "amount": Decimal("3490000.00")})
P10 = Period(10, Unit.WORKING_DAYS)
SUB = Step("matched", {"facts": [FACT]})
SAMPLES = {
    "day_alone_decides": {"facts": [FACT], "as_of": AT},
    "termination_order_decides": {"fact": FACT, "later": [FACT]},
    "tentative_decides": {"fact": FACT},
    "day_alone_moves_deadline": {"facts": [FACT], "as_of": AT, "due": DUE},
    "arose_on_day_of_end": {"day": date(2026, 7, 13), "by": TypeRef("buyer_without_cause"), "at": AT},
    "discharged_on_day_of_end": {"day": date(2026, 7, 13), "by": TypeRef("buyer_without_cause"), "at": AT, "due": AT},
    "cited": {"steps": (SUB,)},
    "triggered_by": {"clause": "5.2.3", "facts": [FACT]},
    "conditions_held": {"clause": "2.2(1)", "at": AT, "last": "f-017"},
    "condition": {"text": "exists(invoice_received)", "why": SUB},
    "matched": {"facts": [FACT]},
    "nothing_matched": {},
    "unmatched": {"facts": [FACT]},
    "unmet_since": {"as_of": AT, "why": SUB},
    "unmet_so_far": {"as_of": AT, "why": SUB},
    "compared": {"parts": [SUB], "value": Decimal("3490000.00")},
    "period_passed": {"period": Period(2, Unit.MONTHS), "start": AT, "end": DUE},
    "no_start": {},
    "none_matched": {},
    "in_force_from": {"clause": "11.1", "at": AT},
    "deadline_from": {"period": Period(30, Unit.DAYS), "anchor": AT, "term": False, "assumption": "payment_term",
                      "reason": "付款期限"},
    "deadline_before": {"period": Period(10, Unit.DAYS), "anchor": AT},
    "count_start": {"start": AT},
    "count_start_midnight": {"start": DUE, "day": DAY},
    "bare_latest_start": {"start": DUE, "day": DAY},
    "start_day_not_counted": {"day": DAY, "first": date(2026, 7, 14)},
    "last_day_of_days": {"period": Period(5, Unit.DAYS), "from": DAY, "last": date(2026, 7, 18)},
    "corresponding_day": {"period": Period(1, Unit.MONTHS), "from": DAY, "last": date(2026, 8, 13)},
    "corresponding_day_month_end": {"period": Period(1, Unit.MONTHS), "from": date(2024, 1, 31),
                                    "last": date(2024, 2, 29), "missing": 31},
    "term_not_moved": {"last": DAY},
    "last_day_moved": {"skipped": [CAL.day_info(date(2026, 10, 1))], "to": CAL.day_info(date(2026, 10, 8))},
    "last_day_working": {"last": CAL.day_info(DAY)},
    "last_day_ends": {"last": DAY, "first_late": DUE},
    "hours_from_instant": {"period": Period(2, Unit.HOURS), "due": AT},
    "hours_not_extended": {},
    "end_instant_included": {"due": AT},
    "window_last_day_ends": {"last": DAY, "first_late": DUE},
    "withdrawn_nothing_owed": {},
    "window_end_instant_included": {"due": AT},
    "working_days_start": {"day": DAY},
    "working_days_counted": {"days": [CAL.day_info(date(2026, 10, 10)), CAL.day_info(date(2026, 10, 12))]},
    "days_skipped": {"days": [CAL.day_info(date(2026, 10, 11))]},
    "working_days_counted_from_to": {"n": 61, "first": CAL.day_info(date(2026, 9, 29)),
                                     "last": CAL.day_info(date(2026, 12, 31)), "skipped": 32},
    "deemed_day": {"n": 3, "from": DAY, "day": date(2026, 7, 16)},
    "deemed_not_moved": {},
    "deemed_from_day_start": {"day": date(2026, 7, 16), "at": Moment.of(datetime(2026, 7, 16, tzinfo=CONTRACT_TZ))},
    "calendar_unknown_earliest": {"year": 2031, "how": "working_days", "last": date(2031, 1, 14)},
    "hours_before": {"period": Period(2, Unit.HOURS), "due": AT},
    "counted_back_event": {"event": AT, "day": DAY},
    "counted_back": {"period": Period(10, Unit.DAYS), "from": DAY, "last": date(2026, 7, 3)},
    "calendar_year_unknown": {"year": 2031, "known": "2004–2026", "day": date(2031, 1, 2)},
    "fulfilled": {"fact": FACT, "due": DUE, "inclusive": False, "earlier": True},
    "fulfilled_by_condition": {"at": AT, "due": DUE, "inclusive": False, "condition": "sum(p.amount) >= x",
                               "why": SUB},
    "performed_late": {"fact": FACT, "due": DUE},
    "performed_late_by_condition": {"at": AT, "due": DUE},
    "performed_calendar_unknown": {"fact": FACT, "year": 2031},
    "performed_after_undetermined": {"fact": FACT, "due": DUE, "late": True},
    "violated": {"type": TypeRef("invoice_received"), "due": DUE, "inclusive": True},
    "kept_until_end": {"due": DUE},
    "breached_by": {"fact": FACT},
    "excused": {"text": "8.2 但书", "at": AT, "fact": FACT},
    "not_taken_used": {"fact": FACT},
    "not_taken_mismatch": {"fact": FACT, "type": TypeRef("invoice_received"), "unmet": "i.installment == 2"},
    "excuse_after_delay": {"text": "8.2 但书", "fact": FACT},
    "excused_retroactively": {"text": "第962条", "fact": FACT},
    "not_excused": {"text": "8.2 但书", "at": AT},
    "duty_without_end": {},
    "duty_end_open": {},
    "duty_until": {"until": DUE},
    "duty_until_recounted": {"until": DUE},
    "discharged": {"at": AT, "ground": "buyer_terminates", "source": "f-9"},
    "discharged_in_part": {"at": AT, "ground": "revoked_unpaid", "source": "f-9"},
    "ended_in_part_after_breach": {"at": AT, "ground": "revoked_unpaid", "source": "f-9"},
    "undetermined_trigger_time": {"fact": FACT, "earliest": AT},
    "due_by_day_only": {"day": DUE.day, "earliest": AT},
    "undetermined_day_deadline": {"fact": FACT, "day": DUE.day, "earliest": AT},
    "undetermined_by_doubt": {"doubts": ["acceptance_review"]},
    "undetermined_calendar": {"why": Step("calendar_year_unknown", {"year": 2031, "known": "2004–2026", "day": None})},
    "undetermined_bare_day": {"fact": FACT, "due": AT},
    "undetermined_bare_before_trigger": {"fact": FACT, "trigger": AT},
    "undetermined_end_hour": {"end": AT, "due": DUE},
    "lapsed_when": {"clause": "8.3", "condition": "performed_in_full", "at": AT, "source": "f-026"},
    "row_lapsed_when": {"clause": "6.1", "condition": "paid", "at": AT, "source": "f-026"},
    "effect_lapsed": {"clause": "3.2", "condition": "passed(5 working days since first(signed))", "at": AT,
                      "source": "time:2026-01-07T00:00:00+08:00"},
    "deemed_on_day": {"day": DAY},
    "deemed_on_named_day": {"day": DAY},
    "deemed_on_day_not_before": {"day": DAY, "not_before": AT},
    "unless_met_late": {"fact": FACT, "at": AT, "due": DUE},
    "extended_back": {"fact": FACT, "length": Period(10, Unit.DAYS), "due_before": DUE, "due": DUE},
    "violation_withdrawn_back": {"fact": FACT, "due": DUE},
    "late_after_extension": {"due": DUE},
    "redated_back_remedy": {"duty": TypeRef("deliver"), "fact": FACT, "due": DUE},
    "violation_withdrawn_back_remedy": {"duty": TypeRef("deliver"), "fact": FACT, "due": DUE},
    "power_lapse_unknown": {"since": AT, "earliest": DUE, "year": 2027},
    "power_lapse_unknown_agreed": {"since": AT, "period": Period(10, Unit.WORKING_DAYS), "earliest": DUE, "year": 2027},
    "power_lapsed": {"since": AT, "period": Period(1, Unit.YEARS), "last": DUE},
    "power_lapsed_agreed": {"since": AT, "period": Period(30, Unit.DAYS), "last": DUE},
    "power_lapsed_until": {"since": AT, "until": DUE},
    "power_after_lapse": {"earlier": AT, "lapsed": DUE},
    "power_after_lapse_agreed": {"earlier": AT, "lapsed": DUE},
    "cap_unknown": {"amount": Quantity(Decimal("27000.00"), "money")},
    "accelerated": {"fact": FACT, "due_before": DUE, "due": AT},
    "accelerated_without_right": {"fact": FACT, "power": TypeRef("acceleration_right")},
    "accelerated_using": {"power": TypeRef("acceleration_right"), "since": AT},
    "right_lapsed_agreed": {"since": AT, "period": Period(6, Unit.MONTHS), "last": DUE},
    "right_lapsed_until": {"since": AT, "until": DUE},
    "right_lapse_unknown_agreed": {"since": AT, "period": Period(10, Unit.WORKING_DAYS), "earliest": DUE, "year": 2027},
    "settled_by": {"fact": FACT},
    "extended_too_late": {"fact": FACT, "due": DUE},
    "duty_until_known": {"until": DUE},
    "bare_on_effective_day": {"fact": FACT, "at": AT},
    "duty_until_learnt": {"text": "first(takeover).at", "at": AT, "until": DUE},
    "violation_withdrawn": {"fact": FACT, "at": AT, "due": DUE},
    "violation_withdrawn_remedy": {"duty": TypeRef("complete"), "fact": FACT, "at": AT, "due": DUE},
    "bare_start_window": {"day": date(2026, 4, 10), "earliest": AT, "latest": AT},
    "undetermined_bare_start": {"fact": FACT, "earliest": AT, "latest": AT},
    "undetermined_named_day_start": {"fact": FACT, "earliest": AT, "latest": AT},
    "undetermined_named_day": {"fact": FACT, "due": AT},
    "undetermined_unknown_time": {"source": "n-1", "type": TypeRef("invoice_received")},
    "undetermined_provisional": {"due": DUE, "year": 2031},
    "deemed_rests_on_doubt": {"doubts": ["acceptance_review"]},
    "amount": {"formula": "1%", "base": Decimal("175700.00"), "amount": Decimal("1757.00"), "per_day": False},
    "accrued": {"days": 21, "since": DUE, "end": date(2026, 8, 3), "late": False, "as_of": AT,
                "per_day": Decimal("6980.00"), "total": Decimal("146580.00")},
    "accrued_daily": {"since": DUE, "end": date(2026, 8, 3), "late": True, "as_of": AT, "ended": None,
                      "runs": [{"first": date(2026, 7, 14), "last": date(2026, 7, 20), "days": 7,
                                "per_day": Decimal("43.00"), "total": Decimal("301.00")},
                               {"first": date(2026, 7, 21), "last": date(2026, 8, 3), "days": 14,
                                "per_day": Decimal("20.00"), "total": Decimal("280.00")}],
                      "total": Decimal("581.00"), "rows": []},
    "remedy_doubt": {"doubts": ["acceptance_review"]},
    "computed": {"what": "amount", "text": "min(price × a.score ÷ 100, price)",
                 "terms": [{"text": "price", "value": Quantity(Decimal("100000.00"), "money")},
                           {"text": "a.score", "value": Quantity(Decimal("85.5"), "number")},
                           {"text": "rate", "value": Quantity(Decimal("0.001"), "percent")}],
                 "value": Quantity(Decimal("85500.00"), "money"), "per_day": False, "assumption": None},
    "due_before_trigger": {"due": DUE, "at": AT},
    "capped": {"cap": Decimal("10000.00"), "before": Decimal("8000.00"), "amount": Decimal("3000.00"),
               "allowed": Decimal("2000.00")},
    "suspended_by": {"fact": FACT, "due": DUE},
    "suspended_from_start": {"fact": FACT, "due": DUE},
    "capped_row": {"cap": Decimal("6000.00"), "amount": Decimal("6735.00")},
    "floored_row": {"floor": Quantity(Decimal("1.00"), "money"), "amount": Quantity(Decimal("0.00"), "money")},
    "amount_gone_with_power": {"amount": Quantity(Decimal("349000.00"), "money"), "at": AT},
    "amount_unknown": {"text": "price ÷ mean(p.score for each paid p)"},
    "suspended_also": {"fact": FACT, "since": AT},
    "still_suspended": {"fact": FACT, "since": AT},
    "extended": {"fact": FACT, "due_before": DUE, "due": AT},
    "extended_for": {"fact": FACT, "length": __import__("engine.time.timecalc").time.timecalc.Period(3, "days"), "due_before": DUE, "due": AT},
    "resumed": {"fact": FACT, "since": AT, "days": 3, "paused": Quantity(__import__("datetime").timedelta(hours=60),
                                                                         "elapsed"), "due_before": DUE, "due": AT},
    "period_cut": {"label": "2025-W03", "end": AT},
    "period_began": {"clause": "5", "label": "2026-03", "start": AT, "end": DUE},
    "due_by": {"text": "working_day_from(day_of_month(20, q))", "due": DUE, "day_end": True,
               "terms": [{"text": "day_of_month(20, q)", "value": Quantity(Moment.end_of_day(date(2026, 10, 3)), "number")}],
               "from": CAL.day_info(date(2026, 10, 3)),
               "skipped": [CAL.day_info(date(2026, 10, 3)), CAL.day_info(date(2026, 10, 4))]},
    "due_by_unknown": {"text": "first(report_due).at"},
    "due_by_known": {"text": "first(report_due).at", "at": AT},
    "due_start_unknown": {"text": "first(handover).at"},
    "length_zero": {"text": "o.days days"},
    "counted_once": {"overlap": 5, "rows": ["pay_installment_1#1.violated"], "days": 16,
                     "per_day": Decimal("6980.00"), "total": Decimal("111680.00")},
    "unknown_first_window": {"fact": FACT, "earliest": AT, "at": AT, "first": DUE, "last": DUE},
    "undetermined_unknown_first": {"fact": FACT, "earliest": AT, "latest": DUE},
    "unknown_first_same_due": {"fact": FACT, "earliest": AT, "due": DUE},
    "matched_before_effect": {"facts": [FACT], "at": AT, "effective": DUE},
    "amount_hour_unknown": {"facts": [FACT], "day": date(2026, 6, 29), "text": "round_up((r.at - p.at) ÷ 24 hours, 1)",
                            "least": Quantity(Decimal("31000.00"), "money"), "most": Quantity(Decimal("31500.00"), "money")},
    "accrued_hours_range": {"since": AT, "end": DUE, "to": "performed", "bare": "end", "low": 10, "high": 34,
                            "per_hour": Decimal("300.00"), "least": Decimal("3000.00"), "most": Decimal("10200.00")},
    "accrued_hours": {"hours": 5, "since": AT, "end": DUE, "to": "performed", "in_time": True,
                      "per_hour": Decimal("300.00"), "total": Decimal("1500.00")},
    "accrued_to_lapse": {"days": 3, "since": DUE, "end": date(2026, 7, 16), "lapsed": AT, "per_day": Decimal("6980.00"),
                         "total": Decimal("20940.00")},
    "accrued_to_end": {"days": 3, "since": DUE, "end": date(2026, 7, 16), "ended": AT, "per_day": Decimal("6980.00"),
                       "total": Decimal("20940.00")},
    "accrued_to_part_end": {"days": 3, "since": DUE, "end": date(2026, 7, 16), "ended": AT, "per_day": Decimal("100.00"),
                            "total": Decimal("300.00"), "ground": TypeRef("cancel_orders")},
    "lapsed": {"at": AT, "ground": "buyer_terminates"},
    "lapsed_in_part": {"at": AT, "ground": "revoked_unpaid"},
    "alternative_taken": {"power": TypeRef("terminate_634"), "at": AT},
    "power_exercised": {"fact": FACT, "at": AT},
    "caveat": {"clause": "8.4", "text": "乙方受不可抗力影响，可以主张延期履行或免责"},
    "recomputed_amount": {"since": AT, "first": Quantity(Decimal("1440000.00"), "money"), "at": AT,
                          "amount": Quantity(Decimal("960000.00"), "money")},
    "deemed_case": {"clause": "10.3", "text": "传真：发送当日"},
    "deemed_at": {"at": DUE},
    "no_case": {"name": "notice_delivered", "fact": "n-1"},
    "unless_expired": {"text": "payment_made p", "type": TypeRef("payment_made"), "period": Period(15, Unit.DAYS), "term": True, "due": DUE},
    "exercises": {"power": "supplier_termination", "clause": "8.3", "since": AT},
    "contract_ends": {"at": AT},
    "ends_in_part": {"at": AT, "rules": [TypeRef("pay_2"), TypeRef("pay_3")]},
    "ends_only_where": {"name": TypeRef("deliver"), "condition": "d.o.id == n.order"},
    "due_by_recounted_at_end": {"end": AT},
    "contract_ends_later": {"decided": AT, "at": DUE, "text": "第90日0时"},
    "no_power": {"clause": "8.3", "name": "supplier_terminates", "power": "supplier_termination", "at": AT,
                 "holder": "乙方"},
    "notice_at": {"name": "buyer_terminates", "fact": FACT},
    "rule_at": {"name": "signed", "span": "rules/x.qy:12:3"},
    "first_needed_by": {"name": "acceptance_review", "span": "rules/x.qy:40:5"},
    "add_calendar_file": {"year": 2031},
    "not_triggered": {"clause": "2.2(1)", "as_of": AT},
    "waits_for": {"text": "for each acceptance_applied a"},
    "condition_state": {"text": "exists(service_plan_submitted)", "state": "not_yet", "why": None},
    "not_in_force": {},
    # (this session's: an end before the duty arose, later periods brought forward, caps with a row not known, the
    # conditions of a duty a finding says had not arisen)
    "ended_before_triggered": {"at": AT, "by": TypeRef("buyer_terminates")},
    "period_accelerated": {"clause": "5", "label": "2026-04", "start": AT, "end": DUE, "fact": FACT},
    "capped_unknown": {"cap": Quantity(Decimal("1000.00"), "money"), "before": Quantity(Decimal("0.00"), "money"),
                       "least": Quantity(Decimal("3000.00"), "money"), "allowed": Quantity(Decimal("1000.00"), "money"),
                       "period": None},
    "cap_share_unknown": {"cap": Quantity(Decimal("1000.00"), "money"), "least_before": Quantity(Decimal("800.00"), "money"),
                          "unknown_before": True, "period": None},
    "awaited_conditions": {"name": TypeRef("pay_installment_1"), "clause": "2.2(1)"},
}
FINDING_SAMPLES = {
    "accelerated_periods_limited": {"name": TypeRef("repay"), "fact": FACT, "limit": 10000, "from": date(2859, 8, 1)},
    "negative_amount": {"name": TypeRef("slow"), "trigger": "f-3", "amount": Decimal("-500.00")},
    "due_before_trigger": {"name": TypeRef("monthly_report"), "trigger": "2026-01", "due": DUE, "at": AT},
    "already_terminated": {"fact": "f-10", "ended": AT, "ground": "buyer_terminates"},
    "terminated_in_part": {"fact": "f-10", "ground": TypeRef("revoked_unpaid"), "at": AT,
                           "rules": [TypeRef("pay_2"), TypeRef("pay_3")]},
    "terminated_together": {"fact": "f-10", "ended": AT, "ended_by": "buyer_terminates", "ground": "supplier_terminates"},
    "termination_without_right": {"fact": "f-10"},
    "termination_deferred": {"fact": "f-10", "at": DUE, "ground": TypeRef("licensee_convenience")},
    "termination_time_unknown": {"fact": "f-10", "ground": TypeRef("licensee_convenience")},
    "termination_deferred_overtaken": {"fact": "f-10", "at": DUE, "ground": TypeRef("licensee_convenience"),
                                       "ended": AT, "ended_by": TypeRef("for_cause")},
    "termination_undetermined": {"fact": "f-10", "doubts": ["acceptance_review"]},
    "termination_hour_unknown": {"fact": "f-10", "later": ["f-11", "f-12"]},
    "termination_ground_order_unknown": {"fact": "f-10", "notice": FACT, "later": ["f-11"], "day": date(2026, 7, 13),
                                         "first": TypeRef("buyer_without_cause"), "then": TypeRef("buyer_terminates")},
    "termination_order_unknown": {"fact": "f-10", "notice": FACT, "day": date(2026, 7, 13),
                                  "ended_by": TypeRef("supplier_terminates"), "ground": TypeRef("buyer_terminates")},
    "day_alone_at_as_of": {"fact": FACT, "day": date(2026, 7, 13), "as_of": AT},
    "facts_all_after_as_of": {"count": 4, "first": FACT, "as_of": AT},
    "window_unknown": {"name": TypeRef("withhold"), "trigger": "f-3", "text": "returned r"},
    "termination_ground_hour_unknown": {"fact": "f-10", "notice": FACT, "power": TypeRef("buyer_termination"),
                                        "ground": "f-9", "day": date(2026, 7, 13)},
    "termination_before_effective": {"fact": "f-10"},
    "contract_not_in_force": {"as_of": AT, "name": "signed", "label": "合同生效"},
    "contract_never_in_force": {"at": AT, "name": "signed", "label": None},
    "calendar_year_unknown": {"year": 2031},
    "out_of_range": {"error": "year 10000 is out of range"},
    "ref_to_later_fact": {"fact": "f-10", "name": "ref", "ref": "f-11"},
}
# Latin words the Chinese may show: identifiers and codes come from the samples, the rest are none.
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def allowed_words(args) -> set[str]:
    return set(IDENTIFIER.findall(repr(args))) | {"calendar", "file", "calendars", "README", "md", "toml",
                                                  "fallback", "weekdays", "qy"}


def test_every_code_has_a_sample_and_every_sample_a_code():
    assert set(SAMPLES) == set(PHRASES)
    assert set(FINDING_SAMPLES) == set(FINDINGS)


@pytest.mark.parametrize("code", sorted(set(SAMPLES) - {"cited"}))
def test_each_step_is_worded_in_both_languages(code):
    enc = encode_step(Step(code, SAMPLES[code]), Labels())
    zh, en = render(enc, "zh"), render(enc, "en")
    assert zh and en and zh != en
    assert "{" not in zh and "{" not in en and "None" not in zh and "None" not in en
    stray = {w for w in IDENTIFIER.findall(zh) if len(w) > 2} - allowed_words(SAMPLES[code])
    assert not stray, f"{code}: English in the Chinese wording: {stray} — {zh}"


@pytest.mark.parametrize("code", sorted(FINDING_SAMPLES))
def test_each_finding_of_the_evaluator_is_worded_in_both_languages(code):
    enc = encode_step(Step(code, FINDING_SAMPLES[code]), Labels())["args"]
    zh, en = finding_message(code, enc, "zh"), finding_message(code, enc, "en")
    assert zh and en and zh != en and "{" not in zh
    stray = {w for w in IDENTIFIER.findall(zh) if len(w) > 2} - allowed_words(FINDING_SAMPLES[code])
    assert not stray, f"{code}: English in the Chinese wording: {stray} — {zh}"


def test_a_step_is_json_of_self_describing_values():
    enc = encode_step(Step("fulfilled", SAMPLES["fulfilled"], 1), Labels())
    assert enc["code"] == "fulfilled" and enc["depth"] == 1
    fact = enc["args"]["fact"]
    assert fact["kind"] == "fact" and fact["id"] == "f-017" and fact["at"] == "2026-07-13T10:00:00+08:00"
    assert enc["args"]["due"] == {"kind": "instant", "at": "2026-07-14T00:00:00+08:00", "cn": "2026年7月13日24时"}
    day = encode_step(Step("last_day_working", {"last": CAL.day_info(date(2026, 10, 10))}), Labels())["args"]["last"]
    assert day["kind"] == "day" and day["type"] == "makeup" and day["holiday_zh"] == "国庆节"


def test_dates_money_and_days_read_as_a_lawyer_writes_them():
    zh = words([Step("accrued", SAMPLES["accrued"])], "zh")[0]
    assert "2026年7月13日24时" in zh and "¥6,980.00" in zh and "21 日" in zh
    zh = words([Step("last_day_moved", SAMPLES["last_day_moved"])], "zh")[0]
    assert "2026年10月1日（星期四，法定节假日（国庆节））" in zh and "民法典第203条" in zh
    zh = words([Step("working_days_counted", SAMPLES["working_days_counted"])], "zh")[0]
    assert "2026年10月10日（星期六，调休上班日（国庆节调休））" in zh


def test_a_code_this_version_does_not_know_is_shown_not_lost():
    assert render({"code": "from_the_future", "args": {"x": 1}}, "zh") == "from_the_future: x=1"


def test_a_duty_performed_by_a_condition_says_what_it_stands_on():
    why = Step("compared", {"parts": [SUB], "value": Decimal("100.00")})
    zh = words([Step("violated", {"type": None, "due": DUE, "inclusive": False, "condition": "sum(p.amount) >= x",
                                  "why": why})], "zh")[0]
    assert "仍未履行：履行条件 sum(p.amount) >= x 未成立" in zh and "f-017" in zh and "¥100.00" in zh


def test_a_cited_explanation_is_the_same_steps_one_level_in():
    inner = (Step("triggered_by", SAMPLES["triggered_by"]), Step("deemed_at", SAMPLES["deemed_at"]))
    lines = words([Step("amount", SAMPLES["amount"]), Step("cited", {"steps": inner}, 1)], "zh")
    assert lines[0].startswith("金额") and lines[1].startswith("  第5.2.3条：由") and lines[2].startswith("  视为于")
    enc = encode_step(Step("cited", {"steps": inner}, 1), Labels())
    assert enc["depth"] == 1 and [s["code"] for s in enc["args"]["steps"]] == ["triggered_by", "deemed_at"]


def test_the_variants_of_a_step_added_in_the_session_of_2026_12_07_are_worded_in_both_languages():
    """An excuse that held as its duty arose (`arose`, not `at`: it may have held long before — review round 40); a
    notice on a power not held: held once and gone, or not yet held and from when (user round 24)."""
    zh = words([Step("excused", {"text": "8.2 但书", "arose": AT})], "zh")[0]
    assert "本项产生之时（2026年7月13日10时）该条件已成立" in zh
    assert "already held when the duty arose" in words([Step("excused", {"text": "8.2 但书", "arose": AT})], "en")[0]
    for state, said in (("gone", "曾经取得，通知时已消灭"), ("not_yet", "尚未取得，见下")):
        enc = encode_step(Step("termination_without_right", {"fact": "f-10", "state": state}), Labels())["args"]
        assert said in finding_message("termination_without_right", enc, "zh")
        assert "see below" in finding_message("termination_without_right", enc, "en")
    enc = encode_step(Step("termination_without_right", {"fact": "f-10", "state": "not_yet", "held_from": AT}),
                      Labels())["args"]
    assert "自 2026年7月13日10时 起才享有" in finding_message("termination_without_right", enc, "zh")


def test_a_comparison_of_two_counted_sides_names_each_side():
    """A sum of refunds against a sum of deposits: each side's facts told apart — not “无相符的事实；相符的事实：…” in one
    breath (contract round 39)."""
    none = Step("matched", {"facts": []})
    why = Step("compared", {"parts": [none, SUB], "sides": True, "value": Decimal("0.00"),
                            "other": Decimal("50000.00"), "op": ">="})
    zh, en = words([why], "zh")[0], words([why], "en")[0]
    assert zh.startswith("前者：无相符的事实；后者：相符的事实：") and "条件要求 ≥ ¥50,000.00" in zh
    assert en.startswith("left: nothing matched; right: matching: f-017")


def test_conditions_held_by_one_of_two_facts_says_which_cannot_be_told():
    """A `when` condition completed by a fact of known time and one of that day alone: either may have been the last
    (counsel round 41)."""
    step = Step("conditions_held", {"clause": "2.2(1)", "at": AT, "last": ["pl", "in"]})
    assert words([step], "zh")[0].endswith("最后满足的是 pl 或 in（孰先孰后无法判断）")
    assert words([step], "en")[0].endswith("the last met by pl or in (which came first cannot be told)")


def test_a_notice_on_a_power_used_already_says_when():
    """A batch rescinded on 03-25 and the same notice again on 03-26: the power was used, when (user round 25)."""
    enc = encode_step(Step("termination_without_right", {"fact": "f-10", "state": "used", "used_at": AT}),
                      Labels())["args"]
    assert "已于 2026年7月13日10时 行使，不能再次行使" in finding_message("termination_without_right", enc, "zh")
    assert "was used already at" in finding_message("termination_without_right", enc, "en")


def test_an_hour_range_under_the_least_of_a_row_says_so():
    """An amount by the hour between two counts, the most of them not above `each at least`: the row's least decides
    it whatever the hour (fuzz round 32), and the words say so rather than 'cannot be told'."""
    step = Step("accrued_hours_range", {"since": AT, "end": DUE, "to": "performed", "bare": "end", "low": 1, "high": 24,
                                        "per_hour": Decimal("0.0002"), "least": Decimal("0.00"),
                                        "most": Decimal("0.00"), "floored": True})
    assert "最多亦不超过每笔下限" in words([step], "zh")[0]
    assert "无法确定" not in words([step], "zh")[0]
    assert "not above the least of a row" in words([step], "en")[0]
