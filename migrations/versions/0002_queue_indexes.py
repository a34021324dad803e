"""Indexes for the review queue: score order, status tabs, facet counts.

Revision ID: 0002_queue_indexes
Revises: 0001_initial
Create Date: 2026-11-25 21:23:35.728083

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0002_queue_indexes'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index('ix_claims_created', ['created_at', 'id'], unique=False)
        batch_op.create_index('ix_claims_facets', ['status', 'language', 'has_figure',
                                                   'has_attribution', 'assignee_id'], unique=False)
        batch_op.create_index('ix_claims_score', ['checkworthiness', 'id'], unique=False)
        batch_op.create_index('ix_claims_status_score', ['status', 'checkworthiness', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index('ix_claims_status_score')
        batch_op.drop_index('ix_claims_score')
        batch_op.drop_index('ix_claims_facets')
        batch_op.drop_index('ix_claims_created')

