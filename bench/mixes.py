"""qiyue benchmark over several fact mixes: the whole `qiyue eval` command, end to end, against a
plain JSON parse of the same file (issue 13, parts 1 and 5).

    python bench/mixes.py                                  # every mix, 100,000 facts
    python bench/mixes.py --sizes 100000,1000000 --mixes notice,contracts
    python bench/mixes.py --profile interruption           # where the time goes, phase by phase
    python bench/mixes.py --snapshot 6b2a833               # the engine of that commit, not the working tree
    python bench/mixes.py --list                           # the mixes and what is in them

One generated stream can be tuned for; several cannot.  Each mix is a deterministic, seeded stream
of the seed contract's facts (rules/gzmz-2025-it-ops.qy) over its one service year — every fact
between the signing on 2025-06-27 and 2026-07-30, the report as of 2026-07-31, so that no verdict
needs a calendar year the engine does not know (2025 and 2026 are known) — beginning with
contract_signed so that the contract takes effect.  What the engine accepts is checked by the run
itself: a stream it refused would end `qiyue eval` with exit code 1 and is shown as such.

For each mix and size this prints

  * the plain parse of the file in Python — ``[json.loads(l) for l in f]``, and ``orjson.loads``
    per line when orjson is installed — in this process, median of --parse-repeat runs: the
    baseline;
  * ``qiyue eval RULES --facts FILE --as-of T --format F -o OUT`` as a subprocess (interpreter
    start, import, rule compile, read, validate, evaluate, report, write), for F in json and text,
    and html at the smallest size only (it is the slowest renderer): seconds, facts/s, the RATIO
    to the json.loads parse (targets printed beside it: ≤ 8×, goal 3×), the peak RSS of that
    process (``os.wait4``'s rusage, i.e. exactly that child) and the output size;
  * with two sizes or more: the per-fact cost at the largest size over that at the smallest
    (target ≤ 1.3×), and the growth of peak RSS above the start-up RSS, against linear;
  * the machine (CPU model, cores, Python), the commit and whether engine/ is modified.

It never passes or fails: exit code 0 whenever it ran; figures, not verdicts.

Generated streams are cached as ``<cache>/<mix>-<size>-s<seed>-g<GENERATOR>.jsonl`` (default cache
``$TMPDIR/qiyue-bench-mixes``; ``--cache DIR``; ``--clean`` deletes it), so reruns do not generate
again; GENERATOR is bumped whenever the generator changes what it writes.

``--snapshot REV`` runs the engine/, grammar/ and rules/ of a commit (exported with git archive to a
temporary directory) instead of the working tree: before/after figures from one sitting while the
working tree is being changed.  ``--save FILE`` keeps the figures as JSON, ``--show FILE`` prints
their summary again.  bench/README.md records the figures.

``--profile MIX`` runs the json path in this process instead — read, validate (load_facts),
evaluate (run), report build (report.build), output (the CLI's JSON writer and the file write) —
under cProfile, one profile per phase, and prints each phase's time and its top --top functions by
cumulative time.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

try:
    import orjson
except ImportError:  # the baseline is then json.loads alone
    orjson = None

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT  # the tree whose engine/ and rules/ are run: the working tree, or a --snapshot of a commit
RULES_NAME = Path("rules") / "gzmz-2025-it-ops.qy"
SNAPSHOT: str | None = None  # "<rev> (<short sha>)" when running a snapshot
AS_OF = "2026-07-31T00:00:00+08:00"
GENERATOR = 1  # bump when a change to the generator changes the streams it writes (the cache key)

TARGET_RATIO, GOAL_RATIO, TARGET_SCALING = 8.0, 3.0, 1.3

# ====================================================================================== the streams

SIGNED = datetime(2025, 6, 27, 10, 0)
YEAR_FIRST = datetime(2025, 7, 1)
YEAR_LAST = datetime(2026, 6, 24)   # incidents start up to here; the service year ends 2026-06-27
TAIL = datetime(2026, 7, 30, 23, 0)  # nothing is generated after this (as_of is 2026-07-31)
A, B = "甲方", "乙方"                  # buyer, supplier
OTHER_SUBJECTS = ("meeting", "work_report", "rectification", "staffing", "inspection", "monthly_report",
                  "change_request", "training")
INSTALLMENT = {1: 349_000_000, 2: 139_600_000, 3: 209_400_000}  # in fen (cents)
SUBPROJECTS = 29


def ts(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S+08:00")


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


class Stream:
    """Facts with local keys; ids are given when written (after sorting by time)."""

    def __init__(self):
        self.items: list[tuple[datetime, int, dict]] = []

    def __len__(self):
        return len(self.items)

    def add(self, at: datetime, ftype: str, ref: int | None = None, **attrs) -> int:
        key = len(self.items)
        fact = {"type": ftype, "at": at, **attrs}
        if ref is not None:
            fact["__ref"] = ref
        self.items.append((at, key, fact))
        return key

    def lines(self, prefix: str = "f-", width: int = 7) -> list[str]:
        """Time-ordered JSON lines (ties: order of making), ids ``prefix`` + a number."""
        self.items.sort(key=lambda t: (t[0], t[1]))
        ids = {key: f"{prefix}{i + 1:0{width}d}" for i, (_, key, _) in enumerate(self.items)}
        out = []
        for at, key, fact in self.items:
            fact = dict(fact)
            row = {"id": ids[key], "type": fact.pop("type"), "at": ts(fact.pop("at"))}
            ref = fact.pop("__ref", None)
            if ref is not None:
                row["ref"] = ids[ref]
            row.update(fact)
            out.append(json.dumps(row, ensure_ascii=False))
        return out


def instant(rng: random.Random, first: datetime = YEAR_FIRST, last: datetime = YEAR_LAST) -> datetime:
    """An instant in the service year; mostly office hours, sometimes at night."""
    day = first + timedelta(days=rng.randrange(max(1, (last - first).days)))
    minute = rng.randrange(8 * 60, 19 * 60) if rng.random() < 0.8 else rng.randrange(24 * 60)
    return day + timedelta(minutes=minute, seconds=rng.randrange(60))


# ---------------------------------------------------------------------------------- the backbone

def backbone(s: Stream, rng: random.Random, signed: bool = True) -> None:
    """The contract's main line: signing, staff, plan, guarantees, three installments, the
    mid-term report, acceptance, handover and the bond's release (26 facts)."""
    if signed:
        s.add(SIGNED, "contract_signed")
    else:  # signed by each party separately: effective at the later signature
        s.add(SIGNED, "contract_signed", party=A)
        s.add(SIGNED + timedelta(hours=2), "contract_signed", party=B)
    s.add(datetime(2025, 7, 1, 9, 0), "staff_onsite", count=1)
    s.add(datetime(2025, 7, 1, 9, 30), "staff_onsite", count=1)
    s.add(datetime(2025, 7, 2, 10, 0), "service_plan_submitted")
    s.add(datetime(2025, 7, 3, 10, 0), "payment_application_received", installment=1, amount=yuan(INSTALLMENT[1]))
    s.add(datetime(2025, 7, 4, 10, 0), "invoice_received", installment=1, amount=yuan(INSTALLMENT[1]),
          kind="vat_ordinary")
    s.add(datetime(2025, 7, 10, 10, 0), "guarantee_submitted", purpose="performance", amount="340000.00",
          valid_until="2026-12-31")  # too small
    s.add(datetime(2025, 7, 15, 10, 0), "guarantee_submitted", purpose="performance", amount="349000.00",
          valid_until="2026-12-31")
    s.add(datetime(2025, 7, 18, 15, 0), "payment_made", installment=1, amount="2000000.00")
    s.add(datetime(2025, 7, 25, 15, 0), "payment_made", installment=1, amount="1490000.00")
    s.add(datetime(2025, 8, 25, 10, 0), "midterm_report_submitted")
    s.add(datetime(2025, 8, 29, 16, 0), "midterm_report_approved")
    s.add(datetime(2025, 9, 1, 10, 0), "payment_application_received", installment=2, amount=yuan(INSTALLMENT[2]))
    s.add(datetime(2025, 9, 1, 10, 30), "invoice_received", installment=2, amount=yuan(INSTALLMENT[2]),
          kind="vat_ordinary")
    s.add(datetime(2025, 9, 5, 9, 0), "guarantee_submitted", purpose="prepayment", amount="2094000.00",
          valid_until="2026-07-31")
    s.add(datetime(2025, 9, 5, 10, 0), "payment_application_received", installment=3, amount=yuan(INSTALLMENT[3]))
    s.add(datetime(2025, 9, 5, 10, 30), "invoice_received", installment=3, amount=yuan(INSTALLMENT[3]),
          kind="vat_special")  # the wrong kind, then the right one
    s.add(datetime(2025, 9, 8, 10, 30), "invoice_received", installment=3, amount=yuan(INSTALLMENT[3]),
          kind="vat_ordinary")
    s.add(datetime(2025, 9, 15, 15, 0), "payment_made", installment=2, amount=yuan(INSTALLMENT[2]))
    s.add(datetime(2025, 10, 20, 15, 0), "payment_made", installment=3, amount=yuan(INSTALLMENT[3]))  # late
    s.add(datetime(2026, 3, 2, 9, 0), "staff_onsite", count=1)
    s.add(datetime(2026, 6, 29, 10, 0), "acceptance_applied")
    s.add(datetime(2026, 7, 6, 17, 0), "acceptance_review_completed", passed=True)
    s.add(datetime(2026, 7, 10, 10, 0), "acceptance_held", passed=True)
    s.add(datetime(2026, 7, 20, 10, 0), "handover_delivered")
    s.add(datetime(2026, 7, 24, 10, 0), "bond_release_assisted")


# ---------------------------------------------------------------------------------- episodes
# Each takes the stream, the generator and the facts still allowed (>= 1), adds a few related facts
# (never more than the budget) and returns how many.

def notice(s: Stream, rng: random.Random, at: datetime, frm: str, subject: str, ref: int | None,
           shares=(0.45, 0.30, 0.15, 0.04, 0.03, 0.03)) -> int:
    """A written notice (第10.3条): shares of personal with a receipt, fax, express in the city,
    express out of town (half with a receipt), personal without a receipt, registered mail."""
    to = B if frm == A else A
    attrs: dict = {"from": frm, "to": to, "subject": subject}
    r, acc, kind = rng.random(), 0.0, len(shares) - 1
    for i, share in enumerate(shares):
        acc += share
        if r < acc:
            kind = i
            break
    if kind == 0:
        attrs.update(method="personal", signed_at=ts(at + timedelta(minutes=rng.randrange(5, 180))))
    elif kind == 1:
        attrs.update(method="fax")
    elif kind == 2:
        attrs.update(method="express")  # local: default true
    elif kind == 3:
        attrs.update(method="express", local=False)
        if rng.random() < 0.5:
            attrs["signed_at"] = ts(at + timedelta(days=rng.randrange(2, 6), minutes=rng.randrange(600)))
    elif kind == 4:
        attrs.update(method="personal")  # no receipt: delivery undetermined
    else:
        attrs.update(method="registered_mail", local=rng.random() < 0.8)
    return s.add(at, "notice_sent", ref=ref, **attrs)


def interruption(s: Stream, rng: random.Random, budget: int) -> int:
    """A service interruption of one sub-project; 甲方's notice (mostly); resolved (mostly in time)."""
    t0 = instant(rng)
    sub = rng.randint(1, SUBPROJECTS)
    k = s.add(t0, "service_interruption_started", subproject=sub, cause="supplier" if rng.random() < 0.8 else "buyer")
    used = 1
    if used < budget and rng.random() < 0.92:
        notice(s, rng, t0 + timedelta(minutes=rng.randrange(10, 6 * 60)), A, "service_interruption", k)
        used += 1
    if used < budget:
        r = rng.random()
        if r < 0.80:
            done = t0 + timedelta(minutes=rng.randrange(30, 4 * 24 * 60))
        elif r < 0.96:
            done = t0 + timedelta(minutes=rng.randrange(5 * 24 * 60, 15 * 24 * 60))  # late
        else:
            done = None  # never resolved
        if done is not None and done < TAIL:
            s.add(done, "service_interruption_resolved", subproject=sub)
            used += 1
    return used


def data_leak(s: Stream, rng: random.Random, budget: int) -> int:
    """A data leak; 乙方's written notice (some later than the 2 hours, some never)."""
    t0 = instant(rng)
    attrs = {"cause": "supplier" if rng.random() < 0.7 else "other"}
    if rng.random() < 0.1:
        attrs["found_by"] = A
    k = s.add(t0, "data_leak_discovered", **attrs)
    if budget >= 2 and rng.random() < 0.9:
        notice(s, rng, t0 + timedelta(minutes=rng.randrange(10, 4 * 60)), B, "data_leak", k,
               (0.30, 0.55, 0.10, 0.02, 0.02, 0.01))
        return 2
    return 1


def force_majeure(s: Stream, rng: random.Random, budget: int) -> int:
    """Force majeure; the affected party's notice (mostly within 2 days); sometimes a certificate."""
    t0 = instant(rng)
    party = rng.choice((A, B))
    k = s.add(t0, "force_majeure_occurred", party=party)
    used = 1
    if used < budget and rng.random() < 0.9:
        notice(s, rng, t0 + timedelta(minutes=rng.randrange(60, 3 * 24 * 60)), party, "force_majeure", k,
               (0.40, 0.35, 0.18, 0.03, 0.02, 0.02))
        used += 1
    if used < budget and rng.random() < 0.3:
        s.add(t0 + timedelta(days=rng.randrange(3, 30)), "force_majeure_certified", ref=k)
        used += 1
    return used


def security_incident(s: Stream, rng: random.Random, budget: int) -> int:
    """A data-security incident found in operations, and (mostly) 乙方's notice of it."""
    t0 = instant(rng)
    attrs = {"found_by": A} if rng.random() < 0.1 else {}
    k = s.add(t0, "security_incident_found", **attrs)
    if budget >= 2 and rng.random() < 0.85:
        notice(s, rng, t0 + timedelta(minutes=rng.randrange(5, 3 * 60)), B, "security_incident", k,
               (0.4, 0.5, 0.05, 0.02, 0.02, 0.01))
        return 2
    return 1


def other_notice(s: Stream, rng: random.Random, budget: int) -> int:
    """An everyday notice (meeting, report, …) from either party, about no fact (or, rarely, one)."""
    ref = rng.randrange(len(s)) if s.items and rng.random() < 0.05 else None
    at = instant(rng)
    if ref is not None and s.items[ref][0] >= at:
        ref = None
    notice(s, rng, at, rng.choice((A, B)), rng.choice(OTHER_SUBJECTS), ref)
    return 1


def address_change(s: Stream, rng: random.Random, budget: int) -> int:
    """A change of address, announced (mostly ≥ 10 days before, sometimes too late, sometimes not)."""
    t0 = instant(rng, YEAR_FIRST + timedelta(days=30))
    party = rng.choice((A, B))
    s.add(t0, "address_changed", party=party)
    if budget >= 2 and rng.random() < 0.9:
        notice(s, rng, t0 - timedelta(days=rng.randrange(1, 25)), party, "address_change", None,
               (0.4, 0.4, 0.15, 0.02, 0.02, 0.01))
        return 2
    return 1


def payment(s: Stream, rng: random.Random, budget: int) -> int:
    """A finance-system episode for one installment: an application (sometimes for a wrong amount),
    invoices (whole, in parts, or of the wrong kind), payments in parts, now and then a guarantee."""
    inst = rng.choice((1, 2, 3))
    full = INSTALLMENT[inst]
    t = instant(rng, YEAR_FIRST, datetime(2026, 6, 1))
    used = 0

    def step(hours_lo=1, hours_hi=96):
        return t + timedelta(hours=rng.randrange(hours_lo, hours_hi), minutes=rng.randrange(60))

    if rng.random() < 0.7:
        amount = full if rng.random() < 0.8 else full - rng.randrange(1, 1000) * 100
        s.add(t, "payment_application_received", installment=inst, amount=yuan(amount))
        used += 1
    parts = rng.choice((1, 1, 2, 3))
    for i in range(parts):
        if used >= budget:
            return used
        t = step()
        kind = "vat_ordinary" if rng.random() < 0.85 else "vat_special"
        amount = full // parts if i < parts - 1 else full - (full // parts) * (parts - 1)
        s.add(t, "invoice_received", installment=inst, amount=yuan(amount), kind=kind)
        used += 1
    pays = rng.choice((1, 2, 2, 3, 4))
    for i in range(pays):
        if used >= budget:
            return used
        t = step(24, 24 * 20)
        share = rng.choice((10, 20, 25, 50, 100))
        s.add(t, "payment_made", installment=inst, amount=yuan(full * share // 100 + rng.randrange(0, 100)))
        used += 1
    if used < budget and rng.random() < 0.1:
        purpose = rng.choice(("performance", "prepayment"))
        amount = 34_900_000 if purpose == "performance" else full
        amount -= rng.choice((0, 0, 0, 1_000_000))
        valid = datetime(2026, rng.randint(6, 12), rng.randint(1, 28)).strftime("%Y-%m-%d")
        s.add(step(), "guarantee_submitted", purpose=purpose, amount=yuan(amount), valid_until=valid)
        used += 1
    return used


def staff(s: Stream, rng: random.Random, budget: int) -> int:
    """Staff arriving on site (a fact that only feeds a sum in installment 1's condition)."""
    s.add(instant(rng), "staff_onsite", count=rng.choice((1, 1, 1, 2)))
    return 1


def lone_incident(s: Stream, rng: random.Random, budget: int) -> int:
    """A security incident that nobody gives notice of."""
    s.add(instant(rng), "security_incident_found")
    return 1


def reports(s: Stream, rng: random.Random, budget: int) -> int:
    """A service plan or mid-term report handed in (and the report approved)."""
    t = instant(rng)
    r = rng.random()
    if r < 0.4:
        s.add(t, "service_plan_submitted")
        return 1
    s.add(t, "midterm_report_submitted")
    if budget >= 2:
        s.add(t + timedelta(days=rng.randrange(1, 10)), "midterm_report_approved")
        return 2
    return 1


def confidentiality(s: Stream, rng: random.Random, budget: int) -> int:
    """A breach of confidentiality by either party (violates a continuing duty)."""
    s.add(instant(rng), "confidentiality_breach", party=rng.choice((A, B)))
    return 1


def by_hand(s: Stream, rng: random.Random, at: datetime, frm: str, subject: str, ref: int | None) -> int:
    """A notice delivered by hand whose receipt gives the day the receiver signed, the day alone
    (10.3.1 "签收之日", ``"signed_at": "2026-04-10"``; half of them): the delivery is deemed on that day — an
    event dated by a day, recorded after deliveries of that day already taken (a fax, a receipt timed to the
    minute; a quarter each)."""
    to = B if frm == A else A
    attrs = {"from": frm, "to": to, "subject": subject}
    r = rng.random()
    if r < 0.25:  # (half of the others by fax, half with a receipt timed to the minute: deliveries later that day)
        attrs["method"] = "fax"
    else:
        signed = at + timedelta(minutes=rng.randrange(5, 600) if rng.random() < 0.8 else rng.randrange(1440, 2880))
        attrs.update(method="personal", signed_at=ts(signed) if r < 0.5 else signed.strftime("%Y-%m-%d"))
    return s.add(at, "notice_sent", ref=ref, **attrs)


def receipt_notice(s: Stream, rng: random.Random, budget: int) -> int:
    """An everyday notice delivered by hand, its receipt dated by the day alone."""
    by_hand(s, rng, instant(rng), rng.choice((A, B)), rng.choice(OTHER_SUBJECTS), None)
    return 1


def receipt_leak(s: Stream, rng: random.Random, budget: int) -> int:
    """A data leak and 乙方's notice of it delivered by hand (a day-dated receipt), mostly within hours."""
    t0 = instant(rng)
    k = s.add(t0, "data_leak_discovered", cause="supplier" if rng.random() < 0.7 else "other")
    if budget >= 2 and rng.random() < 0.9:
        by_hand(s, rng, t0 + timedelta(minutes=rng.randrange(10, 4 * 60)), B, "data_leak", k)
        return 2
    return 1


def receipt_interruption(s: Stream, rng: random.Random, budget: int) -> int:
    """An interruption, 甲方's notice of it delivered by hand (a day-dated receipt), its resolution."""
    t0 = instant(rng)
    sub = rng.randint(1, SUBPROJECTS)
    k = s.add(t0, "service_interruption_started", subproject=sub, cause="supplier")
    used = 1
    if used < budget:
        by_hand(s, rng, t0 + timedelta(minutes=rng.randrange(10, 6 * 60)), A, "service_interruption", k)
        used += 1
    if used < budget:
        done = t0 + timedelta(minutes=rng.randrange(30, 8 * 24 * 60))
        if done < TAIL:
            s.add(done, "service_interruption_resolved", subproject=sub)
            used += 1
    return used


def guarantee(s: Stream, rng: random.Random, budget: int) -> int:
    """A bank guarantee handed in (either purpose, now and then short), valid until a day of 2026: the
    performance ones expire (第2.1(2)条 到期自动失效) through the year, some after the acceptance."""
    purpose = rng.choice(("performance", "performance", "prepayment"))
    amount = (34_900_000 if purpose == "performance" else INSTALLMENT[3]) - rng.choice((0, 0, 0, 1_000_000))
    valid = datetime(2026, rng.randint(1, 12), rng.randint(1, 28)).strftime("%Y-%m-%d")
    s.add(instant(rng), "guarantee_submitted", purpose=purpose, amount=yuan(amount), valid_until=valid)
    return 1


# ---------------------------------------------------------------------------------- the mixes

@dataclass
class Mix:
    name: str
    what: str
    weights: list[tuple[float, Callable]] = field(default_factory=list)
    blocks: int = 0  # > 0: many contract years' worth, each of this many facts, concatenated

    def fill(self, s: Stream, rng: random.Random, n: int) -> None:
        total = sum(w for w, _ in self.weights)
        while len(s) < n:
            r, acc = rng.random() * total, 0.0
            for w, make in self.weights:
                acc += w
                if r < acc:
                    make(s, rng, n - len(s))
                    break


REALISTIC = [(0.40, interruption), (0.12, data_leak), (0.06, force_majeure), (0.06, security_incident),
             (0.20, other_notice), (0.03, address_change), (0.10, payment), (0.02, staff), (0.01, reports)]

MIXES = {m.name: m for m in (
    Mix("realistic", "the issue's 'realistic' stream: interruptions, notices, data leaks, force majeure, "
        "security incidents, some payments", REALISTIC),
    Mix("notice", "notice-heavy: everyday notices by every method (some undeliverable), address changes, "
        "and the incidents that notices are about",
        [(0.60, other_notice), (0.10, address_change), (0.12, interruption), (0.08, data_leak),
         (0.04, force_majeure), (0.06, security_incident)]),
    Mix("interruption", "interruption-heavy: interruptions of the 29 sub-projects, 甲方's notices, "
        "resolutions in time, late or never",
        [(0.92, interruption), (0.06, other_notice), (0.02, staff)]),
    Mix("payment", "payment-heavy: applications, invoices (whole, in parts, wrong kind), payments in parts, "
        "guarantees, staff arrivals",
        [(0.85, payment), (0.05, staff), (0.04, reports), (0.04, other_notice), (0.02, interruption)]),
    Mix("leak-fm", "data-leak / force-majeure heavy: leaks, force majeure with notices and certificates, "
        "security incidents, a few breaches of confidentiality",
        [(0.45, data_leak), (0.32, force_majeure), (0.18, security_incident), (0.045, other_notice),
         (0.005, confidentiality)]),
    Mix("contracts", "many contracts' worth at once: independent contract years (a backbone and a "
        "realistic stream of 1,000 facts each, ids c00001-f-0001…) concatenated, so the file is not "
        "in time order", REALISTIC, blocks=1000),
    Mix("one-incident", "one type dominating (97%): security_incident_found, each one a duty to notify "
        "that mostly ends violated (the report grows with the facts)",
        [(0.97, lone_incident),
         (0.03, other_notice)]),
    Mix("one-staff", "one type dominating (97%): staff_onsite, a fact that only feeds a sum in a condition "
        "(the report does not grow with the facts)",
        [(0.97, staff), (0.03, other_notice)]),
    Mix("receipts", "notices delivered by hand, half of the receipts dated by the day alone (10.3.1 签收之日, "
        "signed_at 2026-04-10): deliveries deemed on a day, recorded after that day's faxes; security incidents "
        "nobody gives notice of (duties whose violation names the deliveries that did not perform them)",
        [(0.30, receipt_notice), (0.25, receipt_leak), (0.25, receipt_interruption), (0.20, lone_incident)]),
    Mix("address", "one type dominating (97%): address changes (10.2), each announced by the changing party "
        "(mostly in time, some too late, a tenth never) — duties never performed that every later notice of "
        "that party could still perform (quadratic in the notices until Compiler.retiring)",
        [(0.97, address_change), (0.03, other_notice)]),
    Mix("guarantees", "one type dominating (97%): bank guarantees of both purposes expiring through 2026 — after the "
        "acceptance, whether the contract was performed in full (8.3) is asked again at every guarantee and "
        "expiry (quadratic in the guarantees until Compiler._fading)",
        [(0.97, guarantee), (0.03, other_notice)]),
)}


def generate(mix: Mix, n: int, seed: int) -> list[str]:
    """Exactly ``n`` JSON lines of ``mix``, made from ``seed`` alone."""
    rng = random.Random(f"{seed}:{mix.name}:{n}")
    if not mix.blocks:
        s = Stream()
        backbone(s, rng)
        if n < len(s):
            raise SystemExit(f"a stream of the {mix.name} mix needs at least {len(s)} facts")
        mix.fill(s, rng, n)
        return s.lines()
    lines: list[str] = []
    blocks = max(1, n // mix.blocks)
    for b in range(blocks):
        size = mix.blocks if b < blocks - 1 else n - len(lines)
        s = Stream()
        backbone(s, rng, signed=b % 2 == 0)
        mix.fill(s, rng, size)
        lines.extend(s.lines(prefix=f"c{b + 1:05d}-f-", width=4 if size < 10_000 else 7))
    return lines


def stream_file(mix: Mix, n: int, seed: int, cache: Path) -> tuple[Path, float | None]:
    """The cached stream's path, and the seconds spent generating it (None: it was cached)."""
    path = cache / f"{mix.name}-{n}-s{seed}-g{GENERATOR}.jsonl"
    if path.exists():
        return path, None
    cache.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    lines = generate(mix, n, seed)
    assert len(lines) == n, (mix.name, n, len(lines))
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
        f.write("\n")
    os.replace(tmp, path)
    return path, time.perf_counter() - t


def type_shares(path: Path) -> Counter:
    c: Counter = Counter()
    loads = orjson.loads if orjson else json.loads
    with open(path, "rb") as f:
        for line in f:
            c[loads(line)["type"]] += 1
    return c


# ====================================================================================== measuring

def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = next(int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines()
                   if x.startswith("MemTotal")) / 2**20
        mem_s = f", {mem:.0f} GiB RAM"
    except (OSError, StopIteration):
        mem_s = ""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    libs = f"orjson {orjson.__version__}" if orjson else "no orjson"
    return (f"{cpu}, {cores} cores{mem_s}; Python {platform.python_version()} "
            f"({platform.python_implementation()}) on {platform.system()} {platform.release()}; {libs}")


def git(*args) -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True,
                              timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def make_snapshot(rev: str, into: Path) -> Path:
    """engine/, grammar/ and rules/ of commit ``rev`` exported (git archive: the working tree and the
    index are not touched) into ``into``, with grammar/ also as engine/grammar/ so that the package is
    whole without the editable install's mapping (which points at the working tree)."""
    global SRC, SNAPSHOT
    sha = git("rev-parse", "--verify", "--short", f"{rev}^{{commit}}")
    if not sha:
        raise SystemExit(f"--snapshot: no commit {rev!r}")
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", sha, "engine", "grammar", "rules"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    if not (into / "engine" / "grammar").exists():
        shutil.copytree(into / "grammar", into / "engine" / "grammar")
    SRC, SNAPSHOT = into, f"{rev} ({sha})"
    check = subprocess.run([sys.executable, "-c", "import engine, engine.grammar, engine.cli; "
                            "print(engine.__file__, list(engine.grammar.__path__)[0])"],
                           cwd=SRC, capture_output=True, text=True)
    if str(into) not in check.stdout or check.stdout.count(str(into)) < 2:
        raise SystemExit(f"--snapshot: the exported engine does not import from {into}: "
                         f"{check.stdout}{check.stderr}")
    return into


def source_state() -> str:
    if SNAPSHOT:
        return (f"snapshot of commit {SNAPSHOT} (engine/ grammar/ rules/ exported; the working tree not used); "
                + native_state())
    head = git("rev-parse", "--short", "HEAD") or "?"
    dirty = git("status", "--porcelain", "--", "engine", "grammar", "rules")
    n = len(dirty.splitlines()) if dirty else 0
    return (f"commit {head}" + (f", with {n} modified file(s) under engine/ grammar/ rules/" if n else ", clean")
            + "; " + native_state())


def native_state() -> str:
    """How many of the engine's hot modules the command runs compiled (engine/native.py; QIYUE_NATIVE=off: none)."""
    probe = ("import engine.native as n; "
             "print(sum(1 for m in n.MODULES if n.compiled_path(m)) if n.enabled() else 0, len(n.MODULES))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=SRC, capture_output=True, text=True)
    if out.returncode != 0:
        return "every module Python (this engine has no engine/native.py)"
    built, total = out.stdout.split()
    return f"{built} of {total} hot modules compiled (engine/native.py)" + (
        "" if built == total else "; the rest Python" + (" (QIYUE_NATIVE=off)" if os.environ.get("QIYUE_NATIVE") else ""))


def load_text() -> str:
    try:
        return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load average unknown"


def plain_parse(path: Path, repeat: int) -> dict:
    """The baseline: the file parsed line by line in Python, with json and (if there) orjson."""
    def with_json():
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f]

    def with_orjson():
        with open(path, "rb") as f:
            return [orjson.loads(line) for line in f]

    out = {}
    for name, fn in (("json", with_json), ("orjson", with_orjson if orjson else None)):
        if fn is None:
            continue
        runs, cpus = [], []
        for _ in range(repeat):
            gc.collect()
            t, c = time.perf_counter(), time.process_time()
            x = fn()
            runs.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
            del x
        out[name] = statistics.median(runs)
        out[name + "_cpu"] = statistics.median(cpus)
    return out


@dataclass
class Run:
    seconds: float
    rss_kib: int
    code: int | None
    out_bytes: int = 0
    cpu: float = 0.0
    error: str = ""


# The child is started by a small launcher process: Linux carries the peak RSS of the process that
# forks over exec() into the child's own (and this process holds parsed streams), so the child's
# os.wait4 rusage is taken in a launcher whose own footprint is a few MiB.
LAUNCHER = r"""
import json, os, subprocess, sys, time
t = time.perf_counter()
p = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL)
_, status, ru = os.wait4(p.pid, 0)
secs = time.perf_counter() - t
with open(sys.argv[1], "w") as f:
    json.dump({"seconds": secs, "code": os.waitstatus_to_exitcode(status), "maxrss": ru.ru_maxrss,
               "cpu": ru.ru_utime + ru.ru_stime}, f)
"""


def run_child(argv: list[str], timeout: float, out: Path | None = None) -> Run:
    """``argv`` as a child process (through LAUNCHER): wall time, its own peak RSS, exit code."""
    with tempfile.TemporaryDirectory(prefix="qiyue-run-") as d:
        stat, errf = Path(d) / "rusage.json", Path(d) / "stderr"
        with open(errf, "wb") as err:
            try:
                p = subprocess.run([sys.executable, "-c", LAUNCHER, str(stat), *argv], cwd=SRC,
                                   stdout=subprocess.DEVNULL, stderr=err, timeout=timeout)
                timed_out = False
            except subprocess.TimeoutExpired:
                timed_out = True
        text = errf.read_text("utf-8", "replace")
        info = json.loads(stat.read_text()) if stat.exists() else None
    size = out.stat().st_size if out is not None and out.exists() else 0
    if timed_out or info is None:
        return Run(timeout, 0, None, size, 0.0, f"timed out after {timeout:.0f} s" if timed_out else text[-2000:])
    r = Run(info["seconds"], info["maxrss"], info["code"], size, info["cpu"])
    if r.code != 0:
        r.error = text.strip()[-2000:]
    return r


def eval_argv(facts: Path, fmt: str, out: Path) -> list[str]:
    """The command of a format: `json`, `text`, `html`, or `json:words` / `json:none` (`--explain`)."""
    # `qiyue` is engine.cli:run; run through this interpreter (a pyenv or venv shim adds its own start-up)
    fmt, _, explain = fmt.partition(":")
    return [sys.executable, "-m", "engine.cli", "eval", str(SRC / RULES_NAME), "--facts", str(facts), "--as-of", AS_OF,
            "--format", fmt, "-o", str(out)] + (["--explain", explain] if explain else [])


def report_summary(path: Path) -> str:
    """What the JSON report holds (obligations by status, events, remedies, findings)."""
    if path.stat().st_size > 400e6:  # reading it back would take this process gigabytes
        return f"(not read back: {path.stat().st_size / 1e6:,.0f} MB)"
    try:
        data = (orjson.loads if orjson else json.loads)(path.read_bytes())
    except (ValueError, OSError) as exc:
        return f"(report not read: {exc})"
    st = Counter(o.get("status") for o in data.get("obligations", []))
    parts = [f"{len(data.get('obligations', [])):,} obligation rows (" +
             ", ".join(f"{k} {v:,}" for k, v in st.most_common()) + ")",
             f"{len(data.get('events', [])):,} deemed events", f"{len(data.get('remedies', [])):,} remedies",
             f"{len(data.get('findings', [])):,} findings"]
    return "; ".join(parts)


# ====================================================================================== printing

def fmt_s(x: float | None) -> str:
    return "—" if x is None else f"{x:,.2f}"


def mib(kib: int) -> str:
    return f"{kib / 1024:,.0f}"


def row(cols, widths) -> str:
    return "  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(cols, widths)))


def measure(args, mixes: list[Mix], sizes: list[int], cache: Path, scratch: Path) -> dict:
    results: dict = {"machine": machine(), "source": source_state(), "as_of": AS_OF, "seed": args.seed,
                     "when": datetime.now().astimezone().isoformat(timespec="seconds"), "startup": {}, "runs": []}
    print(f"machine: {results['machine']}")
    print(f"source:  {results['source']}; rules {RULES_NAME}; as of {AS_OF}; seed {args.seed}")
    print(f"load:    {load_text()} (the machine is shared: wall times move with it; CPU times less)")
    print(f"cache:   {cache}")
    print(f"targets: `qiyue eval --format json` end to end ≤ {TARGET_RATIO:g}× the json.loads parse of the same "
          f"file (goal {GOAL_RATIO:g}×); per-fact cost at the largest size ≤ {TARGET_SCALING:g}× that at the "
          "smallest; peak memory linear in the facts")
    print()

    # the fixed cost: start-up, import, compile, on a one-fact stream
    one = scratch / "one-fact.jsonl"
    one.write_text(json.dumps({"id": "f-1", "type": "contract_signed", "at": ts(SIGNED)}) + "\n", encoding="utf-8")
    out = scratch / "out-startup"
    st = [run_child(eval_argv(one, "json", out), args.timeout, out) for _ in range(3)]
    best = min(st, key=lambda r: r.seconds)
    results["startup"] = {"seconds": statistics.median(r.seconds for r in st),
                          "cpu": statistics.median(r.cpu for r in st), "rss_kib": best.rss_kib,
                          "code": best.code, "error": best.error}
    print(f"fixed cost: `qiyue eval --format json` of a one-fact stream (start-up, import, compile): "
          f"{results['startup']['seconds']:.2f} s ({results['startup']['cpu']:.2f} s CPU), "
          f"peak RSS {mib(best.rss_kib)} MiB"
          + (f"  [exit {best.code}: {best.error[:300]}]" if best.code else ""))
    print()

    smallest = min(sizes)
    widths = [13, 9, 6, 8, 7, 5, 7, 7, 8, 7, 8, 8, 8, 7]
    head = ["mix", "facts", "MB", "json.lds", "orjson", "fmt", "eval s", "cpu s", "facts/s", "× json",
            "× cpu", "× orjson", "RSS MiB", "out MB"]
    for mix in mixes:
        print(f"— {mix.name}: {mix.what}")
        for n in sizes:
            path, gen = stream_file(mix, n, args.seed, cache)
            size_mb = path.stat().st_size / 1e6
            if n == smallest:
                types = type_shares(path)
                shown = [(k, v) for k, v in types.most_common(8) if v * 1000 >= n]
                print("  types: " + ", ".join(f"{k} {v * 100 / n:.1f}%" for k, v in shown)
                      + (f", {len(types) - len(shown)} more (< 0.1% each or beyond the 8th)"
                         if len(types) > len(shown) else ""))
            if gen is not None:
                print(f"  (generated {n:,} facts in {gen:.1f} s)")
            base = plain_parse(path, args.parse_repeat)
            print("  " + row(head, widths))
            formats = [f for f in args.formats if f != "html" or n == smallest]
            for fmt in formats:
                out = scratch / f"out-{mix.name}-{n}.{fmt.replace(':', '-')}"
                runs = [run_child(eval_argv(path, fmt, out), args.timeout, out) for _ in range(args.repeat)]
                r = sorted(runs, key=lambda x: x.seconds)[len(runs) // 2]
                rec = {"mix": mix.name, "facts": n, "mb": size_mb, "format": fmt, "parse_json": base["json"],
                       "parse_json_cpu": base["json_cpu"], "parse_orjson": base.get("orjson"), "seconds": r.seconds, "cpu": r.cpu,
                       "rss_kib": r.rss_kib, "out_bytes": r.out_bytes, "code": r.code, "error": r.error,
                       "all_seconds": [x.seconds for x in runs]}
                results["runs"].append(rec)
                ok = r.code == 0
                print("  " + row([mix.name, f"{n:,}", f"{size_mb:.1f}", fmt_s(base["json"]),
                                  fmt_s(base.get("orjson")), fmt, fmt_s(r.seconds), fmt_s(r.cpu),
                                  f"{n / r.seconds:,.0f}" if ok else "—",
                                  f"{r.seconds / base['json']:.1f}×" if ok else "—",
                                  f"{r.cpu / base['json_cpu']:.1f}×" if ok else "—",
                                  f"{r.seconds / base['orjson']:.1f}×" if ok and base.get("orjson") else "—",
                                  mib(r.rss_kib), f"{r.out_bytes / 1e6:,.1f}"], widths))
                if not ok:
                    print(f"    exit {r.code}: {r.error[:1500]}")
                if ok and fmt.startswith("json") and args.summary:
                    print("    report: " + report_summary(out))
                if out.exists():
                    out.unlink()
                sys.stdout.flush()
        print()
    return results


def print_summary(results: dict, sizes: list[int]) -> None:
    runs = results["runs"]
    if not runs:
        return
    startup = results["startup"]
    print(f"summary — ratio to the json.loads parse of the same file (target ≤ {TARGET_RATIO:g}×, goal "
          f"{GOAL_RATIO:g}×), per size and format:")
    mixes = list(dict.fromkeys(r["mix"] for r in runs))
    fmts = list(dict.fromkeys(r["format"] for r in runs))
    by = {(r["mix"], r["facts"], r["format"]): r for r in runs}
    cols = [f"{f} {n // 1000:,}k" for n in sizes for f in fmts if (f != "html" or n == min(sizes))]
    keys = [(n, f) for n in sizes for f in fmts if (f != "html" or n == min(sizes))]
    w = [13] + [12] * len(cols)
    for title, num, den in (("wall time over the parse's wall time", "seconds", "parse_json"),
                            ("CPU time (user+sys) over the parse's CPU time", "cpu", "parse_json_cpu")):
        print(f"  {title}:")
        print("  " + row(["mix", *cols], w))
        for m in mixes:
            cells = []
            for n, f in keys:
                r = by.get((m, n, f))
                cells.append("—" if not r or r["code"] != 0 else f"{r[num] / r[den]:.1f}×")
            print("  " + row([m, *cells], w))
    print()
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        print(f"scaling {lo:,} → {hi:,} facts: per-fact cost at {hi:,} over that at {lo:,} (target ≤ "
              f"{TARGET_SCALING:g}×), by wall time and by CPU time, each as measured and net of the one-fact "
              f"run's (start-up, import, compile); peak RSS above the start-up RSS ({mib(startup['rss_kib'])} "
              "MiB), its growth over linear (1.0 = linear):")
        s0, c0 = startup["seconds"], startup.get("cpu")
        for m in mixes:
            for f in fmts:
                a, b = by.get((m, lo, f)), by.get((m, hi, f))
                if not a or not b or a["code"] != 0 or b["code"] != 0:
                    continue

                def ratio(key, fixed):
                    if fixed is None:
                        return "—"
                    x, y = a[key] - fixed, b[key] - fixed
                    return f"{(y / hi) / (x / lo):.2f}×" if x > 0 and y > 0 else "—"
                grow_a = max(1, a["rss_kib"] - startup["rss_kib"])
                grow_b = max(1, b["rss_kib"] - startup["rss_kib"])
                print(f"  {m:<13} {f:<5} per-fact cost: wall {ratio('seconds', 0)} (net {ratio('seconds', s0)}), "
                      f"CPU {ratio('cpu', 0)} (net {ratio('cpu', c0)});  peak RSS {mib(a['rss_kib'])} → "
                      f"{mib(b['rss_kib'])} MiB ({grow_b * 1024 / hi:,.0f} B/fact), growth "
                      f"{(grow_b / grow_a) / (hi / lo):.2f}× linear")
        print()


# ====================================================================================== profiling

def profile(args, mix: Mix, n: int, cache: Path, scratch: Path) -> None:
    """The json path of `qiyue eval` in this process, phase by phase, each under cProfile."""
    sys.path.insert(0, str(SRC))
    from engine import api, cli
    from engine.facts import split_lines
    try:
        from engine.report.build import build
    except ImportError:  # (an engine of --snapshot from before engine/ had stage subpackages)
        from engine.report import build

    path, gen = stream_file(mix, n, args.seed, cache)
    base = plain_parse(path, args.parse_repeat)
    print(f"profile of the {mix.name} mix, {n:,} facts ({path.stat().st_size / 1e6:.1f} MB); {machine()}; "
          f"{source_state()}")
    print(f"plain parse: json.loads {base['json']:.2f} s" +
          (f", orjson {base['orjson']:.2f} s" if "orjson" in base else ""))
    out = scratch / f"profile-{mix.name}-{n}.json"
    compiled = api.compile_file(SRC / RULES_NAME)
    as_of = api.parse_as_of(AS_OF)

    def writer(report):  # the whole report encoded at once (what --format json did before it was streamed)
        data = cli.json_bytes(report) if hasattr(cli, "json_bytes") else \
            json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")
        out.write_bytes(data + b"\n")

    def streamed(ev):  # as cli._eval_json writes --format json -o FILE: each row built, written, dropped
        make = cli._report_of(compiled, ev, "zh", str(path), None, set())
        with open(out, "wb") as f:
            cli.write_json(make, f)
            f.write(b"\n")

    phases = [
        ("load: read + split the file", lambda st: st.update(
            lines=split_lines(api.read_text_and_encoding(str(path), "facts")[0]))),
        ("validate: CompiledRules.load_facts", lambda st: st.update(
            events=compiled.load_facts(st["lines"], str(path)))),
        ("evaluate: CompiledRules.run", lambda st: st.update(ev=compiled.run(st["events"], as_of))),
    ]
    if hasattr(cli, "write_json") and hasattr(cli, "_report_of"):  # (the command's own path, streamed)
        phases.append(("report build + write, streamed (the command's way)", lambda st: streamed(st["ev"])))
    else:
        phases += [
            ("report build: report.build", lambda st: st.update(
                report=build(st["ev"], compiled.sha256, compiled.findings, "zh"))),
            ("output write: the JSON writer + file", lambda st: writer(st["report"])),
        ]

    def once(profiled: bool):
        st: dict = {}
        times, profs = [], []
        gc.collect()
        with api.collector_paused():  # as CompiledRules.evaluate runs load, run and build
            for name, fn in phases:
                prof = cProfile.Profile() if profiled else None
                t = time.perf_counter()
                if prof:
                    prof.enable()
                fn(st)
                if prof:
                    prof.disable()
                times.append(time.perf_counter() - t)
                profs.append(prof)
        return times, profs

    plain, _ = once(False)
    total = sum(plain)
    print(f"phases without the profiler (in process; start-up and rule compile excluded): {total:.2f} s = "
          f"{total / base['json']:.1f}× the json.loads parse")
    for (name, _), t in zip(phases, plain):
        print(f"  {name:<52} {t:7.2f} s  {t * 100 / total:5.1f}%  {n / t:>12,.0f} facts/s")
    print(f"  (output: {out.stat().st_size / 1e6:,.1f} MB)")
    print()
    if args.top <= 0:  # the phase times alone
        if out.exists():
            out.unlink()
        return
    prof_times, profs = once(True)
    for (name, _), t, prof in zip(phases, prof_times, profs):
        s = io.StringIO()
        stats = pstats.Stats(prof, stream=s)
        stats.sort_stats("cumulative").print_stats(args.top)
        text = s.getvalue()
        body = text[text.find("   ncalls"):] if "   ncalls" in text else text
        print(f"=== {name}: {t:.2f} s under the profiler — top {args.top} by cumulative time")
        print(body.rstrip().replace(str(SRC) + os.sep, "").replace(str(ROOT) + os.sep, ""))
        print()
    if out.exists():
        out.unlink()


# ====================================================================================== main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="`qiyue eval` end to end on several generated fact mixes of the seed "
                                             "contract, against a plain JSON parse of the same file (issue 13)",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mixes", default=",".join(MIXES), help=f"comma-separated, of: {', '.join(MIXES)} (default all)")
    ap.add_argument("--sizes", default="100000", help="comma-separated fact counts (default 100000)")
    ap.add_argument("--formats", default="json,text,html",
                    help="output formats to run (default json,text,html; html at the smallest size only; "
                         "json:words and json:none run `--format json --explain words|none`)")
    ap.add_argument("--seed", type=int, default=20250627, help="generator seed (default 20250627)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each command; the median is shown (default 1)")
    ap.add_argument("--parse-repeat", type=int, default=3, help="runs of the plain parse; median (default 3)")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds before a run is killed (default 3600)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "qiyue-bench-mixes",
                    help="where generated streams are kept (default $TMPDIR/qiyue-bench-mixes)")
    ap.add_argument("--clean", action="store_true", help="delete the cache directory and exit")
    ap.add_argument("--no-summary", dest="summary", action="store_false",
                    help="do not read back each JSON report to summarize what it holds")
    ap.add_argument("--save", type=Path, help="also write the figures as JSON to this file")
    ap.add_argument("--profile", metavar="MIX", help="profile the json path of this mix in process, phase by phase")
    ap.add_argument("--top", type=int, default=25, help="functions per phase shown by --profile (default 25; 0: the phase times only, no cProfile)")
    ap.add_argument("--snapshot", metavar="REV",
                    help="run the engine/, grammar/ and rules/ of commit REV (exported with git archive to a "
                         "temporary directory) instead of the working tree — for before/after figures while "
                         "the working tree is being changed")
    ap.add_argument("--show", metavar="FILE", type=Path, help="print the summary of figures saved with --save, and exit")
    ap.add_argument("--list", action="store_true", help="list the mixes and exit")
    ap.add_argument("--write", metavar="DIR", type=Path,
                    help="only generate the streams of --mixes and --sizes into DIR (no measuring)")
    args = ap.parse_args(argv)

    if args.clean:
        shutil.rmtree(args.cache, ignore_errors=True)
        print(f"removed {args.cache}")
        return 0
    if args.show:
        results = json.loads(args.show.read_text(encoding="utf-8"))
        print(f"{results['when']}: {results['machine']}; {results['source']}")
        print_summary(results, sorted({r["facts"] for r in results["runs"]}))
        return 0
    if args.list:
        for m in MIXES.values():
            print(f"{m.name:<13} {m.what}")
        return 0
    names = [x.strip() for x in (args.profile or args.mixes).split(",") if x.strip()]
    unknown = [x for x in names if x not in MIXES]
    if unknown:
        ap.error(f"unknown mix {', '.join(unknown)}; known: {', '.join(MIXES)}")
    mixes = [MIXES[x] for x in names]
    sizes = sorted({int(x.replace("_", "")) for x in args.sizes.split(",") if x.strip()})
    if min(sizes) < 1000:
        ap.error("sizes must be at least 1000 facts")
    args.formats = [f.strip() for f in args.formats.split(",") if f.strip()]

    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for m in mixes:
            for n in sizes:
                p = args.write / f"{m.name}-{n}.jsonl"
                p.write_text("\n".join(generate(m, n, args.seed)) + "\n", encoding="utf-8")
                print(p)
        return 0

    with tempfile.TemporaryDirectory(prefix="qiyue-mixes-out-") as tmp:
        if args.snapshot:
            make_snapshot(args.snapshot, Path(tmp) / "src")
        if args.profile:
            profile(args, mixes[0], sizes[0], args.cache, Path(tmp))
            return 0
        results = measure(args, mixes, sizes, args.cache, Path(tmp))
        print_summary(results, sizes)
        results["source_after"] = source_state()
        if results["source_after"] != results["source"]:
            print(f"note: the source changed during the run: now {results['source_after']}")
        print(f"{load_text()} at the end")
    if args.save:
        args.save.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"figures saved to {args.save}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
