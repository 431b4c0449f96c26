"""external ids on records

Every record kind's table gets the sender's own id (`external_id`) and whose id it is (`external_source`: the API
client, or a person's unit), unique together per table (`records.external`). Existing rows have neither.

Revision ID: a17e00000001
Revises: a16b00000001
Create Date: 2026-12-04 14:53:46.723136
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders sqlmodel types
from alembic import op

revision: str = 'a17e00000001'
down_revision: str | None = 'a16b00000001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("enterprise", "lead", "visit", "event", "project", "funds_report")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('external_source', sqlmodel.sql.sqltypes.AutoString(length=40),
                                          nullable=True))
            batch_op.add_column(sa.Column('external_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
            batch_op.create_index(f'uq_{table}_external', ['external_source', 'external_id'], unique=True)


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'uq_{table}_external')
            batch_op.drop_column('external_id')
            batch_op.drop_column('external_source')
