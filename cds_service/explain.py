"""Recognition evidence as text a person can read: per order, what matched, what vetoed and why.

An informatics team that gets a report of a false alarm (or of a miss) needs to see which rule fired
on which words, and which rule stopped which words, before deciding whether to add a veto, a catalog
suppression or a trigger. The text names each rule by its id in services.yaml and gives its reason and
source, so the fix can be made where the rule lives.
"""
from __future__ import annotations

from typing import Iterable

from .engine import Examination


def _codes(ex: Examination) -> str:
    codes = [f"{c.system or '?'}|{c.code}" for c in ex.order.codings + ex.order.billing_codings if c.code]
    return ", ".join(codes) or "none"


def explain_lines(examinations: Iterable[Examination]) -> list[str]:
    lines: list[str] = []
    for n, ex in enumerate(examinations, 1):
        order = ex.order
        lines.append(f"Order {n}: {order.label}" + (f" ({order.reference})" if order.reference else ""))
        lines.append(f"  codes: {_codes(ex)}")
        if ex.kinds:
            lines.append("  kind: " + "; ".join(f"{kind} ({why})" for kind, why in ex.kinds))
        if not ex.matches:
            lines.append("  result: not recognised, no card" + ("" if ex.vetoed else " (no trigger matched)"))
        for match in ex.matches:
            extra = ", combined with another study" if match.combined_study else ""
            products = ", ".join(p.name for p in match.products)
            lines.append(f"  result: {match.service.name} ({products}{extra})")
            for e in match.evidence:
                lines.append(f"    fired  [{e.rule_id}] {e.statement}: {e.reason} (source: {e.source})")
            for v in match.vetoed:
                lines.append(f"    vetoed [{v.rule_id}] '{v.trigger.matched}' in {v.trigger.where} "
                             f"by {v.by!r}: {v.reason} (source: {v.source})")
        for v in ex.vetoed:
            lines.append(f"    vetoed [{v.rule_id}] '{v.trigger.matched}' in {v.trigger.where} "
                         f"(trigger {v.trigger.rule_id}) by '{v.by}': {v.reason} (source: {v.source})")
        lines.append("")
    return lines
