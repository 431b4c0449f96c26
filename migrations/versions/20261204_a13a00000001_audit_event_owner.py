"""audit_event: the record a child row belongs to (owner_entity, owner_id), indexed

A record's history listed its child rows (a project's credit shares and enterprises, an event's enterprises)
by matching the prefix of their entity_id ("12:5" belongs to project 12) inside an index range — a
workaround. The owner is now a column the audit hook fills; the rows written before get it here, from the
same prefix. The two columns are derived from entity and entity_id, which the hash covers, so the chain
is unchanged. The append-only triggers are lifted for the backfill alone, in this transaction.

Revision ID: a13a00000001
Revises: a16a00000001
Create Date: 2026-12-04 09:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders sqlmodel types
from alembic import op

revision: str = 'a13a00000001'
down_revision: str | None = 'a16a00000001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# child tables (several key columns, the first referencing the owner) as they were at this revision
OWNERS = {"project_credit": "project", "project_enterprise": "project", "event_enterprise": "event",
          "unit_cluster": "unit"}
SQLITE_TRIGGERS = {
    "audit_event_no_update": "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
                             "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END",
}


def upgrade() -> None:
    op.add_column('audit_event', sa.Column('owner_entity', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=True))
    op.add_column('audit_event', sa.Column('owner_id', sa.Integer(), nullable=True))
    op.create_index('ix_audit_event_owner', 'audit_event', ['owner_entity', 'owner_id', 'entity'], unique=False)
    postgresql = op.get_context().dialect.name == "postgresql"
    prefix = ("CAST(split_part(entity_id, ':', 1) AS INTEGER)" if postgresql
              else "CAST(substr(entity_id, 1, instr(entity_id, ':') - 1) AS INTEGER)")
    if postgresql:
        op.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
    else:
        op.execute("DROP TRIGGER audit_event_no_update")
    for child, owner in OWNERS.items():
        op.execute(sa.text(f"UPDATE audit_event SET owner_entity = :owner, owner_id = {prefix} "  # noqa: S608 - fixed names
                           "WHERE entity = :child AND entity_id LIKE '%:%'").bindparams(owner=owner, child=child))
    if postgresql:
        op.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
    else:
        op.execute(SQLITE_TRIGGERS["audit_event_no_update"])


def downgrade() -> None:
    op.drop_index('ix_audit_event_owner', table_name='audit_event')
    # plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch rebuild would lose the append-only triggers
    op.drop_column('audit_event', 'owner_id')
    op.drop_column('audit_event', 'owner_entity')
