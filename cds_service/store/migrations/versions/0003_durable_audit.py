"""Natural keys for idempotent replay, notes on values made storable, and the synthetic-data marker.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hook_calls") as batch:
        batch.add_column(sa.Column("record_key", sa.String(32)))
        batch.add_column(sa.Column("sanitized", sa.JSON))
        batch.add_column(sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()))
        batch.create_unique_constraint("uq_hook_calls_record_key", ["record_key"])
    with op.batch_alter_table("issued_cards") as batch:
        batch.add_column(sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()))
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("sanitized", sa.JSON))
        batch.add_column(sa.Column("synthetic", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("feedback") as batch:
        batch.drop_column("synthetic")
        batch.drop_column("sanitized")
    with op.batch_alter_table("issued_cards") as batch:
        batch.drop_column("synthetic")
    with op.batch_alter_table("hook_calls") as batch:
        batch.drop_constraint("uq_hook_calls_record_key", type_="unique")
        batch.drop_column("synthetic")
        batch.drop_column("sanitized")
        batch.drop_column("record_key")
