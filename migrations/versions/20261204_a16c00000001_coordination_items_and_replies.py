"""coordination items and replies

项目协调: an issue raised on a project (category, description, ask), its responsible unit and due date, its
escalation to a quarter's leading-group meeting and closing; and the responsible unit's replies.

Revision ID: a16c00000001
Revises: a16b00000001
Create Date: 2026-12-04 14:55:45.248461
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401 - autogenerate renders sqlmodel types
from alembic import op

import app.core.types  # noqa: F401 - custom column types

revision: str = 'a16c00000001'
down_revision: str | None = 'a16b00000001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('coordination_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('raised_by_unit_id', sa.Integer(), nullable=False),
    sa.Column('raised_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('ask', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('assignee_unit_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('progress', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
    sa.Column('escalated_year', sa.Integer(), nullable=True),
    sa.Column('escalated_quarter', sa.Integer(), nullable=True),
    sa.Column('escalation_reason', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('close_note', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('closed_at', app.core.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assignee_unit_id'], ['unit.id'], ),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], ),
    sa.ForeignKeyConstraint(['raised_by_unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('coordination_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coordination_item_assignee_unit_id'), ['assignee_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coordination_item_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_coordination_item_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coordination_item_raised_by_unit_id'), ['raised_by_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_coordination_item_status'), ['status'], unique=False)

    op.create_table('coordination_reply',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('progress', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('created_at', app.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['coordination_item.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('coordination_reply', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coordination_reply_item_id'), ['item_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('coordination_reply', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coordination_reply_item_id'))

    op.drop_table('coordination_reply')
    with op.batch_alter_table('coordination_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coordination_item_status'))
        batch_op.drop_index(batch_op.f('ix_coordination_item_raised_by_unit_id'))
        batch_op.drop_index(batch_op.f('ix_coordination_item_project_id'))
        batch_op.drop_index(batch_op.f('ix_coordination_item_due_date'))
        batch_op.drop_index(batch_op.f('ix_coordination_item_assignee_unit_id'))

    op.drop_table('coordination_item')
