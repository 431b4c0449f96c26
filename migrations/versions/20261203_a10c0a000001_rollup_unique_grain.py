"""rollup slices per counting rules, rows keyed by their grain (unique) with a row count

Revision ID: a10c0a000001
Revises: 969150fe02c5
Create Date: 2026-12-03 10:30:00

The rollups are derived data: the tables are recreated empty, so the first progress read (or
`zhaoshang progress-rollup --rebuild` right after the upgrade) builds them again.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders sqlmodel types
from alembic import op

import app.core.types

revision: str = 'a10c0a000001'
down_revision: str | None = '969150fe02c5'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STR = sqlmodel.sql.sqltypes.AutoString
_RAW = app.core.types.RawSum(precision=38, scale=2)
_UTC = app.core.types.UTCDateTime(timezone=True)


def _rows_table(name: str, grain: sa.Column, include: list[str]) -> None:
    """A table of slice rows by `grain` (day or month), unique per grain."""
    op.create_table(
        name,
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slice_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        grain,
        *([sa.Column('month', _STR(length=7), nullable=False)] if grain.name == 'day' else []),
        sa.Column('status', _STR(length=12), nullable=False),
        sa.Column('region', _STR(length=20), nullable=False),
        sa.Column('raw', _RAW, nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['slice_id'], ['progress_rollup_slice.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    suffix = 'grain' if grain.name == 'day' else 'month_grain'
    op.create_index(f'ux_progress_rollup_{suffix}', name, ['slice_id', grain.name, 'unit_id', 'status', 'region'],
                    unique=True, postgresql_include=include)


def upgrade() -> None:
    op.drop_table('progress_rollup')
    op.drop_table('progress_rollup_month')
    op.drop_table('progress_rollup_state')
    op.create_table(
        'progress_rollup_slice',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('metric', _STR(length=40), nullable=False),
        sa.Column('city', sa.Boolean(), nullable=False),
        sa.Column('fingerprint', _STR(length=64), nullable=False),
        sa.Column('rules', sa.Text(), nullable=False),
        sa.Column('built_until', sa.Date(), nullable=True),
        sa.Column('built_at', _UTC, nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('metric', 'city', 'fingerprint', name='uq_progress_rollup_slice'),
    )
    op.create_table(
        'progress_rollup_serving',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rules', sa.Text(), nullable=False),
        sa.Column('switched_at', _UTC, nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    _rows_table('progress_rollup', sa.Column('day', sa.Date(), nullable=False), ['month', 'raw'])
    _rows_table('progress_rollup_month', sa.Column('month', _STR(length=7), nullable=False), ['raw'])


def downgrade() -> None:
    op.drop_table('progress_rollup')
    op.drop_table('progress_rollup_month')
    op.drop_table('progress_rollup_serving')
    op.drop_table('progress_rollup_slice')
    op.create_table(
        'progress_rollup_state',
        sa.Column('metric', _STR(length=40), nullable=False),
        sa.Column('city', sa.Boolean(), nullable=False),
        sa.Column('fingerprint', _STR(length=64), nullable=False),
        sa.Column('built_at', _UTC, nullable=False),
        sa.PrimaryKeyConstraint('metric', 'city'),
    )
    for name, grain, include in (('progress_rollup', 'day', ['unit_id', 'month', 'status', 'region', 'raw']),
                                 ('progress_rollup_month', 'month', ['unit_id', 'status', 'region', 'raw'])):
        op.create_table(
            name,
            sa.Column('id', sa.Integer(), nullable=False),
            sa.Column('metric', _STR(length=40), nullable=False),
            sa.Column('city', sa.Boolean(), nullable=False),
            sa.Column('unit_id', sa.Integer(), nullable=True),
            *([sa.Column('day', sa.Date(), nullable=False)] if grain == 'day' else []),
            sa.Column('month', _STR(length=7), nullable=False),
            sa.Column('status', _STR(length=12), nullable=False),
            sa.Column('region', _STR(length=20), nullable=True),
            sa.Column('raw', _RAW, nullable=False),
            sa.PrimaryKeyConstraint('id'),
        )
        index = 'ix_progress_rollup_slice_day' if grain == 'day' else 'ix_progress_rollup_month_slice'
        op.create_index(index, name, ['metric', 'city', grain], unique=False, postgresql_include=include)
