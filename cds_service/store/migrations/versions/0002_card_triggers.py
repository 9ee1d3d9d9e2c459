"""Issued cards keep the ids of the recognition rules that fired, for the report's trigger table.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("issued_cards") as batch:
        batch.add_column(sa.Column("triggers", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("issued_cards") as batch:
        batch.drop_column("triggers")
