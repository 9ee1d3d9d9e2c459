"""`cds-service policies preview`: every card a policy can produce, on one page an analyst reads before
enabling it.

For each policy, one synthetic call per line of business (and an unreadable plan type) on a date of
service before and after the policy takes effect, plus a request without coverage and one from a
payer not on file; each goes through the service's own request path and card renderer. The cards are
drawn as an EHR shows them: indicator colour, summary, source, the Markdown detail rendered (raw HTML
in it stays text), suggestions, override reasons and links. The page loads nothing from outside.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markdown_it import MarkdownIt

from .engine import PolicyRule, Situation
from .runtime import Runtime
from .synthetic_calls import CallSpec, CoverageSpec, OrderSpec, evaluate

UNKNOWN_PAYER_NAME = "Example Health Plan (not on file)"
_TEMPLATE = Path(__file__).resolve().parent / "templates" / "policy_preview.html.j2"
# CommonMark with raw HTML switched off: a statement or order text holding markup is shown as text.
_MARKDOWN = MarkdownIt("commonmark", {"html": False})


class PreviewError(ValueError):
    """A policy the preview cannot show (unknown id, or no order of its service is recognised)."""


@dataclass
class Case:
    """One situation of one policy: the call made up for it and the cards the service answered."""

    situation: str
    line: str                       # the line of business as the report shows it
    coverage: str                   # what the request carried, in words
    date_of_service: dt.date
    cards: list[dict[str, Any]] = field(default_factory=list)
    variant: str = ""               # e.g. the card for a client that does not take coverage information
    anchor: str = ""


@dataclass
class PolicyPreview:
    rule: PolicyRule
    order: str
    cases: list[Case]


def representative_order(runtime: Runtime, service_id: str) -> OrderSpec:
    """An order the service recognises as this service: its first code with its name, else its name,
    else a product's name."""
    ps = runtime.policy_set
    service = ps.services[service_id]
    codes = [key for key, services in ps.recognizer.code_index.items() if service_id in services]
    candidates = []
    if codes:
        candidates.append(OrderSpec(service.name, (codes[0],)))
    candidates.append(OrderSpec(service.name))
    candidates += [OrderSpec(p.name) for (sid, _), p in ps.products.items() if sid == service_id]
    from .engine import in_scope, read_order
    for spec in candidates:
        resource = {"resourceType": "ServiceRequest", "id": "x", "status": "draft", "intent": "order",
                    "code": {"text": spec.text, "coding": [{"system": ps.system_emit[a], "code": c}
                                                           for a, c in spec.codes]}}
        if in_scope([read_order(resource, "order")], ps):
            return spec
    raise PreviewError(f"no order of service '{service_id}' is recognised by its own codes or names")


def _describe(order: OrderSpec) -> str:
    codes = ", ".join(f"{a.upper()} {c}" for a, c in order.codes)
    return f"{order.text} ({codes})" if codes else str(order.text)


_SITUATION_ORDER = {s.value: i for i, s in enumerate(Situation)}


def preview_policy(runtime: Runtime, rule: PolicyRule, today: dt.date) -> PolicyPreview:
    ps = runtime.policy_set
    order = representative_order(runtime, rule.service_id)
    on_date = max(today, rule.effective_from)
    dates = [on_date, rule.effective_from - dt.timedelta(days=1)]
    lines: list[tuple[str | None, str]] = [(line.id, line.display) for line in ps.lines] + [
        (None, "plan type not readable")]
    seen: set[tuple[str, str]] = set()
    cases: list[Case] = []

    def add(spec: CallSpec, line_display: str, coverage_words: str) -> None:
        for coverage_info in (True, False):
            extension = None if coverage_info else {"davinci-crd.configuration": {"coverage-info": False}}
            _, evaluation = evaluate(spec, runtime, extension)
            situations = sorted({c.situation for c in evaluation.cards}) or ["no card"]
            key = ("+".join(situations), line_display, "" if coverage_info else "no-crd")
            cards = evaluation.response["cards"]
            if coverage_info:
                if key[:2] in seen:
                    return
                seen.add(key[:2])
                cases.append(Case(situations[0], line_display, coverage_words, spec.date, cards))
            elif evaluation.response.get("cards") and cards[0].get("detail") != cases[-1].cards[0].get("detail"):
                cases.append(Case(situations[0], line_display, coverage_words, spec.date, cards,
                                  "to a client that does not take coverage information (CRD coverage-info off)"))

    for line_id, line_display in lines:
        sopt = _sopt_for(ps, line_id)
        for date in dates:
            coverage = CoverageSpec(payer=rule.payer.id, sopt=sopt)
            words = f"{rule.payer.display or rule.payer.id}, " + (f"Source of Payment Typology {sopt} ({line_display})"
                                                 if sopt else "no plan type")
            add(CallSpec(order, coverage, date), line_display, words)
    add(CallSpec(order, CoverageSpec(payer_name=UNKNOWN_PAYER_NAME, sopt="5"), on_date), "any",
        f"{UNKNOWN_PAYER_NAME}, commercial")
    add(CallSpec(order, None, on_date), "any", "no coverage in the request")
    cases.sort(key=lambda c: (_SITUATION_ORDER.get(c.situation, 99), c.line, c.date_of_service, c.variant))
    for index, case in enumerate(cases, 1):
        case.anchor = f"{rule.id}-{index}"
    return PolicyPreview(rule, _describe(order), cases)


def _sopt_for(ps: Any, line_id: str | None) -> str | None:
    """The shortest Source of Payment Typology code the policy data reads as this line."""
    if line_id is None:
        return None
    from .engine.coverage import line_of_business   # the same reading a real Coverage gets
    for prefix in sorted({p for line in ps.lines if line.id == line_id for _, p in line.code_prefixes}, key=len):
        for code in (prefix, prefix + "1", prefix + "11"):
            resource = {"type": {"coding": [{"system": "https://nahdo.org/sopt", "code": code}]}}
            if line_of_business(resource, ps, "Coverage") == line_id:
                return code
    return None


def render_preview(previews: list[PolicyPreview], runtime: Runtime, generated_at: dt.datetime) -> str:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             loader=jinja2.FileSystemLoader(str(_TEMPLATE.parent)))
    env.filters["markdown"] = lambda text: jinja2.utils.markupsafe.Markup(_MARKDOWN.render(text or ""))
    return env.get_template(_TEMPLATE.name).render(
        previews=previews, generated_at=f"{generated_at:%Y-%m-%d %H:%M} UTC",
        policy_dir=str(runtime.settings.policy_dir), cards_dir=str(runtime.settings.cards_dir),
        version=runtime.policy_set.version, line_displays=runtime.policy_set.line_displays)


def build_preview(runtime: Runtime, policy_id: str | None, today: dt.date) -> list[PolicyPreview]:
    rules = list(runtime.policy_set.policies.values())
    if policy_id:
        rules = [r for r in rules if r.id == policy_id]
        if not rules:
            raise PreviewError(f"no policy '{policy_id}'; on file: {', '.join(sorted(runtime.policy_set.policies))}")
    return [preview_policy(runtime, rule, today) for rule in rules]
