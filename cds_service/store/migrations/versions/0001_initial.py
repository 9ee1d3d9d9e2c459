"""Audit, issued cards, feedback and the JWT replay store.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hook_calls",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("hook_instance", sa.String(128)),
        sa.Column("service_id", sa.String(64), nullable=False),
        sa.Column("hook", sa.String(32), nullable=False),
        sa.Column("outcome", sa.String(64), nullable=False),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("payers", sa.JSON, nullable=False),
        sa.Column("lines_of_business", sa.JSON, nullable=False),
        sa.Column("policies", sa.JSON, nullable=False),
        sa.Column("situations", sa.JSON, nullable=False),
        sa.Column("orders", sa.Integer, nullable=False),
        sa.Column("cards", sa.Integer, nullable=False),
        sa.Column("system_actions", sa.Integer, nullable=False),
        sa.Column("latency_ms", sa.Float, nullable=False),
        sa.Column("policy_version", sa.String(32), nullable=False),
        sa.Column("disabled_policies", sa.JSON, nullable=False),
        sa.Column("shadow", sa.Boolean, nullable=False),
        sa.Column("patient_hash", sa.String(64)),
        sa.Column("user_hash", sa.String(64)),
    )
    op.create_index("ix_hook_calls_created_at", "hook_calls", ["created_at"])
    op.create_index("ix_hook_calls_hook_instance", "hook_calls", ["hook_instance"])
    op.create_index("ix_hook_calls_patient_hash", "hook_calls", ["patient_hash"])
    op.create_table(
        "issued_cards",
        sa.Column("uuid", sa.String(64), primary_key=True),
        sa.Column("call_id", sa.Integer, sa.ForeignKey("hook_calls.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("service_id", sa.String(64), nullable=False),
        sa.Column("order_type", sa.String(64), nullable=False),
        sa.Column("policy_id", sa.String(128)),
        sa.Column("payer_id", sa.String(64)),
        sa.Column("situation", sa.String(64), nullable=False),
        sa.Column("indicator", sa.String(16), nullable=False),
        sa.Column("order_codes", sa.JSON, nullable=False),
        sa.Column("suggestions", sa.JSON, nullable=False),
        sa.Column("shadow", sa.Boolean, nullable=False),
    )
    op.create_index("ix_issued_cards_call_id", "issued_cards", ["call_id"])
    op.create_index("ix_issued_cards_created_at", "issued_cards", ["created_at"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dedupe_key", sa.String(64), nullable=False, unique=True),
        sa.Column("card_uuid", sa.String(128), nullable=False),
        sa.Column("known_card", sa.Boolean, nullable=False),
        sa.Column("service_id", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("accepted_suggestions", sa.JSON, nullable=False),
        sa.Column("accepted_kind", sa.String(16)),
        sa.Column("override_system", sa.String(255)),
        sa.Column("override_code", sa.String(128)),
        sa.Column("override_display", sa.String(255)),
        sa.Column("user_comment", sa.Text),
        sa.Column("outcome_timestamp", sa.DateTime(timezone=True)),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_feedback_card_uuid", "feedback", ["card_uuid"])
    op.create_index("ix_feedback_received_at", "feedback", ["received_at"])
    op.create_table(
        "jwt_replay",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_jwt_replay_expires_at", "jwt_replay", ["expires_at"])


def downgrade() -> None:
    op.drop_table("jwt_replay")
    op.drop_table("feedback")
    op.drop_table("issued_cards")
    op.drop_table("hook_calls")
