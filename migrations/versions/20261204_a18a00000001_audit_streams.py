"""audit streams

The audit hash chain becomes several chains (`audit_event.stream`), so that writers no longer commit one
after another behind a single chain lock (audit/service.py). Every existing row is in stream 0 and keeps its
hash: the row hash does not cover the stream.

Revision ID: a18a00000001
Revises: a15i00000001
Create Date: 2026-12-04 20:50:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders sqlmodel types
from alembic import op

revision: str = 'a18a00000001'
down_revision: str | None = 'a15i00000001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ALTER TABLE on both databases: a batch rebuild on SQLite would lose the append-only triggers
    op.add_column('audit_event', sa.Column('stream', sa.SmallInteger(), server_default='0', nullable=False))
    op.create_index('ix_audit_event_stream', 'audit_event', ['stream', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_event_stream', table_name='audit_event')
    op.drop_column('audit_event', 'stream')  # SQLite 3.35+ drops a column in place
