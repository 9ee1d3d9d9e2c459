"""Plain values handed to the store: what one hook call and one feedback entry leave behind."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class CardAudit:
    uuid: str
    order_type: str
    policy_id: str | None
    payer_id: str | None
    situation: str
    indicator: str
    order_codes: list[str]
    suggestions: dict[str, str]          # suggestion uuid -> "remove" | "serum"
    triggers: list[str] = field(default_factory=list)   # recognition rule ids that fired (services.yaml)


@dataclass
class CallAudit:
    created_at: dt.datetime
    hook_instance: str | None
    service_id: str
    hook: str
    outcome: str
    status: int
    policy_version: str
    latency_ms: float = 0.0
    payers: list[str | None] = field(default_factory=list)
    lines_of_business: list[str | None] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    situations: list[str] = field(default_factory=list)
    orders: int = 0
    system_actions: int = 0
    disabled_policies: list[str] = field(default_factory=list)
    shadow: bool = False
    patient_hash: str | None = None
    user_hash: str | None = None
    cards: list[CardAudit] = field(default_factory=list)

    def call_fields(self) -> dict[str, Any]:
        fields = {k: v for k, v in self.__dict__.items() if k != "cards"}
        fields["cards"] = len(self.cards)
        return fields

    def card_fields(self) -> list[dict[str, Any]]:
        return [dict(c.__dict__, created_at=self.created_at, service_id=self.service_id, shadow=self.shadow)
                for c in self.cards]


@dataclass
class FeedbackEntry:
    card: str
    outcome: str
    accepted_suggestions: list[str] = field(default_factory=list)
    override_system: str | None = None
    override_code: str | None = None
    override_display: str | None = None
    user_comment: str | None = None
    outcome_timestamp: dt.datetime | None = None
    outcome_timestamp_text: str | None = None
    received_at: dt.datetime | None = None

    def dedupe_key(self, service_id: str) -> str:
        """Identical entries (same card, outcome, choices, reason and time) are one event."""
        return hashlib.sha256(json.dumps(
            [service_id, self.card, self.outcome, sorted(self.accepted_suggestions), self.override_system,
             self.override_code, self.outcome_timestamp_text]).encode()).hexdigest()
