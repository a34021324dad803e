"""Indexes in the order exports list a claim's figures and source links.

Revision ID: 0009_export_order_indexes
Revises: 0008_export_jobs
Create Date: 2026-12-02 06:45:00

The figures' claim_id index becomes (claim_id, start_char), reading order; source links get a
claim_id index, whose entries SQLite keeps in link id order. Exports built by SQLite read
through them (factcheck/datasets/db_records.py); lookups by claim_id use them as before.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0009_export_order_indexes'
down_revision = '0008_export_jobs'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_figures_claim_start', 'figures', ['claim_id', 'start_char'])
    op.drop_index('ix_figures_claim_id', table_name='figures')
    op.create_index('ix_claim_sources_claim', 'claim_sources', ['claim_id'])


def downgrade():
    op.drop_index('ix_claim_sources_claim', table_name='claim_sources')
    op.create_index('ix_figures_claim_id', 'figures', ['claim_id'])
    op.drop_index('ix_figures_claim_start', table_name='figures')
