"""the plan's T03 per-unit part gets its own code, T03U

Two targets of the seeded plan shared the code T03: the city's total and each county's and zone's
part (threshold 0, not measured on its own). Codes name one row of the plan, so the part becomes T03U.

Revision ID: a11a00000001
Revises: a12a00000001
Create Date: 2026-12-04 06:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a11a00000001'
down_revision: str | None = 'a12a00000001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_target = sa.table('target', sa.column('code', sa.String), sa.column('metric', sa.String),
                   sa.column('applies_to', sa.String), sa.column('unit_type', sa.String))


def upgrade() -> None:
    op.execute(_target.update()
               .where(_target.c.code == 'T03', _target.c.metric == 'funds_yi_projects',
                      _target.c.applies_to == 'unit_type', _target.c.unit_type == 'territorial')
               .values(code='T03U'))


def downgrade() -> None:
    op.execute(_target.update().where(_target.c.code == 'T03U').values(code='T03'))
