"""Which orders are in scope, which policy applies under which coverage, and the situation.

Pure: no Flask, no I/O, no wording. Orders, coverages, the compiled PolicySet and today's date in;
Decisions out, each with the evidence that made the order in scope.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

from . import recognition
from .model import Coverage, Decision, Match, Order, Situation
from .policies import PolicySet
from .recognition import Examination


def examine(order: Order, ps: PolicySet) -> Examination:
    """Everything recognition concluded about one order, vetoes included (for `explain`)."""
    return recognition.examine(order, ps.recognizer, with_kinds=True)


def recognise(order: Order, ps: PolicySet) -> list[Match]:
    """The services an order is, with evidence; empty for ordinary orders."""
    return list(ps.recognizer.matches_of(order))


def _national_rule(match: Match, coverage: Coverage, ps: PolicySet, dos: dt.date):
    """The national rule binding this coverage's line of business for this service, in effect on the date."""
    line = coverage.line_of_business
    if line is None:
        return None
    return next((r for r in ps.national.get((match.service.id, line), ()) if dos >= r.effective_from), None)


def _under_coverage(order: Order, match: Match, coverage: Coverage, ps: PolicySet,
                    dos: dt.date, today: dt.date) -> list[Decision]:
    """The payer's own policies under one coverage, and the national rule its line of business follows.

    A national rule (a Medicare NCD) binds the plan whoever the payer: beside a payer policy that
    applies it is cited with it; where no payer policy applies it is the rule the card is about, and
    it outranks a payer policy that does not apply (not yet in effect, plan type unread), because
    the plan is bound by it all the same.
    """
    base = dict(order=order, match=match, date_of_service=dos, coverage=coverage)
    national = _national_rule(match, coverage, ps, dos)
    payer = ps.payers[coverage.payer_id] if coverage.payer_id is not None else None
    out: list[Decision] = []
    for rule in ps.by_service_payer.get((match.service.id, payer.id), ()) if payer else ():
        line = coverage.line_of_business
        specific = dict(base, policy=rule, payer=payer, review_overdue=rule.review_overdue(today))
        if rule.excluded(line):
            out.append(Decision(Situation.LINE_EXCLUDED, **specific))
        elif line is None and rule.when_line_unknown == "evidence":
            out.append(Decision(Situation.LINE_UNKNOWN, **specific))
        elif line is not None and line not in rule.lines_of_business:
            continue
        elif dos < rule.effective_from:
            out.append(Decision(Situation.NOT_YET_EFFECTIVE, **specific))
        else:
            out.append(Decision(Situation.POLICY_APPLIES, national_rule=national, **specific))
    if national is not None and not any(d.situation is Situation.POLICY_APPLIES for d in out):
        return [Decision(Situation.POLICY_APPLIES, policy=national, payer=payer,
                         review_overdue=national.review_overdue(today), **base)]
    if out:
        return out
    if payer is None:
        return [Decision(Situation.PAYER_UNKNOWN, **base)]
    return [Decision(Situation.NO_POLICY_FOR_PLAN, payer=payer, **base)]


def in_scope(orders: Iterable[Order], ps: PolicySet) -> list[tuple[Order, list[Match]]]:
    """The orders that are one of the services, with their matches; ordinary orders drop out here."""
    found = []
    for order in orders:
        matches = [m for m in recognise(order, ps) if ps.by_service.get(m.service.id)]
        if matches:
            found.append((order, matches))
    return found


def decide(orders: Iterable[Order], coverages: Sequence[Coverage], ps: PolicySet,
           today: dt.date) -> list[Decision]:
    """One Decision per in-scope order and applicable policy, or one evidence Decision per order."""
    return decide_matches(in_scope(orders, ps), coverages, ps, today)


def decide_matches(recognised: Iterable[tuple[Order, list[Match]]], coverages: Sequence[Coverage],
                   ps: PolicySet, today: dt.date) -> list[Decision]:
    """Decisions for orders already recognised by in_scope().

    With several coverages, every policy that names the patient's plan gets its own decision, primary
    coverage first; only when none does is the order given one evidence-only decision, so a second
    coverage with an unknown payer never adds a card beside a policy that applies.
    """
    decisions: list[Decision] = []
    for order, matches in recognised:
        dos = order.date_of_service or today
        for match in matches:
            evidence_policies = ps.by_service[match.service.id]
            if not coverages:
                decisions.append(Decision(Situation.NO_COVERAGE, order, match, dos,
                                          evidence_policies=evidence_policies))
                continue
            outcomes = [d for c in coverages for d in _under_coverage(order, match, c, ps, dos, today)]
            specific: dict[tuple[str, int], Decision] = {}
            for d in outcomes:   # one per (policy, coverage): each coverage gets its own assertion
                if d.situation.names_the_patients_policy and d.policy is not None:
                    specific.setdefault((d.policy.id, id(d.coverage)), d)
            if specific:
                decisions.extend(specific.values())
                continue
            recognised_payer = next((d for d in outcomes if d.situation is Situation.NO_POLICY_FOR_PLAN), None)
            chosen = recognised_payer or outcomes[0]
            decisions.append(Decision(chosen.situation, order, match, dos, coverage=chosen.coverage,
                                      payer=chosen.payer, evidence_policies=evidence_policies))
    return decisions
