"""trigram pending lists

A GIN index queues new entries in a pending list that every search reads through (up to 4 MB by default): after
the city benchmark's writes, the duplicate check run on every new enterprise (`former_norms LIKE '%|n|%'`) spent
22 ms scanning it, 0.2 ms once it was merged. The former-names index, searched on every enterprise write and
mostly empty, takes its entries at once (fastupdate off); the other trigram indexes keep short lists (256 kB).
SQLite has none of these indexes.

Revision ID: a20a00000001
Revises: a19a00000001
Create Date: 2026-12-05 10:50:00.000000
"""
from collections.abc import Sequence

import sqlmodel  # noqa: F401 - autogenerate renders sqlmodel types
from alembic import op

revision: str = 'a20a00000001'
down_revision: str | None = 'a19a00000001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SHORT_LISTS = ('ix_enterprise_name_trgm', 'ix_enterprise_former_names_trgm', 'ix_enterprise_uscc_trgm',
               'ix_lead_contact_name_trgm', 'ix_lead_description_trgm', 'ix_project_name_trgm',
               'ix_visit_outcome_trgm', 'ix_visit_place_trgm')


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('ALTER INDEX ix_enterprise_former_norms_trgm SET (fastupdate = off)')
    op.execute("SELECT gin_clean_pending_list('ix_enterprise_former_norms_trgm')")  # what waits there now
    for index in SHORT_LISTS:
        op.execute(f'ALTER INDEX {index} SET (gin_pending_list_limit = 256)')


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('ALTER INDEX ix_enterprise_former_norms_trgm RESET (fastupdate)')
    for index in SHORT_LISTS:
        op.execute(f'ALTER INDEX {index} RESET (gin_pending_list_limit)')
