"""list indexes: keyset orders, the verification queue, trigram search; rollup row counts

Composite (scope, sort, id) and (sort, id) indexes so a list page at any depth is one index range; the
verification queue's (status, submitted_at, id); on PostgreSQL pg_trgm GIN indexes for `LIKE '%q%'`.
The single-column date indexes that the (date, id) ones make redundant are dropped.

Revision ID: a10c0a000003
Revises: a10c0a000001
Create Date: 2026-11-26 10:00:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = 'a10c0a000003'
down_revision: str | None = 'a10c0a000001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEYSETS = {
    'visit': [('unit_id', 'visit_date'), ('visit_date',), ('created_at',), ('updated_at',), ('status', 'submitted_at')],
    'event': [('unit_id', 'event_date'), ('event_date',), ('created_at',), ('updated_at',), ('status', 'submitted_at')],
    'lead': [('unit_id', 'received_on'), ('assigned_unit_id', 'received_on'), ('received_on',), ('created_at',),
             ('updated_at',)],
    'project': [('unit_id', 'created_at'), ('landing_unit_id', 'created_at'), ('created_at',), ('updated_at',),
                ('total_investment',), ('status', 'submitted_at')],
    'funds_report': [('unit_id', 'period'), ('period',), ('created_at',), ('status', 'submitted_at')],
    'enterprise': [('name',), ('created_at',)],
}
TRIGRAMS = {'visit': ['place', 'outcome'], 'lead': ['description', 'contact_name'], 'project': ['name'],
            'enterprise': ['name', 'former_names', 'uscc']}
REPLACED = {'visit': 'visit_date', 'event': 'event_date', 'lead': 'received_on', 'funds_report': 'period'}


def _keyset_name(table: str, columns: tuple[str, ...]) -> str:
    return f"ix_{table}_{'_'.join(columns)}_id"


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == 'postgresql'
    for table, keys in KEYSETS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for columns in keys:
                batch_op.create_index(_keyset_name(table, columns), [*columns, 'id'], unique=False)
            if table in REPLACED:
                batch_op.drop_index(f'ix_{table}_{REPLACED[table]}')
    if postgresql:
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        for table, columns in TRIGRAMS.items():
            for column in columns:
                op.create_index(f'ix_{table}_{column}_trgm', table, [column], unique=False, postgresql_using='gin',
                                postgresql_ops={column: 'gin_trgm_ops'})


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == 'postgresql'
    if postgresql:
        for table, columns in TRIGRAMS.items():
            for column in columns:
                op.drop_index(f'ix_{table}_{column}_trgm', table_name=table)
        # the extension stays: other objects may use it, and dropping it needs more rights than creating
    for table, keys in KEYSETS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table in REPLACED:
                batch_op.create_index(f'ix_{table}_{REPLACED[table]}', [REPLACED[table]], unique=False)
            for columns in keys:
                batch_op.drop_index(_keyset_name(table, columns))
