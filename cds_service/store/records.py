"""Plain values handed to the store: what one hook call and one feedback entry leave behind.

Each can be turned into plain JSON and back, so records can wait in the local spool while the database
is away, and each carries a natural key so writing it twice stores it once.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any


def _new_key() -> str:
    return uuid.uuid4().hex


def _time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


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
    record_key: str = field(default_factory=_new_key)
    sanitized: dict[str, int] | None = None
    synthetic: bool = False

    def call_fields(self) -> dict[str, Any]:
        fields = {k: v for k, v in self.__dict__.items() if k != "cards"}
        fields["cards"] = len(self.cards)
        return fields

    def card_fields(self) -> list[dict[str, Any]]:
        return [dict(c.__dict__, created_at=self.created_at, service_id=self.service_id, shadow=self.shadow,
                     synthetic=self.synthetic) for c in self.cards]

    def make_storable(self) -> "CallAudit":
        """Cut and clean every string to what its column holds, noting original lengths in `sanitized`."""
        from .models import CallRecord, CardRecord
        from .storable import column_limits, make_storable
        notes: dict[str, int] = dict(self.sanitized or {})
        call_limits, card_limits = column_limits(CallRecord.__table__), column_limits(CardRecord.__table__)
        fields = make_storable({k: v for k, v in self.__dict__.items() if k not in ("cards", "sanitized")},
                               call_limits, notes)
        self.__dict__.update(fields)
        for card in self.cards:
            card.__dict__.update(make_storable(dict(card.__dict__), card_limits, notes, prefix="card."))
        self.sanitized = notes or None
        return self

    def to_json(self) -> dict[str, Any]:
        value = dataclasses.asdict(self)
        value["created_at"] = self.created_at.isoformat()
        return value

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> "CallAudit":
        value = dict(value, created_at=_time(value["created_at"]))
        value["cards"] = [CardAudit(**c) for c in value.get("cards", [])]
        return cls(**value)


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
    sanitized: dict[str, int] | None = None
    synthetic: bool = False

    def dedupe_key(self, service_id: str) -> str:
        """Identical entries (same card, outcome, choices, reason and time) are one event."""
        return hashlib.sha256(json.dumps(
            [service_id, self.card, self.outcome, sorted(self.accepted_suggestions), self.override_system,
             self.override_code, self.outcome_timestamp_text]).encode()).hexdigest()

    def make_storable(self) -> "FeedbackEntry":
        from .models import FeedbackRecord
        from .storable import column_limits, make_storable
        limits = dict(column_limits(FeedbackRecord.__table__), card=128, outcome_timestamp_text=64)
        notes: dict[str, int] = dict(self.sanitized or {})
        self.__dict__.update(make_storable({k: v for k, v in self.__dict__.items() if k != "sanitized"},
                                           dict(limits, card=limits["card_uuid"]), notes))
        self.sanitized = notes or None
        return self

    def to_json(self) -> dict[str, Any]:
        value = dataclasses.asdict(self)
        for name in ("outcome_timestamp", "received_at"):
            value[name] = value[name].isoformat() if value[name] else None
        return value

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> "FeedbackEntry":
        return cls(**dict(value, outcome_timestamp=_time(value.get("outcome_timestamp")),
                          received_at=_time(value.get("received_at"))))


@dataclass
class FeedbackBatch:
    """Feedback from one request, waiting for the database with the audit records."""

    service_id: str
    entries: list[FeedbackEntry]
    keep_comments: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"service_id": self.service_id, "keep_comments": self.keep_comments,
                "entries": [e.to_json() for e in self.entries]}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> "FeedbackBatch":
        return cls(value["service_id"], [FeedbackEntry.from_json(e) for e in value["entries"]],
                   value.get("keep_comments", False))
