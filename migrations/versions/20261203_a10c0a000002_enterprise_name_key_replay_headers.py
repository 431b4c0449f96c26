"""enterprise name key, replayed headers

A unique key on (name_norm, name_seq), so two editors entering the same new enterprise at once get one row
and a 409, and the stored headers (ETag) of an idempotent answer, so a replay carries them too.

Enterprises that already share a normalised name (confirmed namesakes, or duplicates a race made before this
key existed) are kept as they are and numbered 1, 2, … after the oldest, in id order: nothing is lost, the key
holds, and the office still sees them as duplicate pairs in 冲突核查 to merge. Their count is printed.

Revision ID: a10c0a000002
Revises: a10c0a000003
Create Date: 2026-11-26 09:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a10c0a000002'
down_revision: str | None = 'a10c0a000003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NUMBER = sa.text(
    "UPDATE enterprise SET name_seq = (SELECT count(*) FROM enterprise AS e2 WHERE e2.name_norm = enterprise.name_norm"
    " AND e2.id < enterprise.id) WHERE EXISTS (SELECT 1 FROM enterprise AS e2"
    " WHERE e2.name_norm = enterprise.name_norm AND e2.id < enterprise.id)")


def upgrade() -> None:
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_seq', sa.Integer(), server_default='0', nullable=False))
    numbered = op.get_bind().execute(_NUMBER)
    if numbered.rowcount:
        print(f"a10c0a000002: {numbered.rowcount} enterprises share a normalised name with an older one; "
              "kept and numbered (name_seq 1, 2, …) — merge them in the enterprise library if they are one company")
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.drop_index('ix_enterprise_name_norm')
        batch_op.create_index('uq_enterprise_name_norm_seq', ['name_norm', 'name_seq'], unique=True)
    with op.batch_alter_table('idempotency_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('response_headers', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('idempotency_record', schema=None) as batch_op:
        batch_op.drop_column('response_headers')
    with op.batch_alter_table('enterprise', schema=None) as batch_op:
        batch_op.drop_index('uq_enterprise_name_norm_seq')
        batch_op.create_index('ix_enterprise_name_norm', ['name_norm'], unique=False)
        batch_op.drop_column('name_seq')
