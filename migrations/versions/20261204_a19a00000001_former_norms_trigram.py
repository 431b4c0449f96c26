"""former norms trigram

The duplicate check run on every new enterprise asks `name_norm = n OR former_norms LIKE '%|n|%'`; without
an index for the second half PostgreSQL scanned the whole table (9 ms at 50,000 enterprises, on each
create). A pg_trgm GIN index answers it; SQLite keeps scanning, as it always did.

Revision ID: a19a00000001
Revises: a18a00000001
Create Date: 2026-12-04 23:30:00.000000
"""
from collections.abc import Sequence

import sqlmodel  # noqa: F401 - autogenerate renders sqlmodel types
from alembic import op

revision: str = 'a19a00000001'
down_revision: str | None = 'a18a00000001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':  # pg_trgm exists since a10c0a000003
        op.create_index('ix_enterprise_former_norms_trgm', 'enterprise', ['former_norms'], unique=False,
                        postgresql_using='gin', postgresql_ops={'former_norms': 'gin_trgm_ops'})


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.drop_index('ix_enterprise_former_norms_trgm', table_name='enterprise')
