"""From Decisions to CDS Hooks cards, with the words taken from cards/.

Decisions about the same policy (or, without one, the same service) in the same situation share a
card: four MRS orders under one plan are one decision for the clinician, not four alerts. Templates
are compiled once at start with StrictUndefined, so a misspelt name fails loudly in the test suite.
"""
from __future__ import annotations

import re
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

import jinja2
import yaml

from .engine import Decision, Order, PolicySet, SerumTest, Situation
from .jsonutil import prune

SUMMARY_MAX = 139
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
    def __init__(self, cards_dir: Path, policy_set: PolicySet):
        self.policy_set = policy_set
        cards_dir = Path(cards_dir)
        config_path = cards_dir / "cards.yaml"
        try:
            self.config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CardTemplateError(f"{config_path}: cannot be read ({exc})") from exc
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(cards_dir)), undefined=jinja2.StrictUndefined,
            autoescape=False, keep_trailing_newline=False)
        self._memo: dict[tuple, str] = {}
        self.env.filters["md"] = escape_markdown
        self.env.filters["upfirst"] = lambda v: str(v)[:1].upper() + str(v)[1:]
        try:
            self._strings = {
                "source_label": self.env.from_string(self.config["source_label"]),
                "what": self.env.from_string(self.config["what"]),
                **{f"suggestion.{k}": self.env.from_string(v) for k, v in self.config["suggestions"].items()},
            }
            self._situations = {}
            for situation in Situation:
                spec = self.config["situations"][situation.value]
                if spec["indicator"] not in ("info", "warning", "critical"):
                    raise CardTemplateError(f"{config_path}: situations.{situation.value}.indicator "
                                            f"must be info, warning or critical")
                self._situations[situation] = (
                    spec["indicator"], self.env.from_string(spec["summary"]), self.env.get_template(spec["detail"]))
            for reason in (r for p in policy_set.policies.values() for r in p.override_reasons):
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

    def context(self, group: _Group, serum: list[SerumTest]) -> dict[str, Any]:
        d = group.first
        orders = group.orders
        evidence = []
        vetoed = []
        for dec in group.decisions:
            for e in dec.match.evidence:
                if e not in evidence:
                    evidence.append(e)
            for v in dec.match.vetoed:
                if v not in vetoed:
                    vetoed.append(v)
        lines = self.policy_set.line_displays
        policy_ctx = None
        if d.policy is not None:
            p = d.policy
            policy_ctx = {
                "id": p.id, "title": p.title, "reference": p.reference, "short_reference": p.short_reference,
                "determination_text": p.determination_text, "lines_of_business_text": p.lines_of_business_text,
                "effective_from": p.effective_from.isoformat(), "last_reviewed": _format_month(p.last_reviewed),
                "next_review": _format_month(p.next_review), "statements": {k: p.statements.get(k, "") for k in STATEMENT_KEYS},
                "excluded_lines": [{"line": e.line, "line_display": lines.get(e.line, e.line)}
                                   for e in p.excluded_lines],
            }
        evidence_policies = []
        determinations: list[str] = []
        for p in d.evidence_policies[:MAX_EVIDENCE_POLICIES]:
            evidence_policies.append({
                "payer_display": p.payer.display, "title": p.title, "determination_text": p.determination_text,
                "effective_note": (f"for dates of service on or after {p.effective_from.isoformat()}"
                                   if p.effective_from > d.date_of_service else None),
                "evidence_statement": p.statements.get("evidence", ""),
            })
            word = p.determination.replace("-", " ")
            if word not in determinations:
                determinations.append(word)
        coverage = d.coverage
        line = coverage.line_of_business if coverage else None
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
            "payer": {"id": d.payer.id, "display": d.payer.display, "short_name": d.payer.short_name}
            if d.payer else None,
            "policy": policy_ctx,
            "line_of_business": lines.get(line, line) if line else None,
            "excluded_quote": excluded.quote if excluded else None,
            "coverage_payer_name": coverage.payer_name if coverage else None,
            "evidence_policies": evidence_policies,
            "evidence_determinations": " or ".join(determinations) or "none on file",
            "evidence_more": max(0, len(d.evidence_policies) - MAX_EVIDENCE_POLICIES),
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
        emit = self.policy_set.system_emit
        deletes = [{"type": "delete", "resourceId": o.reference,
                    "description": s["suggestion.remove_action"].render(order=o.label)} for o in deletable]
        suggestions = [{"label": self._label("suggestion.remove", n=len(deletable)),
                        "uuid": str(uuid.uuid4()), "actions": deletes}]
        if serum:
            template = deletable[0].resource
            creates = []
            for test in serum:
                resource = {
                    "resourceType": "ServiceRequest", "status": "draft", "intent": "order",
                    "code": {"coding": [
                        {"system": emit["loinc"], "code": test.loinc_code, "display": test.loinc_display},
                        {"system": emit["cpt"], "code": test.cpt}], "text": test.test},
                }
                for element in ("subject", "encounter", "requester"):   # the card's prune cleans them
                    if isinstance(template.get(element), dict):
                        resource[element] = template[element]
                creates.append({"type": "create", "description": self._label("suggestion.create_action", test=test.test),
                                "resource": resource})
            suggestions.append({
                "label": self._label("suggestion.replace_serum", tests=", ".join(t.short for t in serum)),
                "uuid": str(uuid.uuid4()), "actions": deletes + creates})
        return suggestions

    # --- cards ----------------------------------------------------------------------------------
    def render_group(self, group: _Group, card_type_system: str | None = None,
                     recorded: frozenset = frozenset()) -> dict[str, Any]:
        d = group.first
        serum = self._serum_tests(group)
        ctx = self.context(group, serum)
        # CRD asks cards not to repeat what a coverage-information system action already carries.
        ctx["coverage_info_recorded"] = bool(d.policy) and all(
            (o.reference, d.policy.id) in recorded for o in group.orders)
        indicator, summary_t, detail_t = self._situations[d.situation]
        summary = " ".join(summary_t.render(ctx).split())
        if len(summary) > SUMMARY_MAX:
            summary = summary[: SUMMARY_MAX - 1].rstrip() + "…"
        detail = re.sub(r"\n{3,}", "\n\n", detail_t.render(ctx)).strip()
        suggestions = self._suggestions(group, serum)
        topic = self.config["topic"]
        if d.situation.names_the_patients_policy and d.policy is not None:
            source_label = self._memoised(
                ("source_label", d.payer.id, d.policy.id), "source_label",
                payer={"display": d.payer.display, "short_name": d.payer.short_name},
                policy={"title": d.policy.title, "short_reference": d.policy.short_reference,
                        "reference": d.policy.reference})
            links = d.policy.links
        else:
            source_label = self.config["evidence_source_label"]
            links = tuple(OrderedDict((l.url, l) for p in d.evidence_policies for l in p.links).values())
        override = []
        if d.situation is Situation.POLICY_APPLIES and d.policy is not None:
            override = [{"system": self.config["override_reason_system"], "code": code,
                         "display": self.config["override_reasons"][code]} for code in d.policy.override_reasons]
        card = {
            "uuid": str(uuid.uuid4()),
            "summary": summary,
            "detail": detail,
            "indicator": indicator,
            "source": {"label": source_label,
                       "topic": {"system": card_type_system or topic["system"],
                                 "code": topic["with_alternatives"] if suggestions else topic["without_alternatives"]}},
            "suggestions": suggestions,
            "selectionBehavior": "at-most-one" if suggestions else None,
            "overrideReasons": override,
            "links": [{"label": l.label, "url": l.url, "type": "absolute"} for l in links],
            "extension": {"davinci-crd.associated-resource": [
                {"reference": o.reference} for o in group.orders if o.reference]},
        }
        return prune(card)

    def render_groups(self, decisions: Iterable[Decision], card_type_system: str | None = None,
                      recorded: frozenset = frozenset()) -> list[tuple[dict[str, Any], "_Group"]]:
        """(card, the decisions it stands for), primary coverage first. `recorded` holds (order
        reference, policy id) pairs that a coverage-information system action already states."""
        return [(self.render_group(g, card_type_system, recorded), g) for g in self.group(decisions)]

    def render(self, decisions: Iterable[Decision], card_type_system: str | None = None,
               recorded: frozenset = frozenset()) -> list[dict[str, Any]]:
        return [card for card, _ in self.render_groups(decisions, card_type_system, recorded)]
