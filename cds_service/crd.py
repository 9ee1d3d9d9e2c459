"""Da Vinci CRD: coverage information as data on the order, card types, configuration and versions.

We are a provider-side, CRD-style service rather than a payer's CRD server: without a Coverage we still
answer with cards, and we assert coverage information only where a payer's own policy on file, or a
national rule binding the plan's line of business (a Medicare NCD), applies to the patient's plan. A
recognised payer without either gets no assertion from us.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .engine import Decision, Situation
from .ids import new_hex
from .jsonutil import prune

COVERAGE_INFORMATION_URL = "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information"
SUPPORTED_VERSIONS = ("2.2", "2.0")


@dataclass(frozen=True)
class CrdProfile:
    """The codes that differ between CRD 2.0 (all in CodeSystem/temp) and 2.2 (THO code systems)."""

    version: str
    card_type_system: str
    detail_code_system: str | None          # None: the version has no policy-link detail code
    detail_category_system: str | None


PROFILES = {
    "2.2": CrdProfile("2.2", "http://terminology.hl7.org/CodeSystem/cdshooks-card-type",
                      "http://terminology.hl7.org/CodeSystem/crd-coverage-detail",
                      "http://hl7.org/fhir/us/davinci-crd/CodeSystem/coverage-information-codes"),
    "2.0": CrdProfile("2.0", "http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp", None, None),
}

# Card types we emit, with the words CRD's code systems give them; and the integer option max-cards.
CARD_TYPES = {
    "therapy-alternatives-opt": ("Optional Therapy Alternatives",
                                 "Cards offering alternatives (remove the order, standard serum tests)"),
    "guideline": ("Guideline", "Cards citing a payer policy without one-click alternatives"),
}
DEFAULT_MAX_CARDS = 10


@dataclass(frozen=True)
class CrdConfiguration:
    """What the client asked for in `extension.davinci-crd.configuration`; unknown codes are ignored."""

    coverage_info: bool = True
    card_types: Mapping[str, bool] = field(default_factory=dict)
    max_cards: int = DEFAULT_MAX_CARDS

    def allows(self, card_type: str) -> bool:
        return self.card_types.get(card_type, True)


def profile_for(extension: Mapping[str, Any], default: str) -> CrdProfile:
    """The version the client requested, when we support it; else the configured one."""
    requested = extension.get("davinci-crd.requestedVersion")
    if isinstance(requested, str):
        major_minor = ".".join(requested.strip().split(".")[:2])
        if major_minor in PROFILES:
            return PROFILES[major_minor]
    return PROFILES[default]


def configuration_for(extension: Mapping[str, Any]) -> CrdConfiguration:
    raw = extension.get("davinci-crd.configuration")
    if not isinstance(raw, dict):
        return CrdConfiguration()
    coverage_info = raw.get("coverage-info")
    max_cards = raw.get("max-cards")
    return CrdConfiguration(
        coverage_info=coverage_info if isinstance(coverage_info, bool) else True,
        card_types={code: raw[code] for code in CARD_TYPES if isinstance(raw.get(code), bool)},
        max_cards=max_cards if isinstance(max_cards, int) and not isinstance(max_cards, bool) and max_cards >= 0
        else DEFAULT_MAX_CARDS,
    )


def discovery_extension(default_version: str) -> dict[str, Any]:
    options = [{"code": "coverage-info", "type": "boolean", "name": "Coverage information",
                "description": "Return coverage-information system actions on orders a payer policy on file covers",
                "default": True}]
    options += [{"code": code, "type": "boolean", "name": name, "description": description, "default": True}
                for code, (name, description) in CARD_TYPES.items()]
    options.append({"code": "max-cards", "type": "integer", "name": "Maximum cards",
                    "description": "The most cards returned for one call, primary coverage first",
                    "default": DEFAULT_MAX_CARDS})
    versions = [default_version] + [v for v in SUPPORTED_VERSIONS if v != default_version]
    return {"davinci-crd.version": versions, "davinci-crd.configuration-options": options}


def _billing_codes(decision: Decision, emit_cpt: str, cpt_aliases: Iterable[str]) -> list[dict[str, str]]:
    aliases = set(cpt_aliases)
    codes: list[str] = []
    for coding in decision.order.codings + decision.order.billing_codings:
        if coding.system in aliases and coding.code and coding.code.upper() not in codes:
            codes.append(coding.code.upper())
    return [{"system": emit_cpt, "code": code} for code in codes]


def coverage_information(decision: Decision, profile: CrdProfile, today: dt.date,
                         emit_cpt: str, cpt_aliases: Iterable[str]) -> dict[str, Any]:
    """One assertion: this policy, under this coverage, finds the ordered service not covered."""
    policy = decision.policy
    assert policy is not None and decision.coverage is not None and decision.coverage.reference
    parts: list[dict[str, Any]] = [
        {"url": "coverage", "valueReference": {"reference": decision.coverage.reference}},
        {"url": "covered", "valueCode": "not-covered"},
    ]
    parts += [{"url": "billingCode", "valueCoding": c} for c in _billing_codes(decision, emit_cpt, cpt_aliases)]
    # The plan's own policy and the national rule it follows are both reasons for the assertion.
    cited = [rule for rule in (policy, decision.national_rule) if rule is not None]
    parts += [{"url": "reason", "valueCodeableConcept": {"text": f"{rule.reference}: {rule.determination_text}"}}
              for rule in cited]
    if profile.detail_code_system:
        parts += [{"url": "detail", "extension": [
            {"url": "category", "valueCodeableConcept": {"coding": [
                {"system": profile.detail_category_system, "code": "cat-other"}]}},
            {"url": "code", "valueCodeableConcept": {"coding": [
                {"system": profile.detail_code_system, "code": "policy-link", "display": "Policy Link"}]}},
            {"url": "value", "valueUrl": rule.policy_url}]} for rule in cited if rule.policy_url]
    parts += [{"url": "date", "valueDate": today.isoformat()},
              {"url": "coverage-assertion-id", "valueString": new_hex()}]
    return {"url": COVERAGE_INFORMATION_URL, "extension": parts}


def asserting_decisions(decisions: Iterable[Decision]) -> list[Decision]:
    """Decisions that become coverage information: a payer's policy or a national rule applies to an
    identifiable order under an identifiable coverage."""
    return [d for d in decisions if d.situation is Situation.POLICY_APPLIES and d.order.id
            and d.coverage is not None and d.coverage.reference]


def system_actions(asserting: Iterable[Decision], profile: CrdProfile, today: dt.date,
                   emit_cpt: str, cpt_aliases: Iterable[str]) -> list[dict[str, Any]]:
    """One `update` per order: the client's order unchanged but for one extension per coverage.
    `asserting` are the decisions asserting_decisions() kept."""
    by_order: dict[str, tuple[Mapping[str, Any], list[dict[str, Any]], list[str]]] = {}
    for d in asserting:
        resource, extensions, policies = by_order.setdefault(d.order.reference, (d.order.resource, [], []))
        extensions.append(coverage_information(d, profile, today, emit_cpt, cpt_aliases))
        for rule in (d.policy, d.national_rule):
            if rule is not None and rule.short_reference not in policies:
                policies.append(rule.short_reference)
    actions = []
    for reference, (resource, extensions, policies) in by_order.items():
        echo = prune(dict(resource), drop_empty_objects=False)   # new containers: the input is untouched
        existing = echo.get("extension") if isinstance(echo.get("extension"), list) else []
        echo["extension"] = existing + extensions
        actions.append({"type": "update", "resource": echo,
                        "description": f"Record coverage information ({'; '.join(policies)}) on {reference}"})
    return actions
