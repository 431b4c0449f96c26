"""rollup rows keyed by their grain (unique), with a row count, for delta upserts

Revision ID: a10c0a000001
Revises: 969150fe02c5
Create Date: 2026-12-03 10:30:00

The rollups are derived data: the tables are recreated empty and every slice is marked unbuilt, so the
first progress read (or `zhaoshang progress-rollup --rebuild` right after the upgrade) builds them again.
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


def _day_table(new: bool) -> None:
    op.create_table(
        'progress_rollup',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('metric', _STR(length=40), nullable=False),
        sa.Column('city', sa.Boolean(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=not new),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('month', _STR(length=7), nullable=False),
        sa.Column('status', _STR(length=12), nullable=False),
        sa.Column('region', _STR(length=20), nullable=not new),
        sa.Column('raw', app.core.types.RawSum(precision=38, scale=2), nullable=False),
        *([sa.Column('n', sa.Integer(), nullable=False)] if new else []),
        sa.PrimaryKeyConstraint('id'),
    )
    if new:
        op.create_index('ux_progress_rollup_grain', 'progress_rollup',
                        ['metric', 'city', 'day', 'unit_id', 'status', 'region'], unique=True,
                        postgresql_include=['month', 'raw'])
    else:
        op.create_index('ix_progress_rollup_slice_day', 'progress_rollup', ['metric', 'city', 'day'],
                        unique=False, postgresql_include=['unit_id', 'month', 'status', 'region', 'raw'])


def _month_table(new: bool) -> None:
    op.create_table(
        'progress_rollup_month',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('metric', _STR(length=40), nullable=False),
        sa.Column('city', sa.Boolean(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=not new),
        sa.Column('month', _STR(length=7), nullable=False),
        sa.Column('status', _STR(length=12), nullable=False),
        sa.Column('region', _STR(length=20), nullable=not new),
        sa.Column('raw', app.core.types.RawSum(precision=38, scale=2), nullable=False),
        *([sa.Column('n', sa.Integer(), nullable=False)] if new else []),
        sa.PrimaryKeyConstraint('id'),
    )
    if new:
        op.create_index('ux_progress_rollup_month_grain', 'progress_rollup_month',
                        ['metric', 'city', 'month', 'unit_id', 'status', 'region'], unique=True,
                        postgresql_include=['raw'])
    else:
        op.create_index('ix_progress_rollup_month_slice', 'progress_rollup_month', ['metric', 'city', 'month'],
                        unique=False, postgresql_include=['unit_id', 'status', 'region', 'raw'])


def _recreate(new: bool) -> None:
    op.drop_table('progress_rollup')
    op.drop_table('progress_rollup_month')
    op.execute("DELETE FROM progress_rollup_state")
    _day_table(new)
    _month_table(new)


def upgrade() -> None:
    _recreate(new=True)


def downgrade() -> None:
    _recreate(new=False)
