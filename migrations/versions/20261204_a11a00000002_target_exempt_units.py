"""targets name the units of their type they do not bind; the plan's 其他市直部门 targets skip lead departments

T12 (visits) and T13 (a landed 过亿元 project) are for "其他市直部门": the departments other than those
leading an industry group. Existing plans get that reading; the office can change it per target.

Revision ID: a11a00000002
Revises: a11a00000001
Create Date: 2026-12-04 06:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a11a00000002'
down_revision: str | None = 'a11a00000001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_target = sa.table('target', sa.column('id', sa.Integer), sa.column('code', sa.String),
                   sa.column('applies_to', sa.String), sa.column('unit_type', sa.String),
                   sa.column('exempt_unit_ids', sa.JSON))
_link = sa.table('unit_link', sa.column('related_unit_id', sa.Integer), sa.column('kind', sa.String))


def upgrade() -> None:
    op.add_column('target', sa.Column('exempt_unit_ids', sa.JSON(), server_default='[]', nullable=False))
    conn = op.get_bind()
    leads = sorted({row[0] for row in conn.execute(
        sa.select(_link.c.related_unit_id).where(_link.c.kind == 'lead_department'))})
    if leads:
        conn.execute(_target.update()
                     .where(_target.c.code.in_(('T12', 'T13')), _target.c.applies_to == 'unit_type',
                            _target.c.unit_type == 'department')
                     .values(exempt_unit_ids=leads))


def downgrade() -> None:
    with op.batch_alter_table('target') as batch:
        batch.drop_column('exempt_unit_ids')
