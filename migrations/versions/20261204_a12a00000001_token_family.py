"""token families: one row per sign-in, so access tokens die with their family

Every refresh token's family gets a row, revoked when all its refresh tokens were.

Revision ID: a12a00000001
Revises: a10c0a000002
Create Date: 2026-12-04 05:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders sqlmodel types
from alembic import op

import app.core.types  # noqa: F401 - custom column types

revision: str = 'a12a00000001'
down_revision: str | None = 'a10c0a000002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'token_family',
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column('revoked_at', app.core.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('token_family', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_token_family_user_id'), ['user_id'], unique=False)
    op.execute(
        "INSERT INTO token_family (id, user_id, created_at, revoked_at) "
        "SELECT family, MIN(user_id), MIN(created_at), "
        "CASE WHEN COUNT(revoked_at) = COUNT(*) THEN MAX(revoked_at) END "
        "FROM refresh_token GROUP BY family"
    )


def downgrade() -> None:
    with op.batch_alter_table('token_family', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_token_family_user_id'))
    op.drop_table('token_family')
