"""The tables: one row per hook call, per card issued, per feedback entry, per JWT seen.

Patient and user references are stored only as keyed hashes; no names, order text or notes.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class CallRecord(Base):
    __tablename__ = "hook_calls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Natural key given when the record is made: a record written twice (spool replay) is stored once.
    record_key: Mapped[str | None] = mapped_column(String(32), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    hook_instance: Mapped[str | None] = mapped_column(String(128), index=True)
    service_id: Mapped[str] = mapped_column(String(64))
    hook: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    payers: Mapped[list[Any]] = mapped_column(JSON, default=list)
    lines_of_business: Mapped[list[Any]] = mapped_column(JSON, default=list)
    policies: Mapped[list[Any]] = mapped_column(JSON, default=list)
    situations: Mapped[list[Any]] = mapped_column(JSON, default=list)
    orders: Mapped[int] = mapped_column(Integer, default=0)
    cards: Mapped[int] = mapped_column(Integer, default=0)
    system_actions: Mapped[int] = mapped_column(Integer, default=0)
    latency_ms: Mapped[float] = mapped_column(Float, default=0.0)
    policy_version: Mapped[str] = mapped_column(String(32))
    disabled_policies: Mapped[list[Any]] = mapped_column(JSON, default=list)
    shadow: Mapped[bool] = mapped_column(Boolean, default=False)
    patient_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    user_hash: Mapped[str | None] = mapped_column(String(64))
    # field -> original length, for values cut or cleaned to be storable
    sanitized: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)   # written by `cds-service demo-data`


class CardRecord(Base):
    __tablename__ = "issued_cards"

    uuid: Mapped[str] = mapped_column(String(64), primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("hook_calls.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    service_id: Mapped[str] = mapped_column(String(64))
    order_type: Mapped[str] = mapped_column(String(64))
    policy_id: Mapped[str | None] = mapped_column(String(128))
    payer_id: Mapped[str | None] = mapped_column(String(64))
    situation: Mapped[str] = mapped_column(String(64))
    indicator: Mapped[str] = mapped_column(String(16))
    order_codes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    suggestions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)   # suggestion uuid -> kind
    triggers: Mapped[list[Any] | None] = mapped_column(JSON, default=list)     # recognition rule ids that fired
    shadow: Mapped[bool] = mapped_column(Boolean, default=False)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)


class FeedbackRecord(Base):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dedupe_key: Mapped[str] = mapped_column(String(64), unique=True)
    card_uuid: Mapped[str] = mapped_column(String(128), index=True)
    known_card: Mapped[bool] = mapped_column(Boolean)
    service_id: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    accepted_suggestions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    accepted_kind: Mapped[str | None] = mapped_column(String(16))
    override_system: Mapped[str | None] = mapped_column(String(255))
    override_code: Mapped[str | None] = mapped_column(String(128))
    override_display: Mapped[str | None] = mapped_column(String(255))
    user_comment: Mapped[str | None] = mapped_column(Text)
    outcome_timestamp: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    sanitized: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False)


class ReplayRecord(Base):
    """A JWT id seen within its lifetime; rows expire with the token."""

    __tablename__ = "jwt_replay"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
