"""What a worker builds once at start and shares across requests: settings, policies, templates, HTTP pool."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from . import crd
from .cards import CardRenderer
from .config import Settings
from .engine import PolicySet, decide_matches, in_scope, read_coverages
from .fhir_access import CoverageData, FhirReader, gather_coverage
from .hook_request import HookCall
from .policy_files import load_policy_set


@dataclass
class Evaluation:
    """The outcome of one hook call, for the response and the call log."""

    response: dict[str, Any]
    decisions: list
    coverage: CoverageData


@dataclass
class Runtime:
    settings: Settings
    policy_set: PolicySet
    renderer: CardRenderer
    reader: FhirReader

    @classmethod
    def build(cls, settings: Settings) -> "Runtime":
        policy_set = load_policy_set(settings.policy_dir, **settings.policy_settings())
        return cls(settings, policy_set, CardRenderer(settings.cards_dir, policy_set),
                   FhirReader(settings.fhir_timeout, settings.fhir_max_bytes))

    def today(self) -> dt.date:
        return dt.datetime.now(self.settings.timezone).date()

    def evaluate(self, call: HookCall, today: dt.date | None = None) -> Evaluation:
        """Coverage (prefetch or a bounded read), the engine, then cards. No I/O when nothing is in scope."""
        today = today or self.today()
        recognised = in_scope(call.orders, self.policy_set)
        if not recognised:
            return Evaluation({"cards": []}, [], CoverageData())
        data = gather_coverage(call.prefetch_coverage, call.fhir_server, call.access_token,
                               call.patient_id, self.reader)
        coverages = read_coverages(data.coverages, data.organizations, self.policy_set)
        decisions = decide_matches(recognised, coverages, self.policy_set, today)
        profile = crd.profile_for(call.extension, self.settings.crd_version)
        configuration = crd.configuration_for(call.extension)
        actions: list = []
        if configuration.coverage_info:
            ps = self.policy_set
            cpt_aliases = [uri for uri, alias in ps.system_alias.items() if alias == "cpt"]
            actions = crd.system_actions(decisions, profile, today, ps.system_emit["cpt"], cpt_aliases)
        recorded = frozenset((d.order.reference, d.policy.id) for d in crd.asserting_decisions(decisions)
                             ) if actions else frozenset()
        cards = [c for c in self.renderer.render(decisions, profile.card_type_system, recorded)
                 if configuration.allows(c["source"]["topic"]["code"])][:configuration.max_cards]
        response: dict[str, Any] = {"cards": cards}
        if actions:
            response["systemActions"] = actions
        return Evaluation(response, decisions, data)
