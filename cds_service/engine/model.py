"""The small typed values the engine speaks in.

Everything here is immutable so that one loaded PolicySet can be shared by every thread of a worker,
and so that a Decision can be handed to the card renderer, the audit and the tests without copies.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class Coding:
    system: str | None
    code: str | None
    display: str | None = None


@dataclass(frozen=True, slots=True)
class Order:
    """One draft order, reduced to what the decision reads.

    `resource` keeps the client's JSON so that suggestions can copy subject, encounter and requester
    and so that a CRD echo can return it unchanged.
    """

    resource_type: str
    id: str | None
    codings: tuple[Coding, ...]
    billing_codings: tuple[Coding, ...]
    text: str | None
    date_of_service: dt.date | None
    resource: Mapping[str, Any] = field(repr=False, compare=False, hash=False)
    categories: tuple[Coding, ...] = ()    # ServiceRequest.category: laboratory, imaging, ...

    @property
    def reference(self) -> str | None:
        return f"{self.resource_type}/{self.id}" if self.id else None

    @property
    def label(self) -> str:
        """What the clinician would call the order: its text, else the first display, else a code."""
        if self.text:
            return self.text
        for coding in self.codings:
            if coding.display:
                return coding.display
        for coding in self.codings + self.billing_codings:
            if coding.code:
                return f"code {coding.code}"
        return self.reference or self.resource_type


@dataclass(frozen=True, slots=True)
class Coverage:
    """One of the patient's coverages, with the payer and line of business as far as they were read."""

    id: str | None
    payer_id: str | None
    payer_name: str | None           # the name the client gave, for cards about unknown payers
    line_of_business: str | None     # None: could not be read from type or class
    order: int | None                # Coverage.order: 1 is primary

    @property
    def reference(self) -> str | None:
        return f"Coverage/{self.id}" if self.id else None


@dataclass(frozen=True, slots=True)
class Payer:
    """A payer on file. `display` is None when its source document does not name it (seed 002):
    cards then use the name the patient's Coverage gives."""

    id: str
    display: str | None
    short_name: str | None
    line_of_business: str | None = None   # the one line it sells, for coverages that do not say


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class ExcludedLine:
    line: str
    quote: str


@dataclass(frozen=True, slots=True)
class PolicyRule:
    """One policy about one service, as data from policy_data/policies/.

    A payer's policy binds that payer's plans. A national rule (`national`, e.g. a Medicare NCD)
    binds every plan of its lines of business whoever the payer; its `payer` is the body that issued
    it.
    """

    id: str
    payer: Payer
    service_id: str
    title: str
    reference: str
    short_reference: str
    source: str
    determination: str
    determination_text: str
    lines_of_business: frozenset[str]
    lines_of_business_text: str
    when_line_unknown: str
    excluded_lines: tuple[ExcludedLine, ...]
    effective_from: dt.date
    last_reviewed: str | None
    next_review: str | None
    statements: Mapping[str, str]
    override_reasons: tuple[str, ...]
    links: tuple[Link, ...]
    policy_url: str | None = None     # the payer's own policy document, for CRD's policy-link
    national: bool = False
    label: str = ""                   # the policy's short name without the payer ("Medical Policy 073")
    card: Mapping[str, str] = field(default_factory=dict)                  # short card sentences
    by_line: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # per line of business
    line_override_reasons: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def override_reasons_for(self, line: str | None) -> tuple[str, ...]:
        return self.line_override_reasons.get(line or "", self.override_reasons)

    def card_text(self, key: str, line: str | None) -> str:
        """The short card sentence `key`, as worded for this line of business if the rule words it so."""
        return self.by_line.get(line or "", {}).get(key) or self.card.get(key, "")

    def excluded(self, line: str | None) -> ExcludedLine | None:
        return next((e for e in self.excluded_lines if e.line == line), None)

    def review_overdue(self, today: dt.date) -> bool:
        """True once the month of the announced next review has passed."""
        if not self.next_review:
            return False
        year, month = (int(p) for p in self.next_review.split("-")[:2])
        return (today.year, today.month) > (year, month)


@dataclass(frozen=True, slots=True)
class SerumTest:
    key: str
    short: str
    test: str
    cpt: str
    loinc_code: str
    loinc_display: str


@dataclass(frozen=True, slots=True)
class Product:
    id: str
    name: str
    lab: str | None
    serum_alternatives: tuple[SerumTest, ...]


@dataclass(frozen=True, slots=True)
class Service:
    id: str
    name: str
    short_name: str
    kind: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an order was recognised: which coding or phrase matched which rule."""

    kind: str          # "code", "phrase", "local-code", "panel-volume"
    matched: str       # the code or the words as they stand in the order
    where: str         # "the order text", "a code display", "the order's codes", ...
    rule: str          # the service, product or organisation mapping that holds the code or phrase
    rule_id: str = ""  # the trigger's id in services.yaml (or "local-code", "panel-volume")
    reason: str = ""   # the rule's one-line reason
    source: str = ""   # where the rule comes from
    system: str = ""   # for a code: its system's short name ("CPT", "SNOMED")

    @property
    def statement(self) -> str:
        """The match said once: a code with its meaning, or the words and where they stand."""
        if self.kind == "code":
            return f"{self.system} {self.matched} ({self.rule}) in {self.where}".lstrip()
        if self.kind == "phrase":
            return f"'{self.matched}' in {self.where}"
        return f"{self.matched} in {self.where} ({self.rule})"


@dataclass(frozen=True, slots=True)
class Veto:
    """A piece of evidence that would have fired, and what stopped it."""

    trigger: Evidence
    by: str            # the words, code or setting that vetoed it
    rule_id: str       # the veto's id in services.yaml ("negation", "local-suppress", a kind rule, ...)
    reason: str
    source: str


@dataclass(frozen=True, slots=True)
class Match:
    service: Service
    products: tuple[Product, ...]
    evidence: tuple[Evidence, ...]
    combined_study: bool = False     # e.g. an MRI ordered together with spectroscopy
    vetoed: tuple[Veto, ...] = ()    # evidence for the same service that was vetoed

    @property
    def trigger_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.rule_id for e in self.evidence if e.rule_id))


class Situation(str, Enum):
    """The rows of the decision table: which card, if any, an in-scope order gets."""

    POLICY_APPLIES = "policy-applies"
    NOT_YET_EFFECTIVE = "policy-not-yet-effective"
    LINE_EXCLUDED = "line-excluded"
    LINE_UNKNOWN = "line-unknown"
    NO_POLICY_FOR_PLAN = "no-policy-for-plan"
    PAYER_UNKNOWN = "payer-unknown"
    NO_COVERAGE = "no-coverage"

    @property
    def names_the_patients_policy(self) -> bool:
        return self in (Situation.POLICY_APPLIES, Situation.NOT_YET_EFFECTIVE,
                        Situation.LINE_EXCLUDED, Situation.LINE_UNKNOWN)


@dataclass(frozen=True, slots=True)
class Decision:
    """What the engine concluded for one order under one coverage (or under none).

    A Decision is data only: the card renderer decides the words.
    """

    situation: Situation
    order: Order
    match: Match
    date_of_service: dt.date
    coverage: Coverage | None = None
    policy: PolicyRule | None = None
    payer: Payer | None = None
    evidence_policies: tuple[PolicyRule, ...] = ()
    review_overdue: bool = False
    national_rule: PolicyRule | None = None   # a national rule binding the plan beside its own `policy`
