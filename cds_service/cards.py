"""From Decisions to CDS Hooks cards, with the words taken from cards/.

A card is read in five seconds: a summary of at most 100 characters (what, the finding, whose rule),
and for a warning a detail of at most 80 words in three short parts (what it means for this patient,
what to do instead, why it fired). The policy's statements, dates and sources are on its policy page
(`/policies/{id}`), which every card links to.

Decisions about the same policy (or, without one, the same service) in the same situation share a
card: four MRS orders under one plan are one decision for the clinician, not four alerts. Templates
are compiled once at start with StrictUndefined, so a misspelt name fails loudly in the test suite.
The words of a card depend only on the policy, situation, line of business, payer name, the orders'
names, evidence and dates, and counts; links add the service's public base URL.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Mapping

import jinja2
import yaml

from .engine import Decision, Evidence, Order, PolicyRule, PolicySet, SerumTest, Situation
from .ids import new_uuid
from .jsonutil import Pruned, prune, pruned_once
from .template_memo import MemoEnvironment

SUMMARY_MAX = 100
DETAIL_MAX_WORDS = 80
DETAIL_MAX_PARTS = 3
DEFAULT_BASE_URL = "http://127.0.0.1:8080"   # where `cds-service serve` listens by default
ORDER_LABEL_MAX = 60
STATEMENT_KEYS = ("policy", "coverage", "patient", "evidence", "recourse", "note")
MAX_EVIDENCE_POLICIES = 5   # an evidence card is read by a clinician: a few policies, then a count
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


class CardTemplateError(ValueError):
    """A card template that cannot be used; the message names the file and template."""


def escape_markdown(value: Any) -> str:
    """Clinician-entered words shown in a Markdown detail must not become markup or HTML."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def _format_month(value: str | None) -> str | None:
    if not value:
        return None
    parts = value.split("-")
    return f"{parts[1]}/{parts[0]}" if len(parts) >= 2 else value


def payer_name(d: Decision, line_displays: Mapping[str, str]) -> str | None:
    """The payer's name a person knows: our payer record's, else the one the Coverage gives (its
    Organization's name or payor.display), else the plan's line of business in words."""
    if d.payer is not None and d.payer.display:
        return d.payer.display
    if d.coverage is not None and d.coverage.payer_name:
        return d.coverage.payer_name.strip()
    line = d.coverage.line_of_business if d.coverage else None
    return f"{line_displays[line]} plan" if line in line_displays else None


def payer_short_name(d: Decision, line_displays: Mapping[str, str]) -> str | None:
    if d.payer is not None and d.payer.short_name:
        return d.payer.short_name
    return payer_name(d, line_displays)


def policy_name(p: PolicyRule, mark_national: bool = True) -> str:
    """A policy named with whose it is, once: 'BCBS MA Medical Policy 073', 'Medicare NCD 220.2.1'."""
    if p.national:
        return f"{p.short_reference} (national rule)" if mark_national else p.short_reference
    owner = p.payer.short_name or p.payer.display
    return f"{owner} {p.label}" if owner else p.title


def _evidence_phrase(e: Evidence) -> str:
    """A match said in a few words: 'CPT 76390', "'SpectraCell'", 'catalog code X', '9 panel CPT codes'."""
    if e.kind == "code":
        return f"{e.system} {e.matched}" if e.system else f"code {e.matched}"
    if e.kind == "phrase":
        return f"'{escape_markdown(e.matched)}'"
    if e.kind == "local-code":
        return f"catalog code {escape_markdown(e.matched)}"
    return f"{e.matched.count(',') + 1} panel CPT codes"


def why_line(evidence: Iterable[Evidence], orders: list[Order], date_of_service: dt.date) -> str:
    """One line of why the card fired: each match once, then the order and its date."""
    phrases = list(OrderedDict.fromkeys(_evidence_phrase(e) for e in evidence))
    shown = phrases[:3] + ([f"{len(phrases) - 3} more"] if len(phrases) > 3 else [])
    said = " and ".join(shown) if len(shown) <= 2 else ", ".join(shown[:-1]) + " and " + shown[-1]
    if len(orders) == 1:
        label = orders[0].label
        label = label if len(label) <= ORDER_LABEL_MAX else label[:ORDER_LABEL_MAX - 1].rstrip() + "…"
        where = f"\"{escape_markdown(label)}\""
    else:
        where = f"{len(orders)} orders"
    return f"{said} in {where}, dated {date_of_service.isoformat()}."


@dataclass
class _Group:
    key: tuple
    decisions: list[Decision]

    @property
    def first(self) -> Decision:
        return self.decisions[0]

    @cached_property
    def orders(self) -> list[Order]:
        seen: "OrderedDict[int, Order]" = OrderedDict()
        for d in self.decisions:
            seen.setdefault(id(d.order), d.order)
        return list(seen.values())


class CardRenderer:
    def __init__(self, cards_dir: Path, policy_set: PolicySet, base_url: str | None = None):
        self.policy_set = policy_set
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        issuers: dict[str, list[str]] = {}
        for (_, line), rules in policy_set.national.items():
            for rule in rules:
                name = rule.payer.short_name or rule.payer.display or rule.payer.id
                if name not in issuers.setdefault(line, []):
                    issuers[line].append(name)
        self._national_issuers = {line: " or ".join(names) for line, names in issuers.items()}
        cards_dir = Path(cards_dir)
        config_path = cards_dir / "cards.yaml"
        try:
            self.config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CardTemplateError(f"{config_path}: cannot be read ({exc})") from exc
        self.env = MemoEnvironment(
            loader=jinja2.FileSystemLoader(str(cards_dir)), undefined=jinja2.StrictUndefined,
            autoescape=False, keep_trailing_newline=False)
        self._memo: dict[tuple, str] = {}
        self._policy_contexts: dict[tuple[str, str | None], dict[str, Any]] = {}
        self._serum_orders: dict[SerumTest, tuple[str, Pruned | None]] = {}
        self._national_payers = frozenset(r.payer.id for rs in policy_set.national.values() for r in rs)
        self.env.filters["md"] = escape_markdown
        self.env.filters["upfirst"] = lambda v: str(v)[:1].upper() + str(v)[1:]
        try:
            self._strings = {
                "source_label": self.env.from_string(self.config["source_label"]),
                "what": self.env.from_string(self.config["what"]),
                "policy_page_link": self.env.from_string(self.config["policy_page_link"]),
                "policies_page_link": self.env.from_string(self.config["policies_page_link"]),
                **{f"suggestion.{k}": self.env.from_string(v) for k, v in self.config["suggestions"].items()},
            }
            self._situations = {}
            for situation in Situation:
                spec = self.config["situations"][situation.value]
                if spec["indicator"] not in ("info", "warning", "critical"):
                    raise CardTemplateError(f"{config_path}: situations.{situation.value}.indicator "
                                            f"must be info, warning or critical")
                self._situations[situation] = (
                    spec["indicator"], self.env.from_string(spec["summary"]),
                    self.env.from_string(spec["short_summary"]), self.env.get_template(spec["detail"]))
            for determination in ("investigational", "not-covered", "not-reimbursable"):
                self.config["findings"][determination]
            reasons = {r for p in policy_set.policies.values()
                       for r in (*p.override_reasons, *(c for rs in p.line_override_reasons.values() for c in rs))}
            for reason in sorted(reasons):
                if reason not in self.config["override_reasons"]:
                    raise CardTemplateError(f"{config_path}: override_reasons has no wording for '{reason}'")
        except KeyError as exc:
            raise CardTemplateError(f"{config_path}: missing key {exc}") from exc
        except jinja2.TemplateError as exc:
            raise CardTemplateError(f"{cards_dir}: template error: {exc}") from exc

    def _memoised(self, key: tuple, name: str, **values: Any) -> str:
        """Labels depend on few things (a count, a test, a policy): render each once. `key` names
        those things; `values` are what the template reads (they may be unhashable)."""
        text = self._memo.get(key)
        if text is None:
            text = self._strings[name].render(**values)
            if len(self._memo) < 10_000:
                self._memo[key] = text
        return text

    def _label(self, name: str, **values: Any) -> str:
        return self._memoised((name, *sorted(values.items())), name, **values)

    # --- grouping -------------------------------------------------------------------------------
    @staticmethod
    def group(decisions: Iterable[Decision]) -> list[_Group]:
        groups: "OrderedDict[tuple, _Group]" = OrderedDict()
        for d in decisions:
            key = (d.situation, d.policy.id if d.policy else None, d.payer.id if d.payer else None,
                   d.match.service.id)
            groups.setdefault(key, _Group(key, [])).decisions.append(d)
        return list(groups.values())

    # --- context --------------------------------------------------------------------------------
    def _serum_tests(self, group: _Group) -> list[SerumTest]:
        tests: "OrderedDict[str, SerumTest]" = OrderedDict()
        for d in group.decisions:
            if d.match.service.kind != "laboratory":
                continue
            for product in d.match.products:
                for test in product.serum_alternatives:
                    tests.setdefault(test.key, test)
        return list(tests.values())

    def _policy_context(self, p: PolicyRule, line: str | None) -> dict[str, Any]:
        """What templates read of a policy under a line of business: fixed once policies are loaded,
        so built once per (policy, line) and shared by every card (templates only read it)."""
        key = (p.id, line)
        ctx = self._policy_contexts.get(key)
        if ctx is None:
            ctx = self._build_policy_context(p, line)
            if p is self.policy_set.policies.get(p.id) and (line is None or line in self.policy_set.line_displays):
                self._policy_contexts[key] = ctx
        return ctx

    def _build_policy_context(self, p: PolicyRule, line: str | None) -> dict[str, Any]:
        lines = self.policy_set.line_displays
        return {
            "id": p.id, "title": p.title, "label": p.label, "reference": p.reference,
            "short_reference": p.short_reference, "national": p.national, "determination": p.determination,
            "determination_text": p.determination_text, "lines_of_business_text": p.lines_of_business_text,
            "effective_from": p.effective_from.isoformat(), "last_reviewed": _format_month(p.last_reviewed),
            "next_review": _format_month(p.next_review),
            "finding": p.card_text("finding", line) or p.statements["policy"],
            "patient": p.card_text("patient", line), "recourse": p.card_text("recourse", line),
            "alternatives": p.card_text("alternatives", line), "beside": p.card_text("beside", line),
            "excluded_lines": [{"line": e.line, "line_display": lines.get(e.line, e.line)} for e in p.excluded_lines],
        }

    def _no_national_rule(self, d: Decision) -> str | None:
        """The issuer of national rules that bind this plan's line of business for other services, when
        none is on file for this one: the card says so rather than keep silent or claim none exists."""
        line = d.coverage.line_of_business if d.coverage else None
        if line is None or d.national_rule is not None or (d.policy is not None and d.policy.national):
            return None
        if self.policy_set.national.get((d.match.service.id, line)):
            return None
        return self._national_issuers.get(line)

    def context(self, group: _Group, serum: list[SerumTest]) -> dict[str, Any]:
        d = group.first
        orders = group.orders
        evidence: list[Evidence] = []
        vetoed = []
        for dec in group.decisions:
            for e in dec.match.evidence:
                if e not in evidence:
                    evidence.append(e)
            for v in dec.match.vetoed:
                if v not in vetoed:
                    vetoed.append(v)
        coverage = d.coverage
        line = coverage.line_of_business if coverage else None
        lines = self.policy_set.line_displays
        name = payer_name(d, lines)
        evidence_policies = []
        determinations: list[str] = []
        others = [p for p in d.evidence_policies if d.payer is None or p.payer.id != d.payer.id or p.national]
        for p in others[:MAX_EVIDENCE_POLICIES]:
            evidence_policies.append({
                "name": policy_name(p), "determination": self.config["findings"][p.determination]
                if p.determination != "investigational" else "investigational",
                "effective_note": (f"from {p.effective_from.isoformat()}"
                                   if p.effective_from > d.date_of_service else None),
            })
            word = p.determination.replace("-", " ")
            if word not in determinations:
                determinations.append(word)
        excluded = d.policy.excluded(line) if d.policy else None
        ctx = {
            "situation": d.situation.value,
            "n": len(orders),
            "service": {"id": d.match.service.id, "name": d.match.service.name,
                        "short_name": d.match.service.short_name, "kind": d.match.service.kind},
            "orders": [{"label": o.label, "reference": o.reference} for o in orders],
            "evidence": [{"matched": e.matched, "where": e.where, "rule": e.rule, "statement": e.statement,
                          "rule_id": e.rule_id, "reason": e.reason} for e in evidence],
            "vetoed": [{"matched": v.trigger.matched, "where": v.trigger.where, "by": v.by, "rule_id": v.rule_id,
                        "reason": v.reason} for v in vetoed],
            "why": why_line(evidence, orders, d.date_of_service),
            "payer_name": name,
            "whose": payer_short_name(d, lines),
            "payer_is_issuer": d.policy is not None and d.payer is not None and d.policy.payer.id == d.payer.id,
            "payer_issues_national_rules": d.payer is not None and d.payer.id in self._national_payers,
            "policy": self._policy_context(d.policy, line) if d.policy else None,
            "national": self._policy_context(d.national_rule, line) if d.national_rule else None,
            "finding": (self.config["findings"][d.policy.determination] if d.policy else None),
            "cites": "; ".join(p.label for p in (d.policy, d.national_rule) if p is not None),
            "line_of_business": lines.get(line, line) if line else None,
            "excluded_quote": excluded.quote if excluded else None,
            "no_national_rule": self._no_national_rule(d),
            "evidence_policies": evidence_policies,
            "evidence_determinations": " or ".join(determinations) or "none on file",
            "evidence_more": max(0, len(others) - MAX_EVIDENCE_POLICIES),
            "serum_tests": [t.short for t in serum],
            "combined_study": any(dec.match.combined_study for dec in group.decisions),
            "review_overdue": any(dec.review_overdue for dec in group.decisions),
            "date_of_service": d.date_of_service.isoformat(),
            "alternatives": dict(self.config["alternatives"]),
        }
        ctx["what"] = self._memoised(("what", ctx["n"], ctx["service"]["id"]), "what",
                                     n=ctx["n"], service=ctx["service"])
        return ctx

    # --- suggestions ----------------------------------------------------------------------------
    def _suggestions(self, group: _Group, serum: list[SerumTest]) -> list[dict[str, Any]]:
        deletable = [dec.order for dec in group.decisions
                     if dec.order.id and not dec.match.combined_study]
        deletable = list(OrderedDict((o.reference, o) for o in deletable).values())
        if not deletable:
            return []
        s = self._strings
        deletes = [{"type": "delete", "resourceId": o.reference,
                    "description": s["suggestion.remove_action"].render(order=o.label)} for o in deletable]
        suggestions = [{"label": self._label("suggestion.remove", n=len(deletable)),
                        "uuid": new_uuid(), "actions": deletes}]
        if serum:
            template = deletable[0].resource
            creates = []
            for test in serum:
                description, code = self._serum_order(test)
                resource = {"resourceType": "ServiceRequest", "status": "draft", "intent": "order", "code": code}
                for element in ("subject", "encounter", "requester"):   # the card's prune cleans them
                    if isinstance(template.get(element), dict):
                        resource[element] = template[element]
                creates.append({"type": "create", "description": description, "resource": resource})
            suggestions.append({
                "label": self._label("suggestion.replace_serum", tests=", ".join(t.short for t in serum)),
                "uuid": new_uuid(), "actions": deletes + creates})
        return suggestions

    def _serum_order(self, test: SerumTest) -> tuple[str, Pruned | None]:
        """A serum test's action description and the code of the order it creates: fixed by the test
        and the code systems we emit, so built (and pruned) once per test."""
        made = self._serum_orders.get(test)
        if made is None:
            emit = self.policy_set.system_emit
            made = (self._label("suggestion.create_action", test=test.test), pruned_once({"coding": [
                {"system": emit["loinc"], "code": test.loinc_code, "display": test.loinc_display},
                {"system": emit["cpt"], "code": test.cpt}], "text": test.test}))
            self._serum_orders[test] = made
        return made

    # --- cards ----------------------------------------------------------------------------------
    def _summary(self, d: Decision, ctx: dict[str, Any]) -> str:
        _, summary_t, short_t, _ = self._situations[d.situation]
        summary = " ".join(summary_t.render(ctx).split())
        if len(summary) > SUMMARY_MAX or not ctx["whose"]:
            summary = " ".join(short_t.render(ctx).split())
        if len(summary) > SUMMARY_MAX:   # last resort: a long service name with many orders
            summary = summary[: SUMMARY_MAX - 1].rstrip() + "…"
        return summary

    def policy_page_url(self, policy_id: str, base_url: str | None = None) -> str:
        return f"{(base_url or self.base_url).rstrip('/')}/policies/{policy_id}"

    def _links(self, d: Decision, ctx: dict[str, Any], base_url: str | None) -> list[dict[str, str]]:
        """The policy page of each rule the card cites, then the payers' own real pages; evidence cards
        link the list of policies on file for the service. Never a '#' or an invented address."""
        links: list[tuple[str, str]] = []
        if d.situation.names_the_patients_policy and d.policy is not None:
            cited = [p for p in (d.policy, d.national_rule) if p is not None]
            for p in cited:
                # A plan its policy does not name is called what the patient's coverage calls it.
                name = (policy_name(p, mark_national=False) if p.national or p.payer.short_name or not ctx["whose"]
                        else f"{ctx['whose']} {p.label}")
                links.append((self._label("policy_page_link", label=name), self.policy_page_url(p.id, base_url)))
            links += [(l.label, l.url) for p in cited for l in p.links]
        else:
            links.append((self._label("policies_page_link", service=ctx["service"]["short_name"]),
                          f"{(base_url or self.base_url).rstrip('/')}/policies?service={d.match.service.id}"))
        unique = OrderedDict((url, label) for label, url in links)
        return [{"label": label, "url": url, "type": "absolute"} for url, label in unique.items()]

    def render_group(self, group: _Group, card_type_system: str | None = None,
                     base_url: str | None = None) -> dict[str, Any]:
        d = group.first
        serum = self._serum_tests(group)
        ctx = self.context(group, serum)
        indicator, _, _, detail_t = self._situations[d.situation]
        summary = self._summary(d, ctx)
        detail = re.sub(r"\n{3,}", "\n\n", detail_t.render(ctx)).strip()
        suggestions = self._suggestions(group, serum)
        topic = self.config["topic"]
        if d.situation.names_the_patients_policy and d.policy is not None:
            source_label = " ".join(self._strings["source_label"].render(ctx).split())
        else:
            source_label = self.config["evidence_source_label"]
        override = []
        if d.situation is Situation.POLICY_APPLIES and d.policy is not None:
            line = d.coverage.line_of_business if d.coverage else None
            codes = list(OrderedDict.fromkeys(
                (*d.policy.override_reasons_for(line),
                 *(d.national_rule.override_reasons_for(line) if d.national_rule else ()))))
            override = [{"system": self.config["override_reason_system"], "code": code,
                         "display": self.config["override_reasons"][code]} for code in codes]
        card = {
            "uuid": new_uuid(),
            "summary": summary,
            "detail": detail,
            "indicator": indicator,
            "source": {"label": source_label,
                       "topic": {"system": card_type_system or topic["system"],
                                 "code": topic["with_alternatives"] if suggestions else topic["without_alternatives"]}},
            "suggestions": suggestions,
            "selectionBehavior": "at-most-one" if suggestions else None,
            "overrideReasons": override,
            "links": self._links(d, ctx, base_url),
            "extension": {"davinci-crd.associated-resource": [
                {"reference": o.reference} for o in group.orders if o.reference]},
        }
        return prune(card)

    def render_groups(self, decisions: Iterable[Decision], card_type_system: str | None = None,
                      base_url: str | None = None) -> list[tuple[dict[str, Any], "_Group"]]:
        """(card, the decisions it stands for), primary coverage first."""
        return [(self.render_group(g, card_type_system, base_url), g) for g in self.group(decisions)]

    def render(self, decisions: Iterable[Decision], card_type_system: str | None = None,
               base_url: str | None = None) -> list[dict[str, Any]]:
        """The cards for these decisions: the one public way to turn decisions into cards."""
        return [card for card, _ in self.render_groups(decisions, card_type_system, base_url)]
