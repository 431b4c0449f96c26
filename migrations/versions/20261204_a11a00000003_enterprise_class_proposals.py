"""enterprises hold a unit's proposed change of counted classes until the office verifies it

Revision ID: a11a00000003
Revises: a11a00000002
Create Date: 2026-12-04 06:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders sqlmodel types
from alembic import op

import app.core.types  # noqa: F401 - custom column types

revision: str = 'a11a00000003'
down_revision: str | None = 'a11a00000002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('enterprise') as batch:
        batch.add_column(sa.Column('proposed_classes', sa.Text(), nullable=True))
        batch.add_column(sa.Column('classes_proposed_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
        batch.add_column(sa.Column('classes_proposed_by_unit_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('classes_proposed_at', app.core.types.UTCDateTime(timezone=True), nullable=True))
        batch.create_foreign_key('fk_enterprise_classes_proposed_by_unit_id_unit', 'unit',
                                 ['classes_proposed_by_unit_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('enterprise') as batch:
        batch.drop_constraint('fk_enterprise_classes_proposed_by_unit_id_unit', type_='foreignkey')
        batch.drop_column('classes_proposed_at')
        batch.drop_column('classes_proposed_by_unit_id')
        batch.drop_column('classes_proposed_by')
        batch.drop_column('proposed_classes')
