"""Which orders are in scope, which policy applies under which coverage, and the situation.

Pure: no Flask, no I/O, no wording. Orders, coverages, the compiled PolicySet and today's date in;
Decisions out, each with the evidence that made the order in scope.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

from .model import Coverage, Decision, Evidence, Match, Order, Product, Situation
from .policies import PolicySet


def _texts(order: Order) -> list[tuple[str, str]]:
    """The words of an order with where they stand, for the evidence line."""
    texts = []
    if order.text:
        texts.append(("the order text", order.text))
    for coding in order.codings:
        if coding.display:
            texts.append(("a code display", coding.display))
    return texts


def recognise(order: Order, ps: PolicySet) -> list[Match]:
    """The services an order is, with evidence; empty for ordinary orders."""
    evidence: dict[str, list[Evidence]] = {}
    products: dict[str, dict[str, Product]] = {}

    def found(service_id: str, ev: Evidence, product_id: str | None = None) -> None:
        if ev not in evidence.setdefault(service_id, []):
            evidence[service_id].append(ev)
        if product_id is not None:
            products.setdefault(service_id, {})[product_id] = ps.products[(service_id, product_id)]

    panel_codes: set[str] = set()
    other_cpt: set[str] = set()
    for coding in order.codings + order.billing_codings:
        if not coding.code:
            continue
        alias = ps.system_alias.get(coding.system or "")
        code = coding.code.strip().upper()
        if alias is not None:
            for service_id in ps.code_index.get((alias, code), ()):
                found(service_id, Evidence("code", code, "the order's codes",
                                           f"{ps.services[service_id].name} ({alias.upper()} {code})"))
            if alias == "cpt":
                if ps.panel is not None and code in ps.panel.codes:
                    panel_codes.add(code)
                elif (alias, code) not in ps.code_index:
                    other_cpt.add(code)
        local = ps.local_codes.get((coding.system or "", coding.code))
        if local is not None:
            service_id, policy_id = local
            found(service_id, Evidence("local-code", coding.code, "the order's codes",
                                       f"this organisation's catalog mapping to {policy_id or service_id}"))

    texts = _texts(order)
    if ps.phrases is not None:
        for where, text in texts:
            for m in ps.phrases.finditer(text):
                rule = ps.phrase_rules[m.lastgroup]
                product = ps.products.get((rule.service_id, rule.product_id)) if rule.product_id else None
                found(rule.service_id,
                      Evidence("phrase", m.group(0), where, product.name if product else ps.services[rule.service_id].name),
                      rule.product_id)

    if ps.panel is not None and len(panel_codes) >= ps.panel.threshold:
        found(ps.panel.service_id,
              Evidence("panel-volume", ", ".join(sorted(panel_codes)), "one order's codes",
                       f"{len(panel_codes)} distinct panel CPT codes on one order (threshold {ps.panel.threshold})"),
              ps.panel.product_id)

    matches = []
    for service_id, evs in evidence.items():
        service = ps.services[service_id]
        prods = tuple(products.get(service_id, {}).values())
        if not prods and (service_id, "generic") in ps.products:
            prods = (ps.products[(service_id, "generic")],)
        elif not prods and (service_id, service_id) in ps.products:
            prods = (ps.products[(service_id, service_id)],)
        combined = False
        if service_id in ps.combined_study:
            combined = bool(other_cpt) or any(ps.combined_study[service_id].search(t) for _, t in texts)
        matches.append(Match(service, prods, tuple(evs), combined))
    return matches


def _under_coverage(order: Order, match: Match, coverage: Coverage, ps: PolicySet,
                    dos: dt.date, today: dt.date) -> list[Decision]:
    base = dict(order=order, match=match, date_of_service=dos, coverage=coverage)
    if coverage.payer_id is None:
        return [Decision(Situation.PAYER_UNKNOWN, **base)]
    payer = ps.payers[coverage.payer_id]
    rules = ps.by_service_payer.get((match.service.id, payer.id), ())
    out: list[Decision] = []
    for rule in rules:
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
            out.append(Decision(Situation.POLICY_APPLIES, **specific))
    if not out:
        out.append(Decision(Situation.NO_POLICY_FOR_PLAN, payer=payer, **base))
    return out


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
